namespace WorkOS.AspNetCore.Emulator;

public sealed partial class EmulatorSeed
{
    /// <summary>
    /// Roles that are only ever assigned on resources (WorkOS resource roles). Unlike <see cref="Roles"/>, they are
    /// never a membership's organization role and never appear in access tokens; fine-grained checks use them.
    /// </summary>
    public List<SeedRole> ResourceRoles { get; set; } = [];

    /// <summary>The authorization resources.</summary>
    public List<SeedResource> Resources { get; set; } = [];

    /// <summary>The roles of memberships on resources (or organization wide).</summary>
    public List<SeedRoleAssignment> RoleAssignments { get; set; } = [];

    /// <summary>Adds a role that is only assigned on resources.</summary>
    /// <param name="slug">The role slug.</param>
    /// <param name="permissions">The permissions it grants on the resource and its descendants.</param>
    /// <returns>This seed.</returns>
    public EmulatorSeed AddResourceRole(string slug, params string[] permissions)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(slug);
        ResourceRoles.Add(new SeedRole { Slug = slug, Permissions = [.. permissions] });
        return this;
    }

    /// <summary>Adds an authorization resource.</summary>
    /// <returns>This seed.</returns>
    public EmulatorSeed AddResource(SeedResource resource)
    {
        ArgumentNullException.ThrowIfNull(resource);
        Resources.Add(resource);
        return this;
    }

    /// <summary>Adds an authorization resource.</summary>
    /// <param name="organizationId">The organization it belongs to.</param>
    /// <param name="resourceTypeSlug">The resource type, for example <c>report</c>.</param>
    /// <param name="externalId">The app's own id of the resource.</param>
    /// <param name="name">The display name; the external id when <see langword="null"/>.</param>
    /// <param name="parentExternalId">The external id of the parent resource, if any.</param>
    /// <param name="id">The WorkOS id; generated when <see langword="null"/>.</param>
    /// <returns>This seed.</returns>
    public EmulatorSeed AddResource(string organizationId, string resourceTypeSlug, string externalId, string? name = null,
        string? parentExternalId = null, string? id = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(organizationId);
        ArgumentException.ThrowIfNullOrWhiteSpace(resourceTypeSlug);
        ArgumentException.ThrowIfNullOrWhiteSpace(externalId);
        return AddResource(new SeedResource
        {
            Id = id,
            OrganizationId = organizationId,
            ResourceTypeSlug = resourceTypeSlug,
            ExternalId = externalId,
            Name = name,
            ParentExternalId = parentExternalId,
        });
    }

    /// <summary>Adds a role assignment.</summary>
    /// <returns>This seed.</returns>
    public EmulatorSeed AddRoleAssignment(SeedRoleAssignment assignment)
    {
        ArgumentNullException.ThrowIfNull(assignment);
        RoleAssignments.Add(assignment);
        return this;
    }

    /// <summary>Gives a member a role on a resource (found by external id and type), or organization wide.</summary>
    /// <param name="userIdOrEmail">The user id or email address.</param>
    /// <param name="organizationId">The organization of the membership.</param>
    /// <param name="roleSlug">The role slug.</param>
    /// <param name="resourceTypeSlug">The resource type; <see langword="null"/> with <paramref name="resourceExternalId"/> for organization wide.</param>
    /// <param name="resourceExternalId">The resource's external id; <see langword="null"/> for organization wide.</param>
    /// <returns>This seed.</returns>
    public EmulatorSeed AddRoleAssignment(string userIdOrEmail, string organizationId, string roleSlug,
        string? resourceTypeSlug = null, string? resourceExternalId = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(userIdOrEmail);
        ArgumentException.ThrowIfNullOrWhiteSpace(organizationId);
        ArgumentException.ThrowIfNullOrWhiteSpace(roleSlug);
        return AddRoleAssignment(new SeedRoleAssignment
        {
            UserId = userIdOrEmail,
            OrganizationId = organizationId,
            RoleSlug = roleSlug,
            ResourceTypeSlug = resourceTypeSlug,
            ResourceExternalId = resourceExternalId,
        });
    }
}
