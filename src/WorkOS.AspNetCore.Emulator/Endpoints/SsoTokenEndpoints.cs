using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using WorkOS.AspNetCore.Emulator.Hosting;
using WorkOS.AspNetCore.Emulator.State;
using WorkOS.AspNetCore.Emulator.Wire;

namespace WorkOS.AspNetCore.Emulator.Endpoints;

/// <summary>
/// <c>POST /sso/token</c> (form or JSON: client_id, client_secret, grant_type=authorization_code, code, code_verifier)
/// and <c>GET /sso/profile</c> (bearer SSO access token).
/// </summary>
internal static class SsoTokenEndpoints
{
    public static Task TokenAsync(HttpContext context, EmulatorCore core)
    {
        var fields = RequestFields.Get(context);
        if (fields.IsMalformed)
        {
            return RefuseAsync(context, core, 400, "invalid_request", "The body must be form-encoded or a JSON object.");
        }

        var grantType = fields["grant_type"];
        if (grantType != "authorization_code")
        {
            return grantType is null
                ? RefuseAsync(context, core, 400, "invalid_request", "grant_type is required.")
                : RefuseAsync(context, core, 400, "unsupported_grant_type", $"The grant type '{grantType}' is not supported; use authorization_code.");
        }

        var clientId = fields["client_id"];
        if (clientId is null || !string.Equals(clientId, core.Options.ClientId, StringComparison.Ordinal))
        {
            return RefuseAsync(context, core, 401, "invalid_client", clientId is null ? "client_id is required." : $"Invalid client ID '{clientId}'.");
        }

        var secret = fields["client_secret"];
        if (secret is not null && !CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(core.Options.ApiKey)))
        {
            return RefuseAsync(context, core, 401, "invalid_client", "Invalid client secret.");
        }

        if (fields["code"] is not { } code)
        {
            return RefuseAsync(context, core, 400, "invalid_request", "code is required.");
        }

        var outcome = core.Store.ExchangeSsoCode(code, clientId, fields["code_verifier"], secret is not null);
        if (outcome.AccessToken is null)
        {
            return RefuseAsync(context, core, outcome.Error == "invalid_client" ? 401 : 400, outcome.Error!, outcome.Description!);
        }

        return Responses.JsonAsync(context, 200, new SsoTokenDto(outcome.AccessToken, ToDto(outcome.Profile!)), SsoJsonContext.Default.SsoTokenDto);
    }

    public static Task ProfileAsync(HttpContext context, EmulatorCore core)
    {
        const string Scheme = "Bearer ";
        var header = context.Request.Headers.Authorization.ToString();
        var profile = header.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase)
            ? core.Store.ProfileForAccessToken(header[Scheme.Length..].Trim())
            : null;
        if (profile is null)
        {
            SsoLog.ProfileRefused(SsoAuthorizeEndpoints.Logger(core));
            context.Response.Headers.WWWAuthenticate = "Bearer";
            return Responses.ErrorAsync(context, StatusCodes.Status401Unauthorized, null, "Unauthorized");
        }

        return Responses.JsonAsync(context, 200, ToDto(profile), SsoJsonContext.Default.ProfileDto);
    }

    internal static ProfileDto ToDto(SsoProfile signedIn)
    {
        var p = signedIn.Profile;
        return new ProfileDto(
            "profile",
            p.Id,
            signedIn.ConnectionId,
            signedIn.ConnectionType,
            signedIn.OrganizationId,
            p.Email,
            p.FirstName,
            p.LastName,
            p.IdpId,
            p.Roles.Count > 0 ? new SlugDto(p.Roles[0]) : null,
            p.Roles.Count > 0 ? [.. p.Roles.Select(r => new SlugDto(r))] : null,
            p.Groups.Count > 0 ? [.. p.Groups] : null,
            new Dictionary<string, string>(p.RawAttributes, StringComparer.Ordinal));
    }

    private static Task RefuseAsync(HttpContext context, EmulatorCore core, int status, string error, string description)
    {
        SsoLog.TokenRefused(SsoAuthorizeEndpoints.Logger(core), status, error, description);
        return Responses.OAuthErrorAsync(context, status, error, description);
    }
}
