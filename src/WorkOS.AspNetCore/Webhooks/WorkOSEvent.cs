using System.Text.Json;
using System.Text.Json.Serialization;

namespace WorkOS.AspNetCore.Webhooks;

/// <summary>A WorkOS event, as a webhook delivers it: every event type, known to this library or not.</summary>
public sealed class WorkOSEvent
{
    /// <summary>The event id (<c>event_...</c>); a repeated delivery carries the same id.</summary>
    [JsonPropertyName("id")] public string Id { get; init; } = string.Empty;

    /// <summary>The event type, such as <c>session.revoked</c> or <c>dsync.user.deleted</c>.</summary>
    [JsonPropertyName("event")] public string Event { get; init; } = string.Empty;

    /// <summary>When WorkOS recorded the event.</summary>
    [JsonPropertyName("created_at")] public DateTimeOffset CreatedAt { get; init; }

    /// <summary>The event's data as sent: the object the event is about.</summary>
    [JsonPropertyName("data")] public JsonElement Data { get; init; }

    /// <summary>The event's context, when WorkOS sent one.</summary>
    [JsonPropertyName("context")] public JsonElement? Context { get; init; }
}
