using System.Text.Json.Serialization;

namespace WorkOS.AspNetCore.Actions;

/// <summary>The invitation a user registration action's sign-up comes with.</summary>
public sealed class WorkOSActionInvitation
{
    /// <summary>The invitation id (<c>invitation_...</c>).</summary>
    [JsonPropertyName("id")] public string Id { get; init; } = string.Empty;

    /// <summary>The email address invited.</summary>
    [JsonPropertyName("email")] public string? Email { get; init; }

    /// <summary>The invitation's state: <c>pending</c>, <c>accepted</c>, <c>expired</c> or <c>revoked</c>.</summary>
    [JsonPropertyName("state")] public string? State { get; init; }

    /// <summary>The organization the invitation is to, when there is one.</summary>
    [JsonPropertyName("organization_id")] public string? OrganizationId { get; init; }

    /// <summary>The user who sent the invitation, when known.</summary>
    [JsonPropertyName("inviter_user_id")] public string? InviterUserId { get; init; }

    /// <summary>When the invitation expires.</summary>
    [JsonPropertyName("expires_at")] public DateTimeOffset? ExpiresAt { get; init; }
}
