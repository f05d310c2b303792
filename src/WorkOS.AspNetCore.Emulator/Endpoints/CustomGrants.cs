using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using WorkOS.AspNetCore.Emulator.Hosting;
using WorkOS.AspNetCore.Emulator.State;

namespace WorkOS.AspNetCore.Emulator.Endpoints;

/// <summary>
/// The grants of a custom sign-in on <c>POST /user_management/authenticate</c> (client_id and client_secret checked by
/// <see cref="AuthenticateEndpoint"/>): <c>password</c>, Magic Auth, email verification, organization selection and
/// the TOTP grant. Each ends in a session, an authentication error with a pending token, or a refusal.
/// </summary>
internal static class CustomGrants
{
    public const string Password = "password";
    public const string MagicAuth = "urn:workos:oauth:grant-type:magic-auth:code";
    public const string EmailVerification = "urn:workos:oauth:grant-type:email-verification:code";
    public const string OrganizationSelection = "urn:workos:oauth:grant-type:organization-selection";
    public const string Totp = "urn:workos:oauth:grant-type:mfa-totp";

    public static bool IsSupported(string grantType) =>
        grantType is Password or MagicAuth or EmailVerification or OrganizationSelection or Totp;

    public static ILogger Logger(EmulatorCore core) => core.Options.LoggerFactory.CreateLogger("WorkOS.AspNetCore.Emulator.SignIn");

    public static Task HandleAsync(HttpContext context, EmulatorCore core, string grantType, RequestFields fields)
    {
        var ip = fields["ip_address"];
        var userAgent = fields["user_agent"];
        var key = grantType is Password or MagicAuth
            ? fields["email"]?.ToUpperInvariant() is { } email ? "email:" + email : null
            : (fields["authentication_challenge_id"] ?? fields["pending_authentication_token"]) is { } challenge ? "challenge:" + challenge : null;
        if (key is not null && core.RateLimit.TryAcquire(key) is { } retryAfter)
        {
            var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
            SignInFlowLog.RateLimited(Logger(core), grantType, seconds);
            context.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return Responses.ErrorAsync(context, StatusCodes.Status429TooManyRequests, "rate_limit_exceeded",
                $"Too many authentication attempts. Retry after {seconds} seconds.");
        }

        var store = core.Store;
        SignInOutcome outcome;
        switch (grantType)
        {
            case Password:
                if (Missing(fields, "email", "password") is { } missing)
                {
                    return MissingAsync(context, core, grantType, missing);
                }

                outcome = store.AuthenticateWithPassword(fields["email"]!, fields["password"]!, fields["invitation_token"], ip, userAgent);
                break;
            case MagicAuth:
                if (Missing(fields, "email", "code") is { } missingCode)
                {
                    return MissingAsync(context, core, grantType, missingCode);
                }

                outcome = store.AuthenticateWithMagicAuth(fields["email"]!, fields["code"]!, fields["invitation_token"], ip, userAgent);
                break;
            case EmailVerification:
                if (Missing(fields, "pending_authentication_token", "code") is { } missingVerification)
                {
                    return MissingAsync(context, core, grantType, missingVerification);
                }

                outcome = store.AuthenticateWithEmailVerification(fields["pending_authentication_token"]!, fields["code"]!, ip, userAgent);
                break;
            case Totp:
                if (Missing(fields, "pending_authentication_token", "authentication_challenge_id", "code") is { } missingTotp)
                {
                    return MissingAsync(context, core, grantType, missingTotp);
                }

                outcome = store.AuthenticateWithTotp(fields["pending_authentication_token"]!, fields["authentication_challenge_id"]!, fields["code"]!, ip, userAgent);
                break;
            default:
                if (Missing(fields, "pending_authentication_token", "organization_id") is { } missingOrganization)
                {
                    return MissingAsync(context, core, grantType, missingOrganization);
                }

                outcome = store.AuthenticateWithOrganizationSelection(fields["pending_authentication_token"]!, fields["organization_id"]!, ip, userAgent);
                break;
        }

        return WriteAsync(context, core, grantType, outcome);
    }

    public static Task WriteAsync(HttpContext context, EmulatorCore core, string grantType, SignInOutcome outcome)
    {
        var logger = Logger(core);
        if (outcome.Session is { } session)
        {
            SignInFlowLog.SignedIn(logger, grantType, session.User.Id, session.SessionId);
            return AuthenticateEndpoint.SucceedAsync(context, core, session);
        }

        if (outcome.Challenge is { } challenge)
        {
            SignInFlowLog.StepRequired(logger, grantType, challenge.User.Id, AuthenticationErrors.Code(challenge.Error));
            return AuthenticationErrorResponse.WriteAsync(context, challenge);
        }

        var refusal = outcome.Refusal!;
        SignInFlowLog.Refused(logger, grantType, refusal.Error, refusal.Description);
        return refusal.OAuthShape
            ? Responses.OAuthErrorAsync(context, StatusCodes.Status400BadRequest, refusal.Error, refusal.Description)
            : Responses.ErrorAsync(context, StatusCodes.Status400BadRequest, refusal.Error, refusal.Description);
    }

    private static string? Missing(RequestFields fields, params string[] names) => names.FirstOrDefault(n => fields[n] is null);

    private static Task MissingAsync(HttpContext context, EmulatorCore core, string grantType, string field)
    {
        SignInFlowLog.Refused(Logger(core), grantType, "invalid_request", $"{field} is required");
        return Responses.OAuthErrorAsync(context, StatusCodes.Status400BadRequest, "invalid_request", $"{field} is required.");
    }
}
