using System.Security.Claims;

namespace WorkOS.AspNetCore.Claims;

/// <summary>Yes/no accessors for the WorkOS claims that authorization looks at.</summary>
public static class WorkOSAuthorizationClaimsPrincipalExtensions
{
    /// <summary>Whether the user has the WorkOS role in the session's organization.</summary>
    /// <param name="principal">The user.</param>
    /// <param name="role">The role slug, for example <c>admin</c>.</param>
    /// <returns><see langword="true"/> when the role claim is present.</returns>
    public static bool HasWorkOSRole(this ClaimsPrincipal principal, string role)
    {
        ArgumentNullException.ThrowIfNull(principal);
        return principal.HasClaim(WorkOSClaimTypes.Role, role);
    }

    /// <summary>Whether the session's organization has the entitlement.</summary>
    /// <param name="principal">The user.</param>
    /// <param name="entitlement">The entitlement, for example <c>audit-logs</c>.</param>
    /// <returns><see langword="true"/> when the entitlement claim is present.</returns>
    public static bool HasWorkOSEntitlement(this ClaimsPrincipal principal, string entitlement)
    {
        ArgumentNullException.ThrowIfNull(principal);
        return principal.HasClaim(WorkOSClaimTypes.Entitlement, entitlement);
    }

    /// <summary>Whether the feature flag is enabled for the user.</summary>
    /// <param name="principal">The user.</param>
    /// <param name="featureFlag">The feature flag slug.</param>
    /// <returns><see langword="true"/> when the feature flag claim is present.</returns>
    public static bool HasWorkOSFeatureFlag(this ClaimsPrincipal principal, string featureFlag)
    {
        ArgumentNullException.ThrowIfNull(principal);
        return principal.HasClaim(WorkOSClaimTypes.FeatureFlag, featureFlag);
    }

    /// <summary>Whether the session is scoped to the organization.</summary>
    /// <param name="principal">The user.</param>
    /// <param name="organizationId">The organization id (<c>org_...</c>).</param>
    /// <returns><see langword="true"/> when the <c>org_id</c> claim equals it.</returns>
    public static bool IsInWorkOSOrganization(this ClaimsPrincipal principal, string organizationId)
    {
        ArgumentNullException.ThrowIfNull(principal);
        return principal.HasClaim(WorkOSClaimTypes.OrganizationId, organizationId);
    }
}
