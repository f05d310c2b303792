using System.Buffers;
using System.Security.Claims;
using WorkOS.AspNetCore.Claims;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Microsoft.Net.Http.Headers;
using WorkOS.AspNetCore.Http;

namespace WorkOS.AspNetCore.Connect;

/// <summary>
/// What the Connect scheme adds around the app's <see cref="JwtBearerEvents"/>: the header read strictly, a failure to
/// get the discovery document answered as a refusal (never a 500), introspection where required, and challenges that
/// carry <c>resource_metadata</c> (401) or the missing scope (403 <c>insufficient_scope</c>).
/// </summary>
internal sealed class ConnectJwtBearerEvents(JwtBearerEvents app, WorkOSConnectOptions options, ConnectConfigurationManager configuration,
    ConnectIntrospector introspector, ILogger logger) : JwtBearerEvents
{
    /// <summary>The message of a refusal because introspection could not answer (503).</summary>
    internal const string IntrospectionUnavailable = "The access token could not be checked with the AuthKit domain.";

    /// <summary>The characters of RFC 6750's <c>b64token</c>, the only ones a bearer token has.</summary>
    private static readonly SearchValues<char> Bearer68 = SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~+/=");

    public override async Task MessageReceived(MessageReceivedContext context)
    {
        await app.MessageReceived(context).ConfigureAwait(false);
        if (context.Result is not null || !string.IsNullOrEmpty(context.Token))
        {
            return;
        }

        var read = ApiCredentials.ReadBearer(context.Request, out var token);
        if (read == CredentialRead.Absent)
        {
            context.NoResult();
            return;
        }

        var problem = read switch
        {
            CredentialRead.TooLarge => "is too large",
            CredentialRead.Malformed when context.Request.Headers.Authorization.Count > 1 => "appears more than once (several Authorization headers)",
            CredentialRead.Malformed => "has no token after 'Bearer'",
            _ when token.AsSpan().IndexOfAny(' ', '\t', ',') >= 0 => "holds more than one token or parameter",
            _ when token.AsSpan().IndexOfAnyExcept(Bearer68) >= 0 => "holds characters a bearer token cannot have",
            _ => null,
        };
        if (problem is null)
        {
            context.Token = token;
            return;
        }

        logger.HeaderRefused(problem);
        context.Fail(new SecurityTokenMalformedException("The Authorization header must be a single 'Bearer <token>' of bounded size."));
    }

    public override async Task AuthenticationFailed(AuthenticationFailedContext context)
    {
        await app.AuthenticationFailed(context).ConfigureAwait(false);
        if (context.Result is null && context.Exception is InvalidOperationException unavailable)
        {
            // The discovery document could not be fetched (logged by the configuration manager): a refusal, not a 500.
            context.Fail(new SecurityTokenValidationException("The AuthKit domain's signing keys could not be fetched.", unavailable));
        }
    }

    public override async Task TokenValidated(TokenValidatedContext context)
    {
        await app.TokenValidated(context).ConfigureAwait(false);
        if (context.Result is not null || context.Principal is not { } principal)
        {
            return;
        }

        if (options.RequireIntrospection || context.HttpContext.GetEndpoint()?.Metadata.GetMetadata<RequireWorkOSIntrospectionAttribute>() is not null)
        {
            var token = context.SecurityToken as JsonWebToken;
            var verdict = await introspector.IntrospectAsync(token?.EncodedToken ?? string.Empty, token?.ValidTo ?? DateTime.MinValue,
                configuration.Current?.IntrospectionEndpoint, options, context.HttpContext.RequestAborted).ConfigureAwait(false);
            if (verdict == IntrospectionVerdict.Unavailable)
            {
                context.Fail(new SecurityTokenValidationException(IntrospectionUnavailable));
                return;
            }

            if (verdict == IntrospectionVerdict.Inactive)
            {
                context.Fail(new SecurityTokenValidationException("The access token is no longer active."));
                return;
            }
        }

        if (logger.IsEnabled(LogLevel.Debug))
        {
            logger.TokenAccepted(principal.FindFirst("sub")?.Value, principal.FindFirst("client_id")?.Value, principal.FindFirst("org_id")?.Value,
                principal.IsWorkOSMachineToken());
        }
    }

    public override async Task Challenge(JwtBearerChallengeContext context)
    {
        var unavailable = context.AuthenticateFailure?.Message == IntrospectionUnavailable;
        if (context.AuthenticateFailure is { } failure)
        {
            context.Error = unavailable ? ApiChallenge.TemporarilyUnavailable : ApiChallenge.InvalidToken;
            context.ErrorDescription = failure.Message;
        }

        await app.Challenge(context).ConfigureAwait(false);
        if (context.Handled || context.Response.HasStarted)
        {
            return;
        }

        var status = unavailable ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status401Unauthorized;
        logger.Challenged(status, context.Error ?? "no token");
        context.Response.StatusCode = status;
        context.Response.Headers.Append(HeaderNames.WWWAuthenticate,
            ConnectChallenge.Header(ConnectChallenge.MetadataUrl(context.Request, options), context.Error, context.ErrorDescription, null));
        if (unavailable)
        {
            context.Response.Headers.RetryAfter = ApiChallenge.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        context.HandleResponse();
    }

    public override async Task Forbidden(ForbiddenContext context)
    {
        await app.Forbidden(context).ConfigureAwait(false);
        if (context.Response.HasStarted)
        {
            return;
        }

        var missing = context.HttpContext.Items.TryGetValue(ConnectChallenge.MissingScopeKey, out var value) ? value as string : null;
        logger.InsufficientScope(missing ?? "(none named)");
        context.Response.StatusCode = StatusCodes.Status403Forbidden;
        context.Response.Headers.Append(HeaderNames.WWWAuthenticate, ConnectChallenge.Header(ConnectChallenge.MetadataUrl(context.Request, options),
            ApiChallenge.InsufficientScope, "The access token does not grant the scope this resource requires.", missing));
    }
}
