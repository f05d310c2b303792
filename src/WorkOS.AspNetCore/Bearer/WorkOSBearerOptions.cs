using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;

namespace WorkOS.AspNetCore.Bearer;

/// <summary>
/// Options of the WorkOS bearer scheme, which accepts AuthKit access tokens sent as <c>Authorization: Bearer</c>.
/// Scheme-specific values are bound from the <c>WorkOS</c> configuration section and <c>WorkOS:Bearer</c>; the client
/// settings (<see cref="ClientId"/>, <see cref="ApiBaseUrl"/>, <see cref="ValidIssuers"/>) left unset come from
/// <see cref="WorkOSClientOptions"/>, whether or not the app has an AuthKit scheme and in whatever order the schemes
/// were added. The scheme is ASP.NET's <c>JwtBearer</c> handler configured from these options; its
/// <see cref="JwtBearerOptions"/> (same scheme name) can be adjusted further with
/// <c>services.Configure&lt;JwtBearerOptions&gt;(scheme, ...)</c>.
/// </summary>
/// <remarks>
/// Rebuilt, with the scheme's <see cref="JwtBearerOptions"/>, when the configuration reloads; signing keys are cached
/// per client id and base URL, and the validated-token cache starts empty after a reload.
/// </remarks>
public class WorkOSBearerOptions : AuthenticationSchemeOptions
{
    /// <summary>Creates options with the documented defaults.</summary>
    public WorkOSBearerOptions()
    {
        Events = new JwtBearerEvents();
    }

    /// <summary>
    /// The WorkOS client id (<c>client_...</c>) whose signing keys verify the tokens. Empty (the default) uses
    /// <see cref="WorkOSClientOptions.ClientId"/>. Required, here or there.
    /// </summary>
    public string ClientId { get; set; } = string.Empty;

    /// <summary>
    /// The WorkOS API base URL the signing keys are fetched from. <see langword="null"/> (the default) uses
    /// <see cref="WorkOSClientOptions.ApiBaseUrl"/> (<c>https://api.workos.com</c> unless configured).
    /// </summary>
    public string? ApiBaseUrl { get; set; }

    /// <summary>
    /// Whether a plain-http <see cref="ApiBaseUrl"/> is accepted outside the Development environment, where it is
    /// refused at startup. Defaults to <see langword="false"/>; a base URL taken from <see cref="WorkOSClientOptions"/>
    /// carries its setting.
    /// </summary>
    public bool AllowHttpApiBaseUrl { get; set; }

    /// <summary>
    /// The issuers accepted in tokens. Empty (the default) uses <see cref="WorkOSClientOptions.ValidIssuers"/>; when both
    /// are empty (like WorkOS's own SDKs) the issuer check is skipped; otherwise a token's <c>iss</c> must equal one of them.
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
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The least time between two fetches of the signing keys made because a token named an unknown key. Defaults to
    /// 5 minutes. Keys are shared with the AuthKit scheme of the same client: the first scheme to use them sets it.
    /// </summary>
    public TimeSpan JwksRefreshInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// How many verified tokens are remembered so that a token sent again skips the signature check. Defaults to 4096;
    /// 0 turns the cache off. An entry lives at most until the token's <c>exp</c>, ends when the signing keys change,
    /// and the session's revocation is checked on every request either way.
    /// </summary>
    public int ValidatedTokenCacheSize { get; set; } = 4096;

    /// <summary>
    /// The <c>JwtBearer</c> events of the scheme; set the delegates, or subclass and override the methods. The scheme's
    /// own handling (the header read, the reason in <c>error_description</c>, the 503 while the signing keys cannot be
    /// fetched, 403 <c>insufficient_scope</c>) runs after each of them, unless an event decided the result or handled
    /// the response.
    /// </summary>
    public new JwtBearerEvents Events
    {
        get => (JwtBearerEvents)base.Events!;
        set => base.Events = value;
    }
}
