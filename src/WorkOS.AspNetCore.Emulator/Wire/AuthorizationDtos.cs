namespace WorkOS.AspNetCore.Emulator.Wire;

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

/// <summary>
/// The WorkOS <c>role_assignment</c> object. An organization-wide role names the organization as its resource (type
/// <c>organization</c>), since WorkOS's SDKs read a resource on every assignment.
/// </summary>
internal sealed record RoleAssignmentDto(
    string Object,
    string Id,
    string OrganizationMembershipId,
    SlugDto Role,
    RoleAssignmentResourceDto Resource,
    RoleAssignmentSourceDto Source,
    string CreatedAt,
    string UpdatedAt);

/// <summary>Where a role assignment comes from: <c>direct</c>, or a <c>group</c> role assignment.</summary>
internal sealed record RoleAssignmentSourceDto(string Type, string? GroupRoleAssignmentId);

/// <summary>The resource a role is assigned on.</summary>
internal sealed record RoleAssignmentResourceDto(string Id, string ExternalId, string ResourceTypeSlug);
