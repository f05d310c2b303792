using Microsoft.AspNetCore.Authorization;
using WorkOS.AspNetCore.Claims;

namespace WorkOS.AspNetCore.Authorization;

/// <summary>Builds the WorkOS requirements for the policy builder, endpoint and attribute helpers alike.</summary>
internal static class WorkOSRequirementFactory
{
    public static IAuthorizationRequirement Permissions(string[] permissions, bool requireAll) =>
        new WorkOSClaimRequirement(WorkOSClaimTypes.Permission, "Permission", Required(permissions, nameof(permissions)), requireAll);

    public static IAuthorizationRequirement Roles(string[] roles) =>
        new WorkOSClaimRequirement(WorkOSClaimTypes.Role, "Role", Required(roles, nameof(roles)), requireAll: false);

    public static IAuthorizationRequirement Entitlements(string[] entitlements) =>
        new WorkOSClaimRequirement(WorkOSClaimTypes.Entitlement, "Entitlement", Required(entitlements, nameof(entitlements)), requireAll: true);

    public static IAuthorizationRequirement FeatureFlags(string[] featureFlags) =>
        new WorkOSClaimRequirement(WorkOSClaimTypes.FeatureFlag, "FeatureFlag", Required(featureFlags, nameof(featureFlags)), requireAll: true);

    public static IAuthorizationRequirement Organization(string[]? organizationIds) => new WorkOSOrganizationRequirement(organizationIds ?? []);

    public static IAuthorizationRequirement NotImpersonating() => WorkOSNotImpersonatingRequirement.Instance;

    public static IAuthorizationRequirement RecentAuthentication(TimeSpan maxAge) => new WorkOSRecentAuthenticationRequirement(maxAge);

    private static string[] Required(string[]? values, string name)
    {
        if (values is null || values.Length == 0)
        {
            throw new ArgumentException("Give at least one value.", name);
        }

        return values;
    }
}
