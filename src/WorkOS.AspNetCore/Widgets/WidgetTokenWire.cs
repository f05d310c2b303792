using System.Text.Json.Serialization;

namespace WorkOS.AspNetCore.Widgets;

/// <summary>The body of <c>POST /widgets/token</c>.</summary>
internal sealed class WidgetTokenRequest
{
    [JsonPropertyName("organization_id")]
    public required string OrganizationId { get; init; }

    [JsonPropertyName("user_id")]
    public required string UserId { get; init; }

    [JsonPropertyName("scopes")]
    public required IReadOnlyList<string> Scopes { get; init; }
}

/// <summary>The answer of <c>POST /widgets/token</c>.</summary>
internal sealed class WidgetTokenResponse
{
    [JsonPropertyName("token")]
    public string? Token { get; init; }
}

[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(WidgetTokenRequest))]
[JsonSerializable(typeof(WidgetTokenResponse))]
internal sealed partial class WidgetJsonContext : JsonSerializerContext;
