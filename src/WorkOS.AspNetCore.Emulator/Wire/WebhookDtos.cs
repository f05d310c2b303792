using System.Text.Json;

namespace WorkOS.AspNetCore.Emulator.Wire;

/// <summary>WorkOS's event envelope, as delivered to webhook endpoints.</summary>
internal sealed record EventDto(string Object, string Id, string Event, JsonElement Data, string CreatedAt);

/// <summary>The answer of <c>GET /events</c>: WorkOS's list shape, with <c>object: "list"</c>.</summary>
internal sealed record EventListDto(string Object, IReadOnlyList<EventDto> Data, ListMetadataDto ListMetadata);

/// <summary>The control API's request to register a webhook endpoint.</summary>
internal sealed record WebhookEndpointRequestDto(string? Url, string? Secret);

/// <summary>One entry of <c>GET /_emulator/webhook_deliveries</c>.</summary>
internal sealed record WebhookDeliveryDto(string EventId, string Event, string EndpointId, string Url, int Attempts, int? LastStatus, string State);

/// <summary>The answer of <c>GET /_emulator/webhook_deliveries</c>.</summary>
internal sealed record WebhookDeliveryListDto(int Count, IReadOnlyList<WebhookDeliveryDto> Data);
