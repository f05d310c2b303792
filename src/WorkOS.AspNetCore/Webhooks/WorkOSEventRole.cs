using System.Text.Json.Serialization;

namespace WorkOS.AspNetCore.Webhooks;

/// <summary>A role as events name it: by its slug.</summary>
public sealed class WorkOSEventRole
{
    /// <summary>The role's slug, such as <c>admin</c>.</summary>
    [JsonPropertyName("slug")] public string Slug { get; init; } = string.Empty;
}
