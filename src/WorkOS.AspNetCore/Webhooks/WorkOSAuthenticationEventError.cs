using System.Text.Json.Serialization;

namespace WorkOS.AspNetCore.Webhooks;

/// <summary>Why an authentication step failed, as an <c>authentication.*_failed</c> event says.</summary>
public sealed class WorkOSAuthenticationEventError
{
    /// <summary>The error code, such as <c>invalid_one_time_code</c>.</summary>
    [JsonPropertyName("code")] public string Code { get; init; } = string.Empty;

    /// <summary>The error's description.</summary>
    [JsonPropertyName("message")] public string? Message { get; init; }
}
