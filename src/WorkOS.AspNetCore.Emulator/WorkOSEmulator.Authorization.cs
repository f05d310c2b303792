namespace WorkOS.AspNetCore.Emulator;

public sealed partial class WorkOSEmulator
{
    /// <summary>Adds an authorization resource while the emulator runs; its parent, if any, must exist.</summary>
    /// <param name="resource">The resource.</param>
    /// <returns>The resource id (<c>authz_resource_...</c>).</returns>
    /// <exception cref="ArgumentException">The organization or parent is unknown, or the resource exists.</exception>
    public string AddResource(SeedResource resource)
    {
        ArgumentNullException.ThrowIfNull(resource);
        return _core.Store.AddResource(resource);
    }

    /// <summary>
    /// Gives a member a role on a resource (and its descendants), or organization wide when no resource is named.
    /// Access checks reflect it at once.
    /// </summary>
    /// <param name="userIdOrEmail">The user id or email address.</param>
    /// <param name="organizationId">The organization of the membership.</param>
    /// <param name="roleSlug">An environment role or a resource role.</param>
    /// <param name="resourceTypeSlug">The resource type, with <paramref name="resourceExternalId"/>.</param>
    /// <param name="resourceExternalId">The resource's external id; <see langword="null"/> for organization wide.</param>
    /// <returns>The role assignment id, for <see cref="RemoveRoleAssignment"/>.</returns>
    /// <exception cref="ArgumentException">The user, membership, role or resource is unknown.</exception>
    public string AssignRole(string userIdOrEmail, string organizationId, string roleSlug, string? resourceTypeSlug = null,
        string? resourceExternalId = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(userIdOrEmail);
        ArgumentException.ThrowIfNullOrWhiteSpace(organizationId);
        ArgumentException.ThrowIfNullOrWhiteSpace(roleSlug);
        return _core.Store.AssignRole(userIdOrEmail, organizationId, roleSlug, resourceTypeSlug, resourceExternalId);
    }

    /// <summary>Removes a role assignment; access checks reflect it at once.</summary>
    /// <param name="roleAssignmentId">The id <see cref="AssignRole"/> returned or the seed gave.</param>
    /// <returns><see langword="true"/> when the assignment existed.</returns>
    public bool RemoveRoleAssignment(string roleAssignmentId)
    {
        ArgumentNullException.ThrowIfNull(roleAssignmentId);
        return _core.Store.RemoveRoleAssignment(roleAssignmentId);
    }
}
