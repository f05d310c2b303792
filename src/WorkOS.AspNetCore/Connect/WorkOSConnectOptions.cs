using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;

namespace WorkOS.AspNetCore.Connect;

/// <summary>
/// Options of the WorkOS Connect bearer scheme: APIs (MCP servers among them) that accept access tokens WorkOS Connect
/// issues to machine-to-machine applications and to third-party apps a user authorized. The scheme is ASP.NET's
/// <c>JwtBearer</c> handler configured from the AuthKit domain's discovery document; its <see cref="JwtBearerOptions"/>
/// (same scheme name) can be adjusted further with <c>services.Configure&lt;JwtBearerOptions&gt;(scheme, ...)</c>.
/// </summary>
public class WorkOSConnectOptions : AuthenticationSchemeOptions
{
    /// <summary>Creates options with the documented defaults.</summary>
    public WorkOSConnectOptions()
    {
        Events = new JwtBearerEvents();
    }

    /// <summary>
    /// The AuthKit domain (<c>https://&lt;subdomain&gt;.authkit.app</c> or your custom domain). Its discovery document
    /// (<c>/.well-known/openid-configuration</c>, else <c>/.well-known/oauth-authorization-server</c>) names the JWKS and
    /// the introspection endpoint, and tokens must carry it as <c>iss</c>. Required; https outside Development unless
    /// <see cref="AllowHttpDomain"/>.
    /// </summary>
    public string Domain { get; set; } = string.Empty;

    /// <summary>Whether a plain-http <see cref="Domain"/> is accepted outside Development. Defaults to <see langword="false"/>.</summary>
    public bool AllowHttpDomain { get; set; }

    /// <summary>
    /// The accepted <c>aud</c> values: your environment's WorkOS client id (the audience WorkOS gives M2M tokens), the
    /// client id of your Connect OAuth application, or the resource indicator clients ask for (your API's URL). At least
    /// one is required; a token for any other audience is refused.
    /// </summary>
    public IList<string> Audiences { get; } = new List<string>();

    /// <summary>
    /// The resource identifier of this API (its absolute URL) for the RFC 9728 metadata. <see langword="null"/> (the
    /// default) uses the origin of the request.
    /// </summary>
    public string? Resource { get; set; }

    /// <summary>The scopes listed as <c>scopes_supported</c> in the RFC 9728 metadata. Empty by default.</summary>
    public IList<string> ScopesSupported { get; } = new List<string>();

    /// <summary>How far token lifetimes may be off because of clock differences. Defaults to 30 seconds.</summary>
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The least time between two fetches of the discovery document and keys made because a token named an unknown key
    /// (or the last fetch failed). Defaults to 5 minutes.
    /// </summary>
    public TimeSpan RefreshInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long the discovery document and keys are used before they are fetched again. Defaults to 12 hours.</summary>
    public TimeSpan AutomaticRefreshInterval { get; set; } = TimeSpan.FromHours(12);

    /// <summary>
    /// Whether every token is also checked with the domain's RFC 7662 introspection endpoint, so a revoked token is
    /// refused at once. Defaults to <see langword="false"/>; mark single endpoints with
    /// <c>RequireWorkOSIntrospection()</c> or <see cref="RequireWorkOSIntrospectionAttribute"/> instead. Needs
    /// <see cref="IntrospectionClientId"/> and <see cref="IntrospectionClientSecret"/>.
    /// </summary>
    public bool RequireIntrospection { get; set; }

    /// <summary>The client id this API authenticates to the introspection endpoint with.</summary>
    public string? IntrospectionClientId { get; set; }

    /// <summary>The client secret this API authenticates to the introspection endpoint with. Sent only there.</summary>
    public string? IntrospectionClientSecret { get; set; }

    /// <summary>
    /// How long an introspection answer is reused for the same token (never past the token's expiry). Defaults to
    /// 30 seconds; <see cref="TimeSpan.Zero"/> asks every time.
    /// </summary>
    public TimeSpan IntrospectionCacheDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The <c>JwtBearer</c> events of the scheme; set the delegates, or subclass and override the methods. The scheme's
    /// own handling (one claim per scope, introspection, the <c>resource_metadata</c> and <c>insufficient_scope</c>
    /// challenges) runs after each of them, unless an event decided the result or handled the response.
    /// </summary>
    public new JwtBearerEvents Events
    {
        get => (JwtBearerEvents)base.Events!;
        set => base.Events = value;
    }
}
