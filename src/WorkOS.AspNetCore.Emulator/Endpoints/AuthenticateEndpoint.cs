using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using WorkOS.AspNetCore.Emulator.Hosting;
using WorkOS.AspNetCore.Emulator.State;
using WorkOS.AspNetCore.Emulator.Wire;

namespace WorkOS.AspNetCore.Emulator.Endpoints;

/// <summary>
/// <c>POST /user_management/authenticate</c> (JSON or form): the <c>authorization_code</c> and
/// <c>refresh_token</c> grants, and the custom sign-in grants of <see cref="CustomGrants"/>.
/// </summary>
internal static class AuthenticateEndpoint
{
    public static Task HandleAsync(HttpContext context, EmulatorCore core)
    {
        var fields = RequestFields.Get(context);
        if (fields.IsMalformed)
        {
            return Responses.OAuthErrorAsync(context, 400, "invalid_request", "The body must be a JSON object or form-encoded.");
        }

        var grantType = fields["grant_type"];
        if (grantType is null)
        {
            return Responses.OAuthErrorAsync(context, 400, "invalid_request", "grant_type is required.");
        }

        if (grantType is not ("authorization_code" or "refresh_token") && !CustomGrants.IsSupported(grantType))
        {
            return Responses.OAuthErrorAsync(context, 400, "unsupported_grant_type", $"The grant type '{grantType}' is not supported by the emulator.");
        }

        var clientId = fields["client_id"];
        if (clientId is null || !string.Equals(clientId, core.Options.ClientId, StringComparison.Ordinal))
        {
            return Responses.OAuthErrorAsync(context, 401, "invalid_client", clientId is null ? "client_id is required." : $"Invalid client ID '{clientId}'.");
        }

        var secret = fields["client_secret"];
        if (secret is not null && !SecretMatches(secret, core.Options.ApiKey))
        {
            return Responses.OAuthErrorAsync(context, 401, "invalid_client", "Invalid client secret.");
        }

        if (CustomGrants.IsSupported(grantType))
        {
            return secret is null
                ? Responses.OAuthErrorAsync(context, 401, "invalid_client", "client_secret is required.")
                : CustomGrants.HandleAsync(context, core, grantType, fields);
        }

        if (core.Store.TakeAuthenticationError(grantType, fields["code"], fields["refresh_token"]) is { } challenge)
        {
            return AuthenticationErrorResponse.WriteAsync(context, challenge);
        }

        GrantOutcome outcome;
        if (grantType == "authorization_code")
        {
            if (fields["code"] is not { } code)
            {
                return Responses.OAuthErrorAsync(context, 400, "invalid_request", "code is required.");
            }

            outcome = core.Store.ExchangeCode(code, clientId, fields["code_verifier"], secret is not null, fields["ip_address"], fields["user_agent"]);
        }
        else
        {
            if (fields["refresh_token"] is not { } refreshToken)
            {
                return Responses.OAuthErrorAsync(context, 400, "invalid_request", "refresh_token is required.");
            }

            outcome = core.Store.Refresh(refreshToken, secret is not null, fields["organization_id"], core.Options.RefreshTokenReplayGrace);
        }

        return outcome.Failure switch
        {
            GrantFailure.None => SucceedAsync(context, core, outcome.Session!),
            GrantFailure.InvalidClient => Responses.OAuthErrorAsync(context, 401, "invalid_client", outcome.Description!),
            GrantFailure.OrganizationInvalid => Responses.ErrorAsync(context, 400, "organization_invalid", outcome.Description!),
            _ => Responses.OAuthErrorAsync(context, 400, "invalid_grant", outcome.Description!),
        };
    }

    internal static Task SucceedAsync(HttpContext context, EmulatorCore core, IssuedSession session)
    {
        var response = new AuthenticateResponseDto(
            session.User,
            session.OrganizationId,
            session.AccessToken(core.Tokens.Create),
            session.RefreshToken,
            session.AuthenticationMethod,
            session.Impersonation is { } impersonation ? new ImpersonatorDto(impersonation.ImpersonatorEmail, impersonation.Reason) : null);
        return Responses.JsonAsync(context, 200, response, WireJsonContext.Default.AuthenticateResponseDto);
    }

    private static bool SecretMatches(string presented, string apiKey) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(presented), Encoding.UTF8.GetBytes(apiKey));
}
