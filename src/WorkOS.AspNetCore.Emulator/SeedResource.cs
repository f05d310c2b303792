namespace WorkOS.AspNetCore.Emulator;

/// <summary>
/// An authorization resource (a folder, a report, a project...) that fine-grained checks ask about. Resources live
/// in one organization and may have a parent; a role assigned on a resource applies to all of its descendants.
/// </summary>
public sealed class SeedResource
{
    /// <summary>The WorkOS resource id (<c>authz_resource_...</c>); generated when missing.</summary>
    public string? Id { get; set; }

    /// <summary>The app's own id of the resource; unique per organization and resource type.</summary>
    public string ExternalId { get; set; } = "";

    /// <summary>The resource type slug, for example <c>report</c> or <c>folder</c>.</summary>
    public string ResourceTypeSlug { get; set; } = "";

    /// <summary>The display name; the external id when missing.</summary>
    public string? Name { get; set; }

    /// <summary>A description, if any.</summary>
    public string? Description { get; set; }

    /// <summary>The organization the resource belongs to.</summary>
    public string OrganizationId { get; set; } = "";

    /// <summary>The parent's WorkOS resource id; or use <see cref="ParentExternalId"/>.</summary>
    public string? ParentResourceId { get; set; }

    /// <summary>The parent's external id (in the same organization); or use <see cref="ParentResourceId"/>.</summary>
    public string? ParentExternalId { get; set; }

    /// <summary>The parent's resource type, with <see cref="ParentExternalId"/>; needed only when two types share the external id.</summary>
    public string? ParentResourceTypeSlug { get; set; }
}
