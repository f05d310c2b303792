namespace WorkOS.AspNetCore;

/// <summary>
/// The settings of this application's WorkOS client, shared by every WorkOS scheme and service: the AuthKit scheme,
/// the bearer and API key schemes, fine-grained checks and <c>WorkOSSessionService</c>. Bound once from the
/// <c>WorkOS</c> configuration section and, for values it leaves unset, the <c>WORKOS_CLIENT_ID</c>,
/// <c>WORKOS_API_KEY</c> and <c>WORKOS_API_HOSTNAME</c> / <c>WORKOS_API_HTTPS</c> / <c>WORKOS_API_PORT</c> entries of the
/// app's configuration (where environment variables are by default). Values set in code with
/// <c>services.Configure&lt;WorkOSClientOptions&gt;(...)</c> win over both, whatever the registration order. A scheme's
/// own <c>ClientId</c>, <c>ApiKey</c>, <c>ApiBaseUrl</c> and <c>ValidIssuers</c> override these for that scheme only.
/// </summary>
/// <remarks>
/// Read through <c>IOptionsMonitor</c>: when the configuration reloads (a changed <c>appsettings.json</c>, a rotated
/// API key), the services that call WorkOS and the schemes' options are rebuilt with the new values on their next use.
/// Signing keys are cached per client id and API base URL, so a new client id or base URL gets its own key cache
/// instead of reusing the old one.
/// </remarks>
public sealed class WorkOSClientOptions
{
    /// <summary>The WorkOS client id of this application (<c>client_...</c>). Required by the AuthKit and bearer schemes.</summary>
    public string ClientId { get; set; } = string.Empty;

    /// <summary>
    /// The WorkOS API key (<c>sk_...</c>): the client secret of the code exchange and the credential of every WorkOS API
    /// call. Required by the AuthKit and API key schemes, fine-grained checks and <c>WorkOSSessionService</c>.
    /// </summary>
    public string ApiKey { get; set; } = string.Empty;

    /// <summary>The WorkOS API base URL. Defaults to <c>https://api.workos.com</c>.</summary>
    public string ApiBaseUrl { get; set; } = WorkOSAuthKitDefaults.ApiBaseUrl;

    /// <summary>
    /// Whether a plain-http <see cref="ApiBaseUrl"/> is accepted outside the Development environment, where it is
    /// refused at startup (API keys, codes and tokens would cross the network unencrypted). Defaults to
    /// <see langword="false"/>. Set it only for a WorkOS stand-in you run yourself, such as the local emulator.
    /// </summary>
    public bool AllowHttpApiBaseUrl { get; set; }

    /// <summary>
    /// The issuers accepted in access tokens by the schemes that set none of their own. Empty (the default, like
    /// WorkOS's own SDKs) skips the issuer check; otherwise a token's <c>iss</c> must equal one of them.
    /// </summary>
    public IList<string> ValidIssuers { get; } = new List<string>();
}
