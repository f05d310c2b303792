using System.Globalization;
using System.Security.Claims;

namespace WorkOS.AspNetCore.Claims;

/// <summary>Typed accessors for the WorkOS claims of a signed-in user.</summary>
public static class WorkOSClaimsPrincipalExtensions
{
    /// <summary>The WorkOS user id (<c>user_...</c>), or <see langword="null"/> when not signed in with WorkOS.</summary>
    public static string? GetWorkOSUserId(this ClaimsPrincipal principal) => principal.FindFirst(WorkOSClaimTypes.UserId)?.Value;

    /// <summary>The WorkOS session id (<c>session_...</c>).</summary>
    public static string? GetWorkOSSessionId(this ClaimsPrincipal principal) => principal.FindFirst(WorkOSClaimTypes.SessionId)?.Value;

    /// <summary>The organization the session is scoped to.</summary>
    public static string? GetOrganizationId(this ClaimsPrincipal principal) => principal.FindFirst(WorkOSClaimTypes.OrganizationId)?.Value;

    /// <summary>The primary role slug in the current organization.</summary>
    public static string? GetWorkOSRole(this ClaimsPrincipal principal) => principal.FindFirst(WorkOSClaimTypes.Role)?.Value;

    /// <summary>Every role slug in the current organization.</summary>
    public static IReadOnlyList<string> GetWorkOSRoles(this ClaimsPrincipal principal) => Values(principal, WorkOSClaimTypes.Role);

    /// <summary>Every permission slug granted in the current organization.</summary>
    public static IReadOnlyList<string> GetWorkOSPermissions(this ClaimsPrincipal principal) => Values(principal, WorkOSClaimTypes.Permission);

    /// <summary>Every entitlement of the current organization.</summary>
    public static IReadOnlyList<string> GetWorkOSEntitlements(this ClaimsPrincipal principal) => Values(principal, WorkOSClaimTypes.Entitlement);

    /// <summary>Every enabled feature flag.</summary>
    public static IReadOnlyList<string> GetWorkOSFeatureFlags(this ClaimsPrincipal principal) => Values(principal, WorkOSClaimTypes.FeatureFlag);

    /// <summary>Whether the user holds a permission in the current organization.</summary>
    public static bool HasWorkOSPermission(this ClaimsPrincipal principal, string permission) =>
        principal.HasClaim(WorkOSClaimTypes.Permission, permission);

    /// <summary>The email of the WorkOS dashboard user impersonating this user, or <see langword="null"/>.</summary>
    public static string? GetImpersonator(this ClaimsPrincipal principal) => principal.FindFirst(WorkOSClaimTypes.Impersonator)?.Value;

    /// <summary>Whether a WorkOS dashboard user is impersonating this user.</summary>
    public static bool IsImpersonated(this ClaimsPrincipal principal) => principal.HasClaim(c => c.Type == WorkOSClaimTypes.Impersonator);

    /// <summary>When the user last authenticated (<c>auth_time</c>), when the token says.</summary>
    public static DateTimeOffset? GetAuthenticationTime(this ClaimsPrincipal principal) =>
        long.TryParse(principal.FindFirst(WorkOSClaimTypes.AuthenticationTime)?.Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var seconds)
            ? DateTimeOffset.FromUnixTimeSeconds(seconds)
            : null;

    private static string[] Values(ClaimsPrincipal principal, string type) =>
        principal.FindAll(type).Select(c => c.Value).Distinct(StringComparer.Ordinal).ToArray();
}
