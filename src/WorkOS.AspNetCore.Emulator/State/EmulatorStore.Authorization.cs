using WorkOS.AspNetCore.Emulator.Wire;

namespace WorkOS.AspNetCore.Emulator.State;

/// <summary>The answer of an access check, or why there is none.</summary>
internal enum CheckStatus
{
    Authorized,
    Unauthorized,
    MembershipNotFound,
    ResourceNotFound,
}

/// <summary>The filters of <c>GET /authorization/resources</c>; empty collections and nulls do not filter.</summary>
internal sealed record ResourceFilter(
    IReadOnlyCollection<string> OrganizationIds,
    IReadOnlyCollection<string> ResourceTypeSlugs,
    string? ParentResourceId,
    string? ParentExternalId,
    string? ParentResourceTypeSlug,
    string? Search);

internal sealed partial class EmulatorStore
{
    private readonly List<RoleRecord> _resourceRoles = [];
    private readonly List<ResourceRecord> _resources = [];
    private readonly List<RoleAssignmentRecord> _roleAssignments = [];

    // Used by SeedLoader only, before the store is shared.
    internal void AddLoadedResourceRole(RoleRecord role) => _resourceRoles.Add(role);

    internal ResourceRecord AddLoadedResource(string id, string externalId, string resourceTypeSlug, string name, string? description,
        string organizationId, DateTimeOffset now)
    {
        var resource = new ResourceRecord
        {
            Id = id,
            ExternalId = externalId,
            ResourceTypeSlug = resourceTypeSlug,
            Name = name,
            Description = description,
            OrganizationId = organizationId,
            Sequence = NextSequence(),
            CreatedAt = now,
            UpdatedAt = now,
        };
        _resources.Add(resource);
        return resource;
    }

    internal RoleAssignmentRecord AddLoadedRoleAssignment(string id, string membershipId, string roleSlug, string? resourceId, DateTimeOffset now)
    {
        var assignment = new RoleAssignmentRecord
        {
            Id = id,
            MembershipId = membershipId,
            RoleSlug = roleSlug,
            ResourceId = resourceId,
            Sequence = NextSequence(),
            CreatedAt = now,
        };
        _roleAssignments.Add(assignment);
        return assignment;
    }

    internal IReadOnlyList<RoleRecord> LoadedResourceRoles => _resourceRoles;

    internal IReadOnlyList<ResourceRecord> LoadedResources => _resources;

    internal IReadOnlyList<RoleAssignmentRecord> LoadedRoleAssignments => _roleAssignments;

    /// <summary>
    /// The parent, grandparent, ... of a resource, nearest first. Stops after as many steps as there are resources,
    /// so a cycle cannot loop forever. The caller holds the lock (or the store is not shared yet).
    /// </summary>
    internal IEnumerable<ResourceRecord> AncestorsOf(ResourceRecord resource)
    {
        var current = resource;
        for (var steps = 0; steps < _resources.Count && current.ParentResourceId is { } parentId; steps++)
        {
            var parent = _resources.FirstOrDefault(r => r.Id == parentId);
            if (parent is null)
            {
                yield break;
            }

            yield return parent;
            current = parent;
        }
    }

    /// <summary>
    /// Whether a membership holds a permission on a resource: through its organization roles, a role assigned
    /// organization wide, or a role assigned on the resource or any of its ancestors. The resource is found by id or
    /// by external id and type, in the membership's organization only.
    /// </summary>
    public CheckStatus Check(string membershipId, string permission, string? resourceId, string? resourceTypeSlug, string? resourceExternalId)
    {
        lock (_gate)
        {
            var membership = _memberships.FirstOrDefault(m => m.Id == membershipId);
            if (membership is null)
            {
                return CheckStatus.MembershipNotFound;
            }

            var resource = resourceId is not null
                ? _resources.FirstOrDefault(r => r.Id == resourceId && r.OrganizationId == membership.OrganizationId)
                : _resources.FirstOrDefault(r => r.OrganizationId == membership.OrganizationId && r.ResourceTypeSlug == resourceTypeSlug
                    && r.ExternalId == resourceExternalId);
            if (resource is null)
            {
                return CheckStatus.ResourceNotFound;
            }

            if (!membership.IsActive)
            {
                return CheckStatus.Unauthorized;
            }

            if (membership.Roles.Any(slug => RoleGrantsUnlocked(slug, permission)))
            {
                return CheckStatus.Authorized;
            }

            var scope = new HashSet<string>(AncestorsOf(resource).Select(r => r.Id), StringComparer.Ordinal) { resource.Id };
            var granted = _roleAssignments.Any(a => a.MembershipId == membership.Id
                && (a.ResourceId is null || scope.Contains(a.ResourceId))
                && RoleGrantsUnlocked(a.RoleSlug, permission));
            return granted ? CheckStatus.Authorized : CheckStatus.Unauthorized;
        }
    }

    /// <summary>Resources matching the filters, oldest first.</summary>
    public IReadOnlyList<ResourceDto> ListResources(ResourceFilter filter)
    {
        lock (_gate)
        {
            HashSet<string>? parentIds = null;
            if (filter.ParentExternalId is not null)
            {
                parentIds = [.. _resources
                    .Where(r => r.ExternalId == filter.ParentExternalId
                        && (filter.ParentResourceTypeSlug is null || r.ResourceTypeSlug == filter.ParentResourceTypeSlug)
                        && (filter.OrganizationIds.Count == 0 || filter.OrganizationIds.Contains(r.OrganizationId)))
                    .Select(r => r.Id)];
            }

            return
            [
                .. _resources
                    .Where(r => filter.OrganizationIds.Count == 0 || filter.OrganizationIds.Contains(r.OrganizationId))
                    .Where(r => filter.ResourceTypeSlugs.Count == 0 || filter.ResourceTypeSlugs.Contains(r.ResourceTypeSlug))
                    .Where(r => filter.ParentResourceId is null || r.ParentResourceId == filter.ParentResourceId)
                    .Where(r => parentIds is null || (r.ParentResourceId is not null && parentIds.Contains(r.ParentResourceId)))
                    .Where(r => filter.Search is null || r.Name.Contains(filter.Search, StringComparison.OrdinalIgnoreCase)
                        || r.ExternalId.Contains(filter.Search, StringComparison.OrdinalIgnoreCase))
                    .OrderBy(r => r.Sequence)
                    .Select(ToDto),
            ];
        }
    }

    public ResourceDto? GetResource(string resourceId)
    {
        lock (_gate)
        {
            var resource = _resources.FirstOrDefault(r => r.Id == resourceId);
            return resource is null ? null : ToDto(resource);
        }
    }

    public ResourceDto? GetResource(string organizationId, string resourceTypeSlug, string externalId)
    {
        lock (_gate)
        {
            var resource = FindResourceUnlocked(organizationId, resourceTypeSlug, externalId);
            return resource is null ? null : ToDto(resource);
        }
    }

    /// <summary>The role assignments of a membership, oldest first; <see langword="null"/> when the membership is unknown.</summary>
    public IReadOnlyList<RoleAssignmentDto>? ListRoleAssignments(string membershipId)
    {
        lock (_gate)
        {
            var membership = _memberships.FirstOrDefault(m => m.Id == membershipId);
            if (membership is null)
            {
                return null;
            }

            // WorkOS's SDKs require a resource on every assignment: an organization-wide role is assigned on the
            // organization itself (type "organization").
            var organizationResource = new RoleAssignmentResourceDto(membership.OrganizationId, membership.OrganizationId, "organization");
            return
            [
                .. _roleAssignments
                    .Where(a => a.MembershipId == membershipId)
                    .OrderBy(a => a.Sequence)
                    .Select(a =>
                    {
                        var resource = a.ResourceId is null ? null : _resources.FirstOrDefault(r => r.Id == a.ResourceId);
                        return new RoleAssignmentDto(
                            "role_assignment",
                            a.Id,
                            a.MembershipId,
                            new SlugDto(a.RoleSlug),
                            resource is null ? organizationResource : new RoleAssignmentResourceDto(resource.Id, resource.ExternalId, resource.ResourceTypeSlug),
                            new RoleAssignmentSourceDto("direct", null),
                            WireTime.Format(a.CreatedAt),
                            WireTime.Format(a.CreatedAt));
                    }),
            ];
        }
    }

    /// <summary>Adds a resource at run time; its parent must already exist.</summary>
    public string AddResource(SeedResource resource)
    {
        lock (_gate)
        {
            if (string.IsNullOrWhiteSpace(resource.ExternalId) || string.IsNullOrWhiteSpace(resource.ResourceTypeSlug))
            {
                throw new ArgumentException("A resource needs an external id and a resource type slug.", nameof(resource));
            }

            if (resource.Id is not null && string.IsNullOrWhiteSpace(resource.Id))
            {
                throw new ArgumentException("A resource id must not be blank; leave it out to have one generated.", nameof(resource));
            }

            if (_organizations.All(o => o.Id != resource.OrganizationId))
            {
                throw new ArgumentException($"No organization '{resource.OrganizationId}'.", nameof(resource));
            }

            if (FindResourceUnlocked(resource.OrganizationId, resource.ResourceTypeSlug, resource.ExternalId) is not null
                || (resource.Id is not null && _resources.Any(r => r.Id == resource.Id)))
            {
                throw new ArgumentException($"The '{resource.ResourceTypeSlug}' resource '{resource.ExternalId}' already exists.", nameof(resource));
            }

            ResourceRecord? parent = null;
            if (resource.ParentResourceId is { Length: > 0 } parentId)
            {
                parent = _resources.FirstOrDefault(r => r.Id == parentId && r.OrganizationId == resource.OrganizationId);
            }
            else if (resource.ParentExternalId is { Length: > 0 } parentExternalId)
            {
                parent = _resources.FirstOrDefault(r => r.OrganizationId == resource.OrganizationId && r.ExternalId == parentExternalId
                    && (resource.ParentResourceTypeSlug is null || r.ResourceTypeSlug == resource.ParentResourceTypeSlug));
            }

            if (parent is null && (resource.ParentResourceId is { Length: > 0 } || resource.ParentExternalId is { Length: > 0 }))
            {
                throw new ArgumentException("The parent resource does not exist in the organization.", nameof(resource));
            }

            var now = Now;
            var record = AddLoadedResource(resource.Id ?? IdGenerator.NewId("authz_resource_", now), resource.ExternalId, resource.ResourceTypeSlug,
                resource.Name ?? resource.ExternalId, resource.Description, resource.OrganizationId, now);
            record.ParentResourceId = parent?.Id;
            return record.Id;
        }
    }

    /// <summary>Gives a member a role on a resource (by external id and type) or organization wide; returns the assignment id.</summary>
    public string AssignRole(string userIdOrEmail, string organizationId, string roleSlug, string? resourceTypeSlug, string? resourceExternalId)
    {
        lock (_gate)
        {
            var user = FindUserUnlocked(userIdOrEmail) ?? throw new ArgumentException($"No user '{userIdOrEmail}'.", nameof(userIdOrEmail));
            var membership = _memberships.FirstOrDefault(m => m.UserId == user.Id && m.OrganizationId == organizationId)
                ?? throw new ArgumentException($"'{user.Id}' is not a member of '{organizationId}'.", nameof(organizationId));
            if (_roles.All(r => r.Slug != roleSlug) && _resourceRoles.All(r => r.Slug != roleSlug))
            {
                throw new ArgumentException($"No role '{roleSlug}'.", nameof(roleSlug));
            }

            string? resourceId = null;
            if (resourceExternalId is not null)
            {
                resourceId = FindResourceUnlocked(organizationId, resourceTypeSlug ?? "", resourceExternalId)?.Id
                    ?? throw new ArgumentException($"No '{resourceTypeSlug}' resource '{resourceExternalId}' in '{organizationId}'.", nameof(resourceExternalId));
            }

            var now = Now;
            return AddLoadedRoleAssignment(IdGenerator.NewId("role_assignment_", now), membership.Id, roleSlug, resourceId, now).Id;
        }
    }

    public bool RemoveRoleAssignment(string assignmentId)
    {
        lock (_gate)
        {
            return _roleAssignments.RemoveAll(a => a.Id == assignmentId) > 0;
        }
    }

    private ResourceRecord? FindResourceUnlocked(string organizationId, string resourceTypeSlug, string externalId) =>
        _resources.FirstOrDefault(r => r.OrganizationId == organizationId && r.ResourceTypeSlug == resourceTypeSlug && r.ExternalId == externalId);

    private bool RoleGrantsUnlocked(string roleSlug, string permission) =>
        (_roles.FirstOrDefault(r => r.Slug == roleSlug) ?? _resourceRoles.FirstOrDefault(r => r.Slug == roleSlug))
            ?.Permissions.Contains(permission, StringComparer.Ordinal) == true;

    private static ResourceDto ToDto(ResourceRecord r) => new(
        "authorization_resource",
        r.Id,
        r.ExternalId,
        r.Name,
        r.Description,
        r.ResourceTypeSlug,
        r.OrganizationId,
        r.ParentResourceId,
        WireTime.Format(r.CreatedAt),
        WireTime.Format(r.UpdatedAt));
}
