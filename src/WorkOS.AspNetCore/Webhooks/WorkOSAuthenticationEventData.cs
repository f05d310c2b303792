using System.Text.Json.Serialization;

namespace WorkOS.AspNetCore.Webhooks;

/// <summary>
/// The data of the <c>authentication.*_succeeded</c> and <c>authentication.*_failed</c> events (password, OAuth, SSO,
/// Magic Auth, email verification, MFA): one step of a sign-in.
/// </summary>
public sealed class WorkOSAuthenticationEventData
{
    /// <summary>The method of the step, such as <c>password</c>, <c>oauth</c>, <c>sso</c> or <c>email_verification</c>.</summary>
    [JsonPropertyName("type")] public string Type { get; init; } = string.Empty;

    /// <summary>The step's outcome: <c>succeeded</c> or <c>failed</c>.</summary>
    [JsonPropertyName("status")] public string Status { get; init; } = string.Empty;

    /// <summary>The user, when known (a failed step may not name one).</summary>
    [JsonPropertyName("user_id")] public string? UserId { get; init; }

    /// <summary>The email address the step was for, when known.</summary>
    [JsonPropertyName("email")] public string? Email { get; init; }

    /// <summary>The address the request came from, when known.</summary>
    [JsonPropertyName("ip_address")] public string? IpAddress { get; init; }

    /// <summary>The request's user agent, when known.</summary>
    [JsonPropertyName("user_agent")] public string? UserAgent { get; init; }

    /// <summary>Why the step failed, for a failed one.</summary>
    [JsonPropertyName("error")] public WorkOSAuthenticationEventError? Error { get; init; }
}
