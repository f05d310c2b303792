using System.Text.Json.Serialization;

namespace WorkOS.AspNetCore.Webhooks;

/// <summary>The data of <c>session.created</c> and <c>session.revoked</c>: the session.</summary>
public sealed class WorkOSSessionEventData
{
    /// <summary>The session id: the access token's <c>sid</c>.</summary>
    [JsonPropertyName("id")] public string Id { get; init; } = string.Empty;

    /// <summary>The session's user.</summary>
    [JsonPropertyName("user_id")] public string UserId { get; init; } = string.Empty;

    /// <summary>The organization the session is signed in to, when any.</summary>
    [JsonPropertyName("organization_id")] public string? OrganizationId { get; init; }

    /// <summary>The session's status, such as <c>active</c> or <c>revoked</c>.</summary>
    [JsonPropertyName("status")] public string? Status { get; init; }

    /// <summary>The address the session was started from, when known.</summary>
    [JsonPropertyName("ip_address")] public string? IpAddress { get; init; }

    /// <summary>The user agent the session was started with, when known.</summary>
    [JsonPropertyName("user_agent")] public string? UserAgent { get; init; }

    /// <summary>When the session ended, for a revoked one.</summary>
    [JsonPropertyName("ended_at")] public DateTimeOffset? EndedAt { get; init; }
}
