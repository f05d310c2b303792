using System.Text.Json.Serialization;

namespace WorkOS.AspNetCore.Webhooks;

/// <summary>
/// The data of <c>invitation.created</c>, <c>.accepted</c>, <c>.revoked</c> and <c>.resent</c>: the invitation, without
/// its token or accept link (events do not carry them; read the invitation by <see cref="Id"/> to send the email).
/// </summary>
public sealed class WorkOSInvitationEventData
{
    /// <summary>The invitation id (<c>invitation_...</c>).</summary>
    [JsonPropertyName("id")] public string Id { get; init; } = string.Empty;

    /// <summary>The address invited.</summary>
    [JsonPropertyName("email")] public string Email { get; init; } = string.Empty;

    /// <summary>The invitation's state: <c>pending</c>, <c>accepted</c>, <c>expired</c> or <c>revoked</c>.</summary>
    [JsonPropertyName("state")] public string? State { get; init; }

    /// <summary>The organization invited to, when any.</summary>
    [JsonPropertyName("organization_id")] public string? OrganizationId { get; init; }

    /// <summary>The user who sent the invitation, when known.</summary>
    [JsonPropertyName("inviter_user_id")] public string? InviterUserId { get; init; }

    /// <summary>When the invitation stops being valid.</summary>
    [JsonPropertyName("expires_at")] public DateTimeOffset? ExpiresAt { get; init; }

    /// <summary>When the invitation was accepted, for an accepted one.</summary>
    [JsonPropertyName("accepted_at")] public DateTimeOffset? AcceptedAt { get; init; }

    /// <summary>When the invitation was revoked, for a revoked one.</summary>
    [JsonPropertyName("revoked_at")] public DateTimeOffset? RevokedAt { get; init; }
}
