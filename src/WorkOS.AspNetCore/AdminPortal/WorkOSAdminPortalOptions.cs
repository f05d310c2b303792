namespace WorkOS.AspNetCore.AdminPortal;

/// <summary>The settings of an Admin Portal endpoint (<c>MapWorkOSAdminPortal</c>), checked when it is mapped.</summary>
public sealed class WorkOSAdminPortalOptions
{
    /// <summary>The host WorkOS serves Admin Portal links on.</summary>
    public const string DefaultLinkHost = "setup.workos.com";

    /// <summary>
    /// A path of this app (<c>/settings</c>) the portal's logo goes back to: sent to WorkOS as <c>return_url</c>, made
    /// absolute on the request's scheme and host. <see langword="null"/> (the default) leaves it to the dashboard's
    /// Redirects setting. Only local paths are accepted.
    /// </summary>
    public string? ReturnPath { get; set; }

    /// <summary>
    /// A path of this app the admin lands on after finishing the setup: <c>success_url</c>, as <see cref="ReturnPath"/>.
    /// <see langword="null"/> (the default) leaves it to the dashboard's Redirects setting.
    /// </summary>
    public string? SuccessPath { get; set; }

    /// <summary>
    /// The hosts a generated link may point to over https; any other link is answered 502, not followed. Defaults to
    /// <see cref="DefaultLinkHost"/>; add the custom Admin Portal domain set in the WorkOS dashboard, if any. A link on
    /// the configured API base URL's own origin (a WorkOS stand-in such as the local emulator) is accepted too.
    /// </summary>
    public IList<string> LinkHosts { get; } = new List<string> { DefaultLinkHost };

    /// <summary>The AuthKit scheme whose session names the user and organization. Defaults to <see cref="WorkOSAuthKitDefaults.AuthenticationScheme"/>.</summary>
    public string AuthenticationScheme { get; set; } = WorkOSAuthKitDefaults.AuthenticationScheme;
}
