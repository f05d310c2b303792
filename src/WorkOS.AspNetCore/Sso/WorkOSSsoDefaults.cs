namespace WorkOS.AspNetCore.Sso;

/// <summary>Default names and paths of the standalone WorkOS SSO scheme.</summary>
public static class WorkOSSsoDefaults
{
    /// <summary>The default name of the SSO scheme.</summary>
    public const string AuthenticationScheme = "WorkOSSso";

    /// <summary>The display name of the SSO scheme.</summary>
    public const string DisplayName = "WorkOS SSO";

    /// <summary>The default callback path WorkOS returns the browser to (SSO and Magic Link alike).</summary>
    public const string CallbackPath = "/auth/sso/callback";

    /// <summary>The default name of the cookie that lists the browser's pending SSO sign-ins.</summary>
    public const string PendingSignInCookieName = "wos-sso-pending";
}
