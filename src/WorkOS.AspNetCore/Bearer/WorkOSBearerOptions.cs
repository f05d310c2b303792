using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;

namespace WorkOS.AspNetCore.Bearer;

/// <summary>
/// Options of the WorkOS bearer scheme, which accepts AuthKit access tokens sent as <c>Authorization: Bearer</c>.
/// Unset values come from the <c>WorkOS</c> configuration section, then from the AuthKit scheme when the app has
/// one, then from the <c>WORKOS_*</c> environment variables. The scheme is ASP.NET's <c>JwtBearer</c> handler configured
/// from these options; its <see cref="JwtBearerOptions"/> (same scheme name) can be adjusted further with
/// <c>services.Configure&lt;JwtBearerOptions&gt;(scheme, ...)</c>.
/// </summary>
public class WorkOSBearerOptions : AuthenticationSchemeOptions
{
    /// <summary>Creates options with the documented defaults.</summary>
    public WorkOSBearerOptions()
    {
        Events = new JwtBearerEvents();
    }

    /// <summary>The WorkOS client id (<c>client_...</c>) whose signing keys verify the tokens. Required.</summary>
    public string ClientId { get; set; } = string.Empty;

    /// <summary>
    /// The WorkOS API base URL the signing keys are fetched from. <see langword="null"/> (the default) uses the AuthKit
    /// scheme's, <c>WORKOS_API_HOSTNAME</c>, or <c>https://api.workos.com</c>.
    /// </summary>
    public string? ApiBaseUrl { get; set; }

    /// <summary>
    /// Whether a plain-http <see cref="ApiBaseUrl"/> is accepted outside the Development environment, where it is
    /// refused at startup. Defaults to <see langword="false"/>; a base URL taken from the AuthKit scheme carries that
    /// scheme's setting.
    /// </summary>
    public bool AllowHttpApiBaseUrl { get; set; }

    /// <summary>
    /// The issuers accepted in tokens. Empty (the default, like WorkOS's own SDKs) skips the issuer check; otherwise a
    /// token's <c>iss</c> must equal one of them.
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

    /// <summary>Where the signing keys are published; computed from <see cref="ApiBaseUrl"/> and <see cref="ClientId"/>.</summary>
    internal string JwksUrl { get; set; } = string.Empty;
}
