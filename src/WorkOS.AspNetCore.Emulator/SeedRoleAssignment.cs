namespace WorkOS.AspNetCore.Emulator;

/// <summary>
/// A role given to an organization membership on one resource (and, by inheritance, on all of the resource's
/// descendants), or on the whole organization when no resource is named.
/// </summary>
public sealed class SeedRoleAssignment
{
    /// <summary>The assignment id (<c>role_assignment_...</c>); generated when missing.</summary>
    public string? Id { get; set; }

    /// <summary>The membership (<c>om_...</c>); or name it by <see cref="UserId"/> and <see cref="OrganizationId"/>.</summary>
    public string? MembershipId { get; set; }

    /// <summary>The member: a user id or email address, with <see cref="OrganizationId"/>.</summary>
    public string? UserId { get; set; }

    /// <summary>The organization of the membership, with <see cref="UserId"/>.</summary>
    public string? OrganizationId { get; set; }

    /// <summary>The role slug: an environment role or one of <see cref="EmulatorSeed.ResourceRoles"/>.</summary>
    public string RoleSlug { get; set; } = "";

    /// <summary>The resource by WorkOS id; or use <see cref="ResourceExternalId"/> and <see cref="ResourceTypeSlug"/>.</summary>
    public string? ResourceId { get; set; }

    /// <summary>The resource by the app's own id, with <see cref="ResourceTypeSlug"/>.</summary>
    public string? ResourceExternalId { get; set; }

    /// <summary>The resource type, with <see cref="ResourceExternalId"/>.</summary>
    public string? ResourceTypeSlug { get; set; }
}
