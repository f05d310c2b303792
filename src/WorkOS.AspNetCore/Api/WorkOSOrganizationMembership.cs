using System.Text.Json.Serialization;

namespace WorkOS.AspNetCore.Api;

/// <summary>The fields of a WorkOS <c>organization_membership</c> that fine-grained checks need.</summary>
internal sealed class WorkOSOrganizationMembership
{
    [JsonPropertyName("id")] public string Id { get; set; } = string.Empty;
    [JsonPropertyName("user_id")] public string UserId { get; set; } = string.Empty;
    [JsonPropertyName("organization_id")] public string OrganizationId { get; set; } = string.Empty;
    [JsonPropertyName("status")] public string? Status { get; set; }
}
