using System.Text.Json.Serialization;

namespace WorkOS.AspNetCore.Webhooks;

/// <summary>The data of <c>dsync.group.created</c>, <c>.updated</c> and <c>.deleted</c>: the directory group.</summary>
public sealed class WorkOSDirectoryGroupEventData
{
    /// <summary>The directory group id (<c>directory_group_...</c>).</summary>
    [JsonPropertyName("id")] public string Id { get; init; } = string.Empty;

    /// <summary>The directory the group belongs to.</summary>
    [JsonPropertyName("directory_id")] public string DirectoryId { get; init; } = string.Empty;

    /// <summary>The directory's organization.</summary>
    [JsonPropertyName("organization_id")] public string? OrganizationId { get; init; }

    /// <summary>The group's id at the identity provider.</summary>
    [JsonPropertyName("idp_id")] public string? IdpId { get; init; }

    /// <summary>The group's name.</summary>
    [JsonPropertyName("name")] public string? Name { get; init; }
}
