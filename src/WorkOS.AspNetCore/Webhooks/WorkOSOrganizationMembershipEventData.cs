using System.Text.Json.Serialization;

namespace WorkOS.AspNetCore.Webhooks;

/// <summary>The data of <c>organization_membership.created</c>, <c>.updated</c> and <c>.deleted</c>: the membership.</summary>
public sealed class WorkOSOrganizationMembershipEventData
{
    /// <summary>The membership id (<c>om_...</c>).</summary>
    [JsonPropertyName("id")] public string Id { get; init; } = string.Empty;

    /// <summary>The member.</summary>
    [JsonPropertyName("user_id")] public string UserId { get; init; } = string.Empty;

    /// <summary>The organization.</summary>
    [JsonPropertyName("organization_id")] public string OrganizationId { get; init; } = string.Empty;

    /// <summary>The membership's status: <c>active</c>, <c>inactive</c> or <c>pending</c>.</summary>
    [JsonPropertyName("status")] public string? Status { get; init; }

    /// <summary>The member's role in the organization, when sent.</summary>
    [JsonPropertyName("role")] public WorkOSEventRole? Role { get; init; }
}
