using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
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
        switch (ReadToken(context, out var remembered))
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
                if (remembered is { } found)
                {
                    if (await found.Handler.IsAcceptedAgainAsync(found.Entry).ConfigureAwait(false))
                    {
                        await AcceptRememberedAsync(context, found.Entry, found.Token).ConfigureAwait(false);
                    }
                    else
                    {
                        // No longer as it was: the handler checks the token in full and answers for it.
                        context.Token = found.Token;
                    }
                }

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
            Adopt(context, decided);
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
        else if (context.Result is null && context.Principal is { } principal && logger.IsEnabled(LogLevel.Debug))
        {
            // Only when the line is written: finding the three claims is a scan of the identity per request.
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

    /// <summary>
    /// Reads the bearer token from the header. A token remembered by the scheme's own token handler comes back as its
    /// entry, hashed and compared in the header's characters; any other token is left for the handler, in
    /// <see cref="MessageReceivedContext.Token"/>.
    /// </summary>
    private static CredentialRead ReadToken(MessageReceivedContext context, out (WorkOSAccessTokenHandler Handler, ValidatedToken Entry, string Token)? remembered)
    {
        remembered = null;
        var read = ApiCredentials.ReadBearerInPlace(context.Request, out var token);
        if (read != CredentialRead.Present)
        {
            return read;
        }

        // Only where JwtBearerHandler would ask this handler first; otherwise its own loop decides, as always.
        var handlers = context.Options.TokenHandlers;
        if (!context.Options.UseSecurityTokenValidators && handlers.Count > 0 && handlers[0] is WorkOSAccessTokenHandler handler
            && handler.TryGetRemembered(token, out var entry, out var rememberedToken))
        {
            remembered = (handler, entry, rememberedToken);
        }
        else
        {
            context.Token = token.ToString();
        }

        return read;
    }

    /// <summary>
    /// What <c>JwtBearerHandler</c> does with a token its handler accepts, for a remembered one: this request's own
    /// copy of the identity and properties, <see cref="TokenValidated"/> (the app's event first), the token saved when
    /// <see cref="JwtBearerOptions.SaveToken"/> says so (as it does by default). <paramref name="token"/> is the
    /// remembered token, equal to the presented one.
    /// </summary>
    private async Task AcceptRememberedAsync(MessageReceivedContext context, ValidatedToken entry, string token)
    {
        var validated = new TokenValidatedContext(context.HttpContext, context.Scheme, context.Options)
        {
            Principal = new ClaimsPrincipal(entry.Identity.Clone()),
            SecurityToken = entry.Token,
            Properties = entry.CreateProperties(context.Options.SaveToken ? token : null),
        };
        await TokenValidated(validated).ConfigureAwait(false);
        if (validated.Result is { } decided)
        {
            Adopt(context, decided);
            return;
        }

        context.Principal = validated.Principal;
        context.Properties = validated.Properties;
        context.Success();
    }

    /// <summary>Makes an event's decision the result of <see cref="MessageReceived"/>, which the handler returns as is.</summary>
    private static void Adopt(MessageReceivedContext context, AuthenticateResult decided)
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
    }
}
