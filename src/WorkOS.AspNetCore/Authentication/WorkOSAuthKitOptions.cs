using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;

namespace WorkOS.AspNetCore.Authentication;

/// <summary>
/// Options of the WorkOS AuthKit remote scheme: where AuthKit lives, which application this is, and
/// how sign-in requests and callbacks are handled. The client settings (<see cref="ClientId"/>, <see cref="ApiKey"/>,
/// <see cref="ApiBaseUrl"/>, <see cref="ValidIssuers"/>) left empty come from <see cref="WorkOSClientOptions"/>.
/// </summary>
/// <remarks>
/// Rebuilt when the configuration reloads, like the client settings: the next sign-in and the next refresh use the
/// new values. Signing keys are cached per client id and base URL.
/// </remarks>
public class WorkOSAuthKitOptions : RemoteAuthenticationOptions
{
    /// <summary>Creates options with the documented defaults.</summary>
    public WorkOSAuthKitOptions()
    {
        CallbackPath = WorkOSAuthKitDefaults.CallbackPath;
        Events = new WorkOSAuthKitEvents();
        SaveTokens = true;
        // Secure (CookieSecurePolicy.Always) like the framework's correlation cookie; in Development, and only when
        // the app did not choose a policy, SameAsRequest so sign-in works over http (see SecureByDefaultCookieBuilder).
        CorrelationCookie = new SecureByDefaultCookieBuilder(() => RemoteAuthenticationTimeout)
        {
            Name = WorkOSAuthKitDefaults.PendingSignInCookieName,
            HttpOnly = true,
            SameSite = SameSiteMode.Lax,
            IsEssential = true,

            // One cookie lists every pending sign-in, so it must reach the challenge as well as the callback.
            Path = "/",
        };
    }

    /// <summary>
    /// The WorkOS client id of this application (<c>client_...</c>) for this scheme. Empty (the default) uses
    /// <see cref="WorkOSClientOptions.ClientId"/>. Required, here or there.
    /// </summary>
    public string ClientId { get; set; } = string.Empty;

    /// <summary>
    /// The WorkOS API key (<c>sk_...</c>), used as the client secret of the code exchange and for refreshes. Empty (the
    /// default) uses <see cref="WorkOSClientOptions.ApiKey"/>. Required, here or there.
    /// </summary>
    public string ApiKey { get; set; } = string.Empty;

    /// <summary>
    /// The WorkOS API base URL for this scheme. Empty (the default) uses <see cref="WorkOSClientOptions.ApiBaseUrl"/>
    /// (<c>https://api.workos.com</c> unless configured) and, with it, its <see cref="WorkOSClientOptions.AllowHttpApiBaseUrl"/>.
    /// </summary>
    public string ApiBaseUrl { get; set; } = string.Empty;

    /// <summary>
    /// Whether a plain-http <see cref="ApiBaseUrl"/> is accepted outside the Development environment, where it is
    /// refused at startup (API keys, codes and tokens would cross the network unencrypted). Defaults to
    /// <see langword="false"/>; a base URL taken from <see cref="WorkOSClientOptions"/> carries its setting. Set it only
    /// for a WorkOS stand-in you run yourself, such as the local emulator.
    /// </summary>
    public bool AllowHttpApiBaseUrl { get; set; }

    /// <summary>
    /// An absolute redirect URI to send to AuthKit instead of one built from the request and
    /// <see cref="RemoteAuthenticationOptions.CallbackPath"/>; for apps behind proxies that do not forward the host.
    /// </summary>
    public string? RedirectUri { get; set; }

    /// <summary>The <c>provider</c> sent to the authorize endpoint. Defaults to <c>authkit</c> (the hosted AuthKit UI).</summary>
    public string? Provider { get; set; } = "authkit";

    /// <summary>
    /// The issuers accepted in access tokens. Empty (the default) uses <see cref="WorkOSClientOptions.ValidIssuers"/>;
    /// when both are empty (like WorkOS's own SDKs) the issuer check is skipped; otherwise a token's <c>iss</c> must
    /// equal one of them.
    /// </summary>
    public IList<string> ValidIssuers { get; } = new List<string>();

    /// <summary>
    /// Values accepted in an access token's <c>client_id</c> and <c>aud</c> claims besides <see cref="ClientId"/>. Empty
    /// by default. Those claims are usually absent from WorkOS access tokens, and an absent claim is accepted; a present
    /// one that names neither <see cref="ClientId"/> nor one of these makes the token refused (the token was issued to
    /// another client). The check cannot be turned off, only widened.
    /// </summary>
    public IList<string> ValidAudiences { get; } = new List<string>();

    /// <summary>How far token lifetimes may be off because of clock differences. Defaults to 30 seconds.</summary>
    public TimeSpan TokenClockSkew { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The least time between two JWKS fetches made because a token named an unknown signing key.
    /// Defaults to 5 minutes (the lowest allowed is 1 second).
    /// </summary>
    public TimeSpan JwksRefreshInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long fetched signing keys are used before they are fetched again. Defaults to 12 hours.</summary>
    public TimeSpan JwksAutomaticRefreshInterval { get; set; } = TimeSpan.FromHours(12);

    /// <summary>
    /// The most sign-ins one browser may have pending at once (tabs started but not finished). Older ones are
    /// forgotten, so abandoned sign-ins never pile up cookies. Defaults to 5.
    /// </summary>
    public int MaxPendingSignIns { get; set; } = 5;

    /// <summary>
    /// A local path to redirect to (with <c>error</c> and <c>error_description</c>) when a sign-in fails.
    /// When unset, a small error page is rendered with the right status code.
    /// </summary>
    public PathString ErrorPath { get; set; }

    /// <summary>
    /// A local page that finishes a hosted sign-in WorkOS answered with a further step (organization selection, email
    /// verification, MFA): the browser is sent there with the step in the <c>step</c> query parameter, for the page to
    /// hand to <see cref="SignIn.WorkOSSignInManager"/>. When unset, a small built-in page under the callback path does it.
    /// </summary>
    public PathString SignInStepPath { get; set; }

    /// <summary>
    /// How long a pending sign-in step (<see cref="SignIn.WorkOSSignInResult.PendingStep"/>) stays valid. Defaults to 10
    /// minutes, the life of WorkOS's pending authentication tokens; at most 10 minutes.
    /// </summary>
    public TimeSpan SignInStepLifetime { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Whether the session cookie outlives the browser session. Defaults to <see langword="true"/>.</summary>
    public bool PersistentSession { get; set; } = true;

    /// <summary>
    /// How long before the access token expires it is refreshed. <see langword="null"/> (the default) uses a fifth of
    /// the token's lifetime, at most 30 seconds for tokens that live 5 minutes or less and at most 60 seconds for longer
    /// ones (WorkOS's own libraries' buffers): a 20-second token is refreshed in its last 4 seconds. A value set here is
    /// used for every token.
    /// </summary>
    public TimeSpan? RefreshBuffer { get; set; }

    /// <summary>
    /// The replay window: how long after a refresh a request that still carries the previous refresh token (it left
    /// the browser before the new cookie arrived) gets the session that replaced it. Only one rotation back, only while
    /// the new access token is valid, never after sign-out or revocation. Defaults to 30 seconds, WorkOS's own replay
    /// grace; at most 2 minutes; zero turns replay off.
    /// </summary>
    public TimeSpan RefreshGracePeriod { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long a refresh may take before it counts as a transient failure (the user stays signed in while the token is
    /// valid). Requests waiting for the refresh wait at most this long. Defaults to 10 seconds.
    /// </summary>
    public TimeSpan RefreshTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The first wait before retrying a refresh that failed transiently; it doubles up to 60 seconds. Defaults to 5 seconds.</summary>
    public TimeSpan RefreshRetryDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How the session cookie is sealed. <see cref="WorkOSSessionCookieFormat.DataProtection"/> (the default) uses the
    /// app's Data Protection key ring; <see cref="WorkOSSessionCookieFormat.Iron"/> writes and reads the iron-sealed
    /// <c>wos-session</c> cookie of authkit-nextjs and <c>@workos-inc/node</c> under <see cref="CookiePassword"/>, so
    /// those apps and this one, on one cookie domain, share sessions. Iron keeps the session in one cookie: a session
    /// whose seal is over 4 KB (a token with very many permissions) fails to be written with a log line (event 1952),
    /// and it does not combine with server-side sessions. Read once, at startup.
    /// </summary>
    public WorkOSSessionCookieFormat SessionCookieFormat { get; set; }

    /// <summary>
    /// The cookie password of the iron session format (<c>WorkOS:CookiePassword</c>, or the <c>WORKOS_COOKIE_PASSWORD</c>
    /// environment variable authkit-nextjs reads): at least 32 characters, the same in every app that shares the session.
    /// It is password id <c>1</c>, as the Node libraries treat a single password. Required with
    /// <see cref="WorkOSSessionCookieFormat.Iron"/>, here or in <see cref="CookiePasswords"/>; unused otherwise.
    /// </summary>
    public string? CookiePassword { get; set; }

    /// <summary>
    /// Further iron cookie passwords by id (a positive whole number), for rotation, as <c>iron-session</c> takes a
    /// password map: cookies are sealed with the highest id and read with the id they name. To rotate, add the new
    /// password under a higher id, in every app at once; remove the old one once cookies sealed with it have been
    /// re-sealed or have expired. Empty by default.
    /// </summary>
    public IDictionary<string, string> CookiePasswords { get; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>Whether <c>GET {prefix}/sign-out</c> signs out too (no antiforgery check). Defaults to <see langword="false"/>: POST only.</summary>
    public bool AllowGetSignOut { get; set; }

    /// <summary>The events raised by the scheme; replace or subclass to customise sign-in.</summary>
    public new WorkOSAuthKitEvents Events
    {
        get => (WorkOSAuthKitEvents)base.Events;
        set => base.Events = value;
    }

    /// <summary>Protects the state parameter sent through AuthKit. Set by the framework when left null.</summary>
    public ISecureDataFormat<AuthenticationProperties> StateDataFormat { get; set; } = default!;

    /// <summary>
    /// Runs the framework's checks once the library's own validation (at startup, every problem at once, with what to
    /// set) has nothing to report; otherwise leaves the reporting to it instead of throwing one problem at a time.
    /// </summary>
    /// <param name="scheme">The scheme name.</param>
    public override void Validate(string scheme)
    {
        if (WorkOSAuthKitOptionsValidator.Collect(this, isDevelopment: true, scheme).Count == 0)
        {
            base.Validate(scheme);
        }
    }
}
