namespace WorkOS.AspNetCore.Claims;

/// <summary>
/// The claim types of a WorkOS principal. Access-token claims keep WorkOS's names; list claims
/// (<c>roles</c>, <c>permissions</c>, <c>entitlements</c>, <c>feature_flags</c>) become one claim per value under
/// the singular type below. Roles use <see cref="Role"/>, which is the identity's role claim type, so
/// <c>IsInRole</c> and <c>[Authorize(Roles = "admin")]</c> work.
/// </summary>
public static class WorkOSClaimTypes
{
    /// <summary>The user id (<c>sub</c>).</summary>
    public const string UserId = "sub";

    /// <summary>The WorkOS session id (<c>sid</c>).</summary>
    public const string SessionId = "sid";

    /// <summary>The organization the session is scoped to (<c>org_id</c>).</summary>
    public const string OrganizationId = "org_id";

    /// <summary>A role slug; from <c>role</c> and each entry of <c>roles</c>. The primary role comes first.</summary>
    public const string Role = "role";

    /// <summary>A permission slug, one claim per entry of <c>permissions</c>.</summary>
    public const string Permission = "permission";

    /// <summary>An entitlement, one claim per entry of <c>entitlements</c>.</summary>
    public const string Entitlement = "entitlement";

    /// <summary>An enabled feature flag, one claim per entry of <c>feature_flags</c>.</summary>
    public const string FeatureFlag = "feature_flag";

    /// <summary>The email of the WorkOS dashboard user impersonating this user (<c>act.sub</c>).</summary>
    public const string Impersonator = "impersonator";

    /// <summary>The reason the impersonator gave, when any.</summary>
    public const string ImpersonatorReason = "impersonator_reason";

    /// <summary>When the user last authenticated, in Unix seconds (<c>auth_time</c>).</summary>
    public const string AuthenticationTime = "auth_time";

    /// <summary>How the user authenticated (Password, SSO, GoogleOAuth, Impersonation, ...).</summary>
    public const string AuthenticationMethod = "authentication_method";

    /// <summary>The user's email address; also the identity's name claim type.</summary>
    public const string Email = "email";

    /// <summary>Whether the email address was verified (<c>true</c>/<c>false</c>).</summary>
    public const string EmailVerified = "email_verified";

    /// <summary>The user's first name.</summary>
    public const string GivenName = "given_name";

    /// <summary>The user's last name.</summary>
    public const string FamilyName = "family_name";

    /// <summary>The user's full name (first and last).</summary>
    public const string Name = "name";

    /// <summary>The URL of the user's profile picture.</summary>
    public const string Picture = "picture";
}
