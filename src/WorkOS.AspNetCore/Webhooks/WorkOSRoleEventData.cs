using System.Text.Json.Serialization;

namespace WorkOS.AspNetCore.Webhooks;

/// <summary>The data of <c>role.created</c>, <c>.updated</c> and <c>.deleted</c>: the role.</summary>
public sealed class WorkOSRoleEventData
{
    /// <summary>The role's slug, such as <c>admin</c>: what memberships and access tokens name it by.</summary>
    [JsonPropertyName("slug")] public string Slug { get; init; } = string.Empty;

    /// <summary>The role id (<c>role_...</c>), when sent.</summary>
    [JsonPropertyName("id")] public string? Id { get; init; }

    /// <summary>The role's display name, when sent.</summary>
    [JsonPropertyName("name")] public string? Name { get; init; }

    /// <summary>The role's description, when sent.</summary>
    [JsonPropertyName("description")] public string? Description { get; init; }
}
