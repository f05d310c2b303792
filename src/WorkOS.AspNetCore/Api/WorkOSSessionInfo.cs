using System.Text.Json.Serialization;

namespace WorkOS.AspNetCore.Api;

/// <summary>A WorkOS session: a user's signed-in connection to this application.</summary>
public sealed class WorkOSSessionInfo
{
    /// <summary>The session id (<c>session_...</c>).</summary>
    [JsonPropertyName("id")] public string Id { get; init; } = string.Empty;

    /// <summary>The user id.</summary>
    [JsonPropertyName("user_id")] public string UserId { get; init; } = string.Empty;

    /// <summary>The organization the session is scoped to, when any.</summary>
    [JsonPropertyName("organization_id")] public string? OrganizationId { get; init; }

    /// <summary>The session status, for example <c>active</c>.</summary>
    [JsonPropertyName("status")] public string? Status { get; init; }

    /// <summary>How the user authenticated.</summary>
    [JsonPropertyName("auth_method")] public string? AuthMethod { get; init; }

    /// <summary>The IP address the session started from.</summary>
    [JsonPropertyName("ip_address")] public string? IpAddress { get; init; }

    /// <summary>The user agent the session started from.</summary>
    [JsonPropertyName("user_agent")] public string? UserAgent { get; init; }

    /// <summary>When the session expires.</summary>
    [JsonPropertyName("expires_at")] public DateTimeOffset? ExpiresAt { get; init; }

    /// <summary>When the session ended, if it has.</summary>
    [JsonPropertyName("ended_at")] public DateTimeOffset? EndedAt { get; init; }

    /// <summary>When the session started.</summary>
    [JsonPropertyName("created_at")] public DateTimeOffset? CreatedAt { get; init; }
}
