using System.Text.Json.Serialization;

namespace WorkOS.AspNetCore.Webhooks;

/// <summary>The data of <c>organization.created</c>, <c>.updated</c> and <c>.deleted</c>: the organization.</summary>
public sealed class WorkOSOrganizationEventData
{
    /// <summary>The organization id (<c>org_...</c>).</summary>
    [JsonPropertyName("id")] public string Id { get; init; } = string.Empty;

    /// <summary>The organization's name.</summary>
    [JsonPropertyName("name")] public string? Name { get; init; }

    /// <summary>The app's own id for the organization, when set.</summary>
    [JsonPropertyName("external_id")] public string? ExternalId { get; init; }
}
