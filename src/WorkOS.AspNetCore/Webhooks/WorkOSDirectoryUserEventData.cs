using System.Text.Json.Serialization;

namespace WorkOS.AspNetCore.Webhooks;

/// <summary>The data of <c>dsync.user.created</c>, <c>.updated</c> and <c>.deleted</c>: the directory user.</summary>
public sealed class WorkOSDirectoryUserEventData
{
    /// <summary>The directory user id (<c>directory_user_...</c>).</summary>
    [JsonPropertyName("id")] public string Id { get; init; } = string.Empty;

    /// <summary>The directory the user belongs to.</summary>
    [JsonPropertyName("directory_id")] public string DirectoryId { get; init; } = string.Empty;

    /// <summary>The directory's organization.</summary>
    [JsonPropertyName("organization_id")] public string? OrganizationId { get; init; }

    /// <summary>The user's state in the directory: <c>active</c> or <c>inactive</c>.</summary>
    [JsonPropertyName("state")] public string? State { get; init; }

    /// <summary>The user's first name, when known.</summary>
    [JsonPropertyName("first_name")] public string? FirstName { get; init; }

    /// <summary>The user's last name, when known.</summary>
    [JsonPropertyName("last_name")] public string? LastName { get; init; }
}
