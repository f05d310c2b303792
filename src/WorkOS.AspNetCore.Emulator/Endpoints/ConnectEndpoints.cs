using System.Net.Http.Headers;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using WorkOS.AspNetCore.Emulator.Hosting;
using WorkOS.AspNetCore.Emulator.State;

namespace WorkOS.AspNetCore.Emulator.Endpoints;

/// <summary>
/// WorkOS Connect on the AuthKit domain (the emulator's base URL is the domain): the discovery documents
/// (<c>/.well-known/openid-configuration</c>, <c>/.well-known/oauth-authorization-server</c>), <c>GET /oauth2/jwks</c>,
/// <c>POST /oauth2/token</c> (client credentials for M2M applications, <c>client_secret_basic</c> or
/// <c>client_secret_post</c>) and <c>POST /oauth2/introspection</c> (RFC 7662, client-authenticated).
/// </summary>
internal static class ConnectEndpoints
{
    private static readonly JsonWebTokenHandler Handler = new() { SetDefaultTimesOnTokenCreation = false };

    /// <summary>The issuer: the origin the request reached, as the AuthKit domain is its own issuer.</summary>
    public static string Issuer(HttpContext context) => $"{context.Request.Scheme}://{context.Request.Host}{context.Request.PathBase}";

    public static Task DiscoveryAsync(HttpContext context, EmulatorCore core)
    {
        var issuer = Issuer(context);
        return Responses.JsonAsync(context, 200, new ConnectDiscoveryDto(
            issuer,
            issuer + "/oauth2/authorize",
            issuer + "/oauth2/token",
            issuer + "/oauth2/jwks",
            issuer + "/oauth2/introspection",
            ["code"],
            ["authorization_code", "refresh_token", "client_credentials"],
            ["public"],
            [SecurityAlgorithms.RsaSha256],
            ["client_secret_basic", "client_secret_post"],
            ["client_secret_basic", "client_secret_post"],
            ["S256"]), ConnectJsonContext.Default.ConnectDiscoveryDto);
    }

    public static Task JwksAsync(HttpContext context, EmulatorCore core) =>
        Responses.JsonAsync(context, 200, core.ConnectKeys.ToJwks(), Wire.WireJsonContext.Default.JwksDto);

    public static Task TokenAsync(HttpContext context, EmulatorCore core)
    {
        var fields = RequestFields.Get(context);
        if (fields.IsMalformed || !IsForm(context))
        {
            return RefuseTokenAsync(context, core, 400, "invalid_request", "The body must be application/x-www-form-urlencoded.");
        }

        var grantType = fields["grant_type"];
        if (grantType != "client_credentials")
        {
            return grantType is null
                ? RefuseTokenAsync(context, core, 400, "invalid_request", "grant_type is required.")
                : RefuseTokenAsync(context, core, 400, "unsupported_grant_type", $"The grant type '{grantType}' is not supported here; use client_credentials.");
        }

        if (!ReadClient(context, fields, out var clientId, out var secret, out var basic, out var problem))
        {
            return RefuseTokenAsync(context, core, problem == "invalid_request" ? 400 : 401, problem!, ClientProblem(problem!), basic);
        }

        if (core.Store.AuthenticateM2MApplication(clientId!, secret!) is not { } application)
        {
            return RefuseTokenAsync(context, core, 401, "invalid_client", "Client authentication failed.", basic);
        }

        string[] scopes = fields["scope"] is { } requested
            ? requested.Split(' ', StringSplitOptions.RemoveEmptyEntries).Distinct(StringComparer.Ordinal).ToArray()
            : [.. application.Scopes];
        if (scopes.FirstOrDefault(s => !application.Scopes.Contains(s, StringComparer.Ordinal)) is { } refused)
        {
            return RefuseTokenAsync(context, core, 400, "invalid_scope", $"The scope '{refused}' is not allowed for this application.");
        }

        // WorkOS gives an M2M token the environment's client id as its audience (the API's own WorkOS client id), not
        // the M2M application's, unless a resource indicator names the API.
        var audience = core.Options.ClientId;
        if (fields["resource"] is { } resource)
        {
            if (!Uri.TryCreate(resource, UriKind.Absolute, out var parsed) || !string.IsNullOrEmpty(parsed.Fragment))
            {
                return RefuseTokenAsync(context, core, 400, "invalid_target", "resource must be an absolute URI without a fragment.");
            }

            audience = resource;
        }

        var issued = Issue(Issuer(context), core, application.ClientId, application.ClientId, audience, application.OrganizationId, null, string.Join(' ', scopes),
            core.Options.AccessTokenLifetime, out var token);
        ConnectLog.TokenIssued(Logger(core), issued.Jti, application.ClientId, issued.Scope);
        return Responses.JsonAsync(context, 200, new ConnectTokenDto(token, "bearer", (long)core.Options.AccessTokenLifetime.TotalSeconds, issued.Scope),
            ConnectJsonContext.Default.ConnectTokenDto);
    }

    public static Task IntrospectionAsync(HttpContext context, EmulatorCore core)
    {
        var fields = RequestFields.Get(context);
        if (fields.IsMalformed || !IsForm(context))
        {
            return RefuseIntrospectionAsync(context, core, 400, "invalid_request", "The body must be application/x-www-form-urlencoded.", false);
        }

        if (!ReadClient(context, fields, out var clientId, out var secret, out var basic, out var problem))
        {
            return RefuseIntrospectionAsync(context, core, problem == "invalid_request" ? 400 : 401, problem!, ClientProblem(problem!), basic);
        }

        var environmentClient = string.Equals(clientId, core.Options.ClientId, StringComparison.Ordinal)
            && System.Security.Cryptography.CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(secret!), Encoding.UTF8.GetBytes(core.Options.ApiKey));
        if (!environmentClient && core.Store.AuthenticateM2MApplication(clientId!, secret!) is null)
        {
            return RefuseIntrospectionAsync(context, core, 401, "invalid_client", "Client authentication failed.", basic);
        }

        if (fields["token"] is not { } token)
        {
            return RefuseIntrospectionAsync(context, core, 400, "invalid_request", "token is required.", false);
        }

        var issued = core.Store.FindConnectToken(token);
        var reason = issued is null ? "unknown token"
            : core.Store.IsConnectTokenRevoked(issued.Jti) ? "revoked"
            : issued.ExpiresAt <= core.Time.GetUtcNow() ? "expired"
            : null;
        if (reason is not null)
        {
            ConnectLog.IntrospectionInactive(Logger(core), reason);
            return Responses.JsonAsync(context, 200, new ConnectIntrospectionDto(false), ConnectJsonContext.Default.ConnectIntrospectionDto);
        }

        return Responses.JsonAsync(context, 200, new ConnectIntrospectionDto(true, issued!.Scope, issued.ClientId, issued.Subject, issued.Audience,
            issued.Issuer, issued.ExpiresAt.ToUnixTimeSeconds(), issued.IssuedAt.ToUnixTimeSeconds(), issued.Jti, issued.OrganizationId, issued.SessionId,
            "Bearer"), ConnectJsonContext.Default.ConnectIntrospectionDto);
    }

    /// <summary>Signs and remembers a Connect token with the claims WorkOS gives them (a <c>sid</c> only for a user's token).</summary>
    public static IssuedConnectToken Issue(string issuer, EmulatorCore core, string clientId, string subject, string audience, string? organizationId,
        string? sessionId, string scope, TimeSpan lifetime, out string token)
    {
        var now = core.Time.GetUtcNow();
        var issued = new IssuedConnectToken(IdGenerator.NewUlid(now), issuer, clientId, subject, audience,
            string.IsNullOrEmpty(organizationId) ? null : organizationId, sessionId, scope, now, now + lifetime);
        var claims = new Dictionary<string, object>(StringComparer.Ordinal)
        {
            ["iss"] = issued.Issuer,
            ["sub"] = issued.Subject,
            ["aud"] = issued.Audience,
            ["client_id"] = issued.ClientId,
            ["scope"] = issued.Scope,
            ["jti"] = issued.Jti,
            ["iat"] = now.ToUnixTimeSeconds(),
            ["exp"] = issued.ExpiresAt.ToUnixTimeSeconds(),
        };
        if (issued.OrganizationId is { } org)
        {
            claims["org_id"] = org;
        }

        if (sessionId is not null)
        {
            claims["sid"] = sessionId;
        }

        token = Handler.CreateToken(new SecurityTokenDescriptor
        {
            Claims = claims,
            SigningCredentials = new SigningCredentials(core.ConnectKeys.Current, SecurityAlgorithms.RsaSha256),
        });
        core.Store.AddConnectToken(token, issued);
        return issued;
    }

    /// <summary>Revokes a token the Connect endpoints issued; <see langword="false"/> for a token never issued here.</summary>
    public static bool Revoke(EmulatorCore core, string token)
    {
        if (core.Store.FindConnectToken(token) is not { } issued)
        {
            return false;
        }

        core.Store.RevokeConnectToken(issued.Jti);
        ConnectLog.TokenRevoked(Logger(core), issued.Jti);
        return true;
    }

    private static bool IsForm(HttpContext context) =>
        context.Request.ContentType?.Split(';')[0].Trim() == "application/x-www-form-urlencoded";

    /// <summary>
    /// The client's credentials: HTTP Basic (RFC 6749 section 2.3.1, form-encoded id and secret) or the body's
    /// <c>client_id</c> and <c>client_secret</c>, never both.
    /// </summary>
    private static bool ReadClient(HttpContext context, RequestFields fields, out string? clientId, out string? secret, out bool basic, out string? problem)
    {
        (clientId, secret, problem) = (null, null, null);
        basic = false;
        var header = context.Request.Headers.Authorization.ToString();
        if (header.Length > 0)
        {
            basic = true;
            if (!AuthenticationHeaderValue.TryParse(header, out var parsed) || !string.Equals(parsed.Scheme, "Basic", StringComparison.OrdinalIgnoreCase)
                || parsed.Parameter is null)
            {
                problem = "invalid_client";
                return false;
            }

            string decoded;
            try
            {
                decoded = Encoding.UTF8.GetString(Convert.FromBase64String(parsed.Parameter));
            }
            catch (FormatException)
            {
                problem = "invalid_client";
                return false;
            }

            var colon = decoded.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0 || fields["client_secret"] is not null)
            {
                problem = colon <= 0 ? "invalid_client" : "invalid_request";
                return false;
            }

            clientId = Uri.UnescapeDataString(decoded[..colon].Replace('+', ' '));
            secret = Uri.UnescapeDataString(decoded[(colon + 1)..].Replace('+', ' '));
            return true;
        }

        clientId = fields["client_id"];
        secret = fields["client_secret"];
        if (clientId is null || secret is null)
        {
            problem = "invalid_client";
            return false;
        }

        return true;
    }

    private static string ClientProblem(string problem) => problem == "invalid_request"
        ? "Use one client authentication method: HTTP Basic or client_secret in the body, not both."
        : "Client authentication failed.";

    private static Task RefuseTokenAsync(HttpContext context, EmulatorCore core, int status, string error, string description, bool basic = false)
    {
        ConnectLog.TokenRefused(Logger(core), status, error, description);
        if (status == 401 && basic)
        {
            context.Response.Headers.WWWAuthenticate = "Basic realm=\"WorkOS\"";
        }

        return Responses.OAuthErrorAsync(context, status, error, description);
    }

    private static Task RefuseIntrospectionAsync(HttpContext context, EmulatorCore core, int status, string error, string description, bool basic)
    {
        ConnectLog.IntrospectionRefused(Logger(core), status, error, description);
        if (status == 401 && basic)
        {
            context.Response.Headers.WWWAuthenticate = "Basic realm=\"WorkOS\"";
        }

        return Responses.OAuthErrorAsync(context, status, error, description);
    }

    private static ILogger Logger(EmulatorCore core) => core.Options.LoggerFactory.CreateLogger(ConnectLog.Category);
}
