namespace WorkOS.AspNetCore.Testing.Wire;

/// <summary>The WorkOS <c>authorization_resource</c> object.</summary>
internal sealed record ResourceDto(
    string Object,
    string Id,
    string ExternalId,
    string Name,
    string? Description,
    string ResourceTypeSlug,
    string OrganizationId,
    string? ParentResourceId,
    string CreatedAt,
    string UpdatedAt);

/// <summary>The answer of an access check: <c>{"authorized":true}</c>.</summary>
internal sealed record AuthorizationCheckDto(bool Authorized);

/// <summary>The WorkOS <c>role_assignment</c> object; <see cref="Resource"/> is null for an organization-wide role.</summary>
internal sealed record RoleAssignmentDto(
    string Object,
    string Id,
    SlugDto Role,
    RoleAssignmentResourceDto? Resource,
    string CreatedAt,
    string UpdatedAt);

/// <summary>The resource a role is assigned on.</summary>
internal sealed record RoleAssignmentResourceDto(string Id, string ExternalId, string ResourceTypeSlug);
