using System.Text.Json.Serialization;

namespace WorkOS.AspNetCore.AdminPortal;

/// <summary>The body of <c>POST /portal/generate_link</c>.</summary>
internal sealed class PortalLinkRequest
{
    [JsonPropertyName("organization")]
    public required string Organization { get; init; }

    [JsonPropertyName("intent")]
    public required string Intent { get; init; }

    [JsonPropertyName("return_url")]
    public string? ReturnUrl { get; init; }

    [JsonPropertyName("success_url")]
    public string? SuccessUrl { get; init; }
}

/// <summary>The answer of <c>POST /portal/generate_link</c>.</summary>
internal sealed class PortalLinkResponse
{
    [JsonPropertyName("link")]
    public string? Link { get; init; }
}

[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(PortalLinkRequest))]
[JsonSerializable(typeof(PortalLinkResponse))]
internal sealed partial class AdminPortalJsonContext : JsonSerializerContext;
