using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using WorkOS.AspNetCore.Authentication;

namespace WorkOS.AspNetCore.Sso;

/// <summary>
/// Options of the standalone WorkOS SSO scheme (<c>/sso/authorize</c>, <c>/sso/token</c>): for apps that keep their
/// own users and add enterprise SSO without AuthKit. The client settings (<see cref="ClientId"/>, <see cref="ApiKey"/>,
/// <see cref="ApiBaseUrl"/>) left empty come from <see cref="WorkOSClientOptions"/>.
/// </summary>
/// <remarks>
/// An SSO profile has no refresh token: the session is the cookie of <see cref="RemoteAuthenticationOptions.SignInScheme"/>
/// and lives as long as that cookie does (its <c>ExpireTimeSpan</c> and sliding expiration). The SSO access token is
/// not kept unless <see cref="RemoteAuthenticationOptions.SaveTokens"/> is set.
/// </remarks>
public class WorkOSSsoOptions : RemoteAuthenticationOptions
{
    /// <summary>Creates options with the documented defaults.</summary>
    public WorkOSSsoOptions()
    {
        CallbackPath = WorkOSSsoDefaults.CallbackPath;
        Events = new WorkOSSsoEvents();
        SaveTokens = false;
        CorrelationCookie = new SecureByDefaultCookieBuilder(() => RemoteAuthenticationTimeout)
        {
            Name = WorkOSSsoDefaults.PendingSignInCookieName,
            HttpOnly = true,
            SameSite = SameSiteMode.Lax,
            IsEssential = true,
            Path = "/",
        };
    }

    /// <summary>The WorkOS client id (<c>client_...</c>). Empty (the default) uses <see cref="WorkOSClientOptions.ClientId"/>.</summary>
    public string ClientId { get; set; } = string.Empty;

    /// <summary>The WorkOS API key (<c>sk_...</c>), the client secret of the code exchange. Empty (the default) uses <see cref="WorkOSClientOptions.ApiKey"/>.</summary>
    public string ApiKey { get; set; } = string.Empty;

    /// <summary>The WorkOS API base URL. Empty (the default) uses <see cref="WorkOSClientOptions.ApiBaseUrl"/> and its <see cref="WorkOSClientOptions.AllowHttpApiBaseUrl"/>.</summary>
    public string ApiBaseUrl { get; set; } = string.Empty;

    /// <summary>Whether a plain-http <see cref="ApiBaseUrl"/> is accepted outside Development. Defaults to <see langword="false"/>.</summary>
    public bool AllowHttpApiBaseUrl { get; set; }

    /// <summary>An absolute redirect URI to send instead of one built from the request and <see cref="RemoteAuthenticationOptions.CallbackPath"/>.</summary>
    public string? RedirectUri { get; set; }

    /// <summary>
    /// The connection (<c>conn_...</c>) used when neither the challenge nor <see cref="WorkOSSsoEvents.OnResolveSelector"/>
    /// chose a selector; for apps with one connection. Setting more than one of <see cref="ConnectionId"/>,
    /// <see cref="OrganizationId"/> and <see cref="Provider"/> is refused at startup.
    /// </summary>
    public string? ConnectionId { get; set; }

    /// <summary>The organization (<c>org_...</c>) used when nothing else chose a selector.</summary>
    public string? OrganizationId { get; set; }

    /// <summary>The OAuth provider (<c>GoogleOAuth</c>, <c>MicrosoftOAuth</c>, <c>GitHubOAuth</c>, <c>AppleOAuth</c>) used when nothing else chose a selector.</summary>
    public string? Provider { get; set; }

    /// <summary>The most sign-ins one browser may have pending at once. Defaults to 5.</summary>
    public int MaxPendingSignIns { get; set; } = 5;

    /// <summary>A local path to redirect to (with <c>error</c> and <c>error_description</c>) when a sign-in fails; unset renders a small error page.</summary>
    public PathString ErrorPath { get; set; }

    /// <summary>Whether the cookie outlives the browser session. Defaults to <see langword="true"/>.</summary>
    public bool PersistentSession { get; set; } = true;

    /// <summary>
    /// Whether the profile's <c>raw_attributes</c> (everything the identity provider sent) become claims of type
    /// <see cref="WorkOSSsoClaimTypes.RawAttributePrefix"/><c>name</c>. Defaults to <see langword="false"/>: they can be large
    /// and may hold data the app never asked for. At most <see cref="MaxRawAttributes"/> string-valued attributes are kept.
    /// </summary>
    public bool IncludeRawAttributes { get; set; }

    /// <summary>The most raw attributes kept when <see cref="IncludeRawAttributes"/> is on; each value at most 1024 characters. Defaults to 32.</summary>
    public int MaxRawAttributes { get; set; } = 32;

    /// <summary>
    /// Whether signing out of this scheme also ends the identity provider's session: the library asks WorkOS for a
    /// logout token (<c>/sso/logout/authorize</c>) and sends the browser to <c>/sso/logout</c>. Only for connections that
    /// support it. Defaults to <see langword="false"/>: sign-out removes the local cookie only.
    /// </summary>
    public bool UseSsoLogout { get; set; }

    /// <summary>How long a magic link created by <see cref="WorkOSMagicLink"/> can complete a sign-in. Defaults to 15 minutes.</summary>
    public TimeSpan MagicLinkLifetime { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>The events raised by the scheme.</summary>
    public new WorkOSSsoEvents Events
    {
        get => (WorkOSSsoEvents)base.Events;
        set => base.Events = value;
    }

    /// <summary>Protects the state parameter. Set by the framework when left null.</summary>
    public ISecureDataFormat<AuthenticationProperties> StateDataFormat { get; set; } = default!;

    /// <summary>Runs the framework's checks once the library's own validation has nothing to report.</summary>
    /// <param name="scheme">The scheme name.</param>
    public override void Validate(string scheme)
    {
        if (WorkOSSsoOptionsValidator.Collect(this, isDevelopment: true, scheme).Count == 0)
        {
            base.Validate(scheme);
        }
    }
}
