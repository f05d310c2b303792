namespace WorkOS.AspNetCore.Emulator.State;

internal static partial class SeedLoader
{
    private static void LoadAuthorization(EmulatorSeed seed, EmulatorStore store, DateTimeOffset now)
    {
        foreach (var role in seed.ResourceRoles ?? [])
        {
            if (string.IsNullOrWhiteSpace(role.Slug))
            {
                throw Invalid("A seed resource role has no slug.");
            }

            if (store.LoadedRoles.Any(r => r.Slug == role.Slug) || store.LoadedResourceRoles.Any(r => r.Slug == role.Slug))
            {
                throw Invalid($"The seed has two roles with slug '{role.Slug}'.");
            }

            store.AddLoadedResourceRole(new RoleRecord { Slug = role.Slug, Name = role.Name ?? role.Slug, Permissions = Distinct(role.Permissions) });
        }

        var resources = new List<(SeedResource Seed, ResourceRecord Record)>();
        foreach (var resource in seed.Resources ?? [])
        {
            resources.Add((resource, LoadResource(resource, store, now)));
        }

        // Parents are resolved once every resource exists, so a seed may list children before their parents.
        foreach (var (resource, record) in resources)
        {
            record.ParentResourceId = ResolveParent(resource, record, store)?.Id;
        }

        foreach (var (_, record) in resources)
        {
            if (store.AncestorsOf(record).Any(ancestor => ancestor.Id == record.Id))
            {
                throw Invalid($"The seed resource '{record.Id}' is its own ancestor.");
            }
        }

        foreach (var assignment in seed.RoleAssignments ?? [])
        {
            LoadRoleAssignment(assignment, store, now);
        }
    }

    private static ResourceRecord LoadResource(SeedResource resource, EmulatorStore store, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(resource.ExternalId))
        {
            throw Invalid($"The seed resource '{resource.Id ?? resource.Name}' has no external id.");
        }

        if (string.IsNullOrWhiteSpace(resource.ResourceTypeSlug))
        {
            throw Invalid($"The seed resource '{resource.ExternalId}' has no resource type slug.");
        }

        if (store.LoadedOrganizations.All(o => o.Id != resource.OrganizationId))
        {
            throw Invalid($"The seed resource '{resource.ExternalId}' names unknown organization '{resource.OrganizationId}'.");
        }

        var id = resource.Id ?? IdGenerator.NewId("authz_resource_", now);
        if (store.LoadedResources.Any(r => r.Id == id))
        {
            throw Invalid($"The seed has two resources with id '{id}'.");
        }

        if (store.LoadedResources.Any(r => r.OrganizationId == resource.OrganizationId && r.ResourceTypeSlug == resource.ResourceTypeSlug
            && r.ExternalId == resource.ExternalId))
        {
            throw Invalid($"The seed has two '{resource.ResourceTypeSlug}' resources with external id '{resource.ExternalId}' in '{resource.OrganizationId}'.");
        }

        return store.AddLoadedResource(id, resource.ExternalId, resource.ResourceTypeSlug, resource.Name ?? resource.ExternalId,
            resource.Description, resource.OrganizationId, now);
    }

    private static ResourceRecord? ResolveParent(SeedResource resource, ResourceRecord record, EmulatorStore store)
    {
        if (resource.ParentResourceId is { Length: > 0 } parentId)
        {
            if (resource.ParentExternalId is { Length: > 0 })
            {
                throw Invalid($"The seed resource '{record.ExternalId}' names its parent twice; give a parent id or a parent external id.");
            }

            var parent = store.LoadedResources.FirstOrDefault(r => r.Id == parentId)
                ?? throw Invalid($"The seed resource '{record.ExternalId}' names unknown parent '{parentId}'.");
            return parent.OrganizationId == record.OrganizationId
                ? parent
                : throw Invalid($"The seed resource '{record.ExternalId}' has a parent in another organization.");
        }

        if (resource.ParentExternalId is not { Length: > 0 } parentExternalId)
        {
            return null;
        }

        var candidates = store.LoadedResources
            .Where(r => r.OrganizationId == record.OrganizationId && r.ExternalId == parentExternalId
                && (resource.ParentResourceTypeSlug is null || r.ResourceTypeSlug == resource.ParentResourceTypeSlug))
            .ToList();
        return candidates.Count switch
        {
            1 => candidates[0],
            0 => throw Invalid($"The seed resource '{record.ExternalId}' names unknown parent '{parentExternalId}' in '{record.OrganizationId}'."),
            _ => throw Invalid($"The seed resource '{record.ExternalId}' names parent '{parentExternalId}', which several resource types use; set ParentResourceTypeSlug."),
        };
    }

    private static void LoadRoleAssignment(SeedRoleAssignment assignment, EmulatorStore store, DateTimeOffset now)
    {
        var membership = FindMembership(assignment, store);
        if (store.LoadedRoles.All(r => r.Slug != assignment.RoleSlug) && store.LoadedResourceRoles.All(r => r.Slug != assignment.RoleSlug))
        {
            throw Invalid($"A seed role assignment of '{membership.Id}' names unknown role '{assignment.RoleSlug}'.");
        }

        string? resourceId = null;
        if (assignment.ResourceId is { Length: > 0 } id)
        {
            var resource = store.LoadedResources.FirstOrDefault(r => r.Id == id && r.OrganizationId == membership.OrganizationId)
                ?? throw Invalid($"A seed role assignment of '{membership.Id}' names resource '{id}', which is not in '{membership.OrganizationId}'.");
            resourceId = resource.Id;
        }
        else if (assignment.ResourceExternalId is { Length: > 0 } externalId)
        {
            var resource = store.LoadedResources.FirstOrDefault(r => r.OrganizationId == membership.OrganizationId
                    && r.ResourceTypeSlug == assignment.ResourceTypeSlug && r.ExternalId == externalId)
                ?? throw Invalid($"A seed role assignment of '{membership.Id}' names unknown '{assignment.ResourceTypeSlug}' resource '{externalId}'.");
            resourceId = resource.Id;
        }
        else if (assignment.ResourceTypeSlug is { Length: > 0 })
        {
            throw Invalid($"A seed role assignment of '{membership.Id}' has a resource type but no resource external id.");
        }

        var assignmentId = assignment.Id ?? IdGenerator.NewId("role_assignment_", now);
        if (store.LoadedRoleAssignments.Any(a => a.Id == assignmentId))
        {
            throw Invalid($"The seed has two role assignments with id '{assignmentId}'.");
        }

        store.AddLoadedRoleAssignment(assignmentId, membership.Id, assignment.RoleSlug, resourceId, now);
    }

    private static MembershipRecord FindMembership(SeedRoleAssignment assignment, EmulatorStore store)
    {
        if (assignment.MembershipId is { Length: > 0 } membershipId)
        {
            return store.LoadedMemberships.FirstOrDefault(m => m.Id == membershipId)
                ?? throw Invalid($"A seed role assignment names unknown membership '{membershipId}'.");
        }

        var user = store.LoadedUsers.FirstOrDefault(u => u.Id == assignment.UserId)
            ?? store.LoadedUsers.FirstOrDefault(u => string.Equals(u.Email, assignment.UserId, StringComparison.OrdinalIgnoreCase))
            ?? throw Invalid($"A seed role assignment names unknown user '{assignment.UserId}'; give a membership id or a user and organization.");
        return store.LoadedMemberships.FirstOrDefault(m => m.UserId == user.Id && m.OrganizationId == assignment.OrganizationId)
            ?? throw Invalid($"A seed role assignment names '{user.Id}' in '{assignment.OrganizationId}', who is not a member there.");
    }
}
