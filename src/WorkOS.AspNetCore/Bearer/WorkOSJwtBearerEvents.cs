using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.Tokens;
using WorkOS.AspNetCore.Claims;
using WorkOS.AspNetCore.Http;

namespace WorkOS.AspNetCore.Bearer;

/// <summary>
/// What the WorkOS bearer scheme adds around the app's <see cref="JwtBearerEvents"/> (<see cref="WorkOSBearerOptions.Events"/>):
/// the <c>Authorization</c> header read strictly (one <c>Bearer</c> credential, bounded size), the reason of a refusal
/// as the RFC 6750 <c>error_description</c>, 503 <c>temporarily_unavailable</c> when a token could not be checked, 403
/// with <c>insufficient_scope</c>, and a log line for each outcome. The app's events run first at each step and can
/// still decide the result or write their own response.
/// </summary>
internal sealed class WorkOSJwtBearerEvents(JwtBearerEvents app, ILogger logger) : JwtBearerEvents
{
    public override async Task MessageReceived(MessageReceivedContext context)
    {
        await app.MessageReceived(context).ConfigureAwait(false);
        if (context.Result is not null || !string.IsNullOrEmpty(context.Token))
        {
            return;
        }

        string? description;
        switch (ApiCredentials.ReadBearer(context.Request, out var credential))
        {
            case CredentialRead.Absent:
                logger.NoToken();
                context.NoResult();
                return;
            case CredentialRead.TooLarge:
                description = "The Authorization header is too large.";
                break;
            case CredentialRead.Malformed:
                description = "The Authorization header must be a single 'Bearer <token>'.";
                break;
            default:
                context.Token = credential;
                return;
        }

        // Refused before any token handler runs: the app's OnAuthenticationFailed still hears of it, as of any refusal.
        logger.TokenRefused("malformed", description);
        var failed = new AuthenticationFailedContext(context.HttpContext, context.Scheme, context.Options)
        {
            Exception = new SecurityTokenMalformedException(description),
        };
        await app.AuthenticationFailed(failed).ConfigureAwait(false);
        if (failed.Result is { } decided)
        {
            if (decided.None)
            {
                context.NoResult();
            }
            else if (decided.Succeeded)
            {
                context.Principal = decided.Principal;
                context.Properties = decided.Properties;
                context.Success();
            }
            else
            {
                context.Fail(decided.Failure!);
            }

            return;
        }

        context.Fail(failed.Exception);
    }

    public override Task AuthenticationFailed(AuthenticationFailedContext context) => app.AuthenticationFailed(context);

    public override async Task TokenValidated(TokenValidatedContext context)
    {
        await app.TokenValidated(context).ConfigureAwait(false);
        if (context.Result?.Failure is { } failure)
        {
            logger.RejectedByEvent(failure.Message);
        }
        else if (context.Result is null && context.Principal is { } principal)
        {
            logger.TokenAccepted(principal.GetWorkOSUserId(), principal.GetWorkOSSessionId(), principal.GetOrganizationId());
        }
    }

    public override async Task Challenge(JwtBearerChallengeContext context)
    {
        var unavailable = WorkOSAccessTokenHandler.IsUnavailable(context.AuthenticateFailure);
        if (context.AuthenticateFailure is { } failure && context.Options.IncludeErrorDetails)
        {
            // The scheme's own reasons (and an event's Fail message) rather than the framework's generic text.
            context.Error = unavailable ? ApiChallenge.TemporarilyUnavailable : ApiChallenge.InvalidToken;
            context.ErrorDescription = ApiChallenge.Quoted(failure.Message);
        }

        await app.Challenge(context).ConfigureAwait(false);
        if (context.Handled)
        {
            return;
        }

        var status = unavailable ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status401Unauthorized;
        logger.Challenged(status, context.Error ?? "no token");
        if (unavailable)
        {
            await ApiChallenge.WriteAsync(context.Response, status, context.Error, context.ErrorDescription).ConfigureAwait(false);
            context.HandleResponse();
        }
    }

    public override async Task Forbidden(ForbiddenContext context)
    {
        await app.Forbidden(context).ConfigureAwait(false);
        logger.Forbidden();
        ApiChallenge.Forbid(context.Response, "The access token does not grant access to this resource.");
    }
}
