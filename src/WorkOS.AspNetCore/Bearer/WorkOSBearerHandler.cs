using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using Microsoft.Net.Http.Headers;
using WorkOS.AspNetCore.Api;
using WorkOS.AspNetCore.Claims;
using WorkOS.AspNetCore.Tokens;

namespace WorkOS.AspNetCore.Bearer;

/// <summary>
/// Authenticates requests that carry an AuthKit access token as <c>Authorization: Bearer</c>. Tokens are verified
/// by the same validator as session cookies (RS256, cached JWKS); the principal comes from the shared claims
/// mapper, so policies see the same claims whichever way the user arrived. Challenges and forbids answer per
/// RFC 6750, never with a redirect.
/// </summary>
internal sealed class WorkOSBearerHandler(IOptionsMonitor<WorkOSBearerOptions> options, ILoggerFactory logger, UrlEncoder encoder,
    AccessTokenValidators validators)
    : AuthenticationHandler<WorkOSBearerOptions>(options, logger, encoder)
{
    /// <summary>How long fetched signing keys are used before being fetched again, when this scheme creates the key cache.</summary>
    private static readonly TimeSpan AutomaticKeyRefresh = TimeSpan.FromHours(12);

    private Refusal? _refusal;

    private new WorkOSBearerEvents Events => (WorkOSBearerEvents)base.Events!;

    protected override Task<object> CreateEventsAsync() => Task.FromResult<object>(new WorkOSBearerEvents());

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var received = new WorkOSBearerMessageReceivedContext(Context, Scheme, Options);
        await Events.MessageReceived(received).ConfigureAwait(false);
        if (received.Result is not null)
        {
            return received.Result;
        }

        var token = received.Token;
        if (string.IsNullOrEmpty(token))
        {
            switch (ApiCredentials.ReadBearer(Request, out var credential))
            {
                case CredentialRead.Absent:
                    Logger.NoToken();
                    return AuthenticateResult.NoResult();
                case CredentialRead.TooLarge:
                    return await RefuseAsync(AccessTokenFailure.Malformed, "The Authorization header is too large.", null).ConfigureAwait(false);
                case CredentialRead.Malformed:
                    return await RefuseAsync(AccessTokenFailure.Malformed, "The Authorization header must be a single 'Bearer <token>'.", null).ConfigureAwait(false);
            }

            token = credential;
        }

        var validation = await validators.GetByUrl(Options.JwksUrl, Options.JwksRefreshInterval, AutomaticKeyRefresh)
            .ValidateAsync(token, new AccessTokenChecks(Options.ClientId, Options.ValidAudiences, Options.ValidIssuers, Options.ClockSkew),
                AccessTokenSource.Caller, Context.RequestAborted)
            .ConfigureAwait(false);
        if (!validation.IsValid)
        {
            return await RefuseAsync(validation.Reason, validation.Error ?? "The access token is invalid.", validation.Exception).ConfigureAwait(false);
        }

        var jwt = validation.Token!;
        var properties = new AuthenticationProperties { ExpiresUtc = new DateTimeOffset(jwt.ValidTo, TimeSpan.Zero) };
        if (jwt.IssuedAt != DateTime.MinValue)
        {
            properties.IssuedUtc = new DateTimeOffset(jwt.IssuedAt, TimeSpan.Zero);
        }

        var validated = new WorkOSBearerTokenValidatedContext(Context, Scheme, Options, token)
        {
            Principal = new ClaimsPrincipal(WorkOSClaimsMapper.CreateIdentity(jwt, [], Scheme.Name)),
            Properties = properties,
        };
        await Events.TokenValidated(validated).ConfigureAwait(false);
        if (validated.Result is { } decided)
        {
            if (decided.Failure is { } failure)
            {
                Logger.RejectedByEvent(failure.Message);
                _refusal = new Refusal(AccessTokenFailure.Invalid, failure.Message);
            }

            return decided;
        }

        if (validated.Principal is null)
        {
            return await RefuseAsync(AccessTokenFailure.Invalid, "The access token was not accepted.", null).ConfigureAwait(false);
        }

        validated.Success();
        var principal = validated.Principal;
        Logger.TokenAccepted(principal.GetWorkOSUserId(), principal.GetWorkOSSessionId(), principal.GetOrganizationId());
        return validated.Result!;
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var result = await HandleAuthenticateOnceSafeAsync().ConfigureAwait(false);
        var (status, error, description) = ApiChallenge.Describe(_refusal is not null,
            _refusal?.Reason == AccessTokenFailure.KeysUnavailable, _refusal?.Description, result.Failure);
        var challenge = new WorkOSBearerChallengeContext(Context, Scheme, Options, properties)
        {
            AuthenticateFailure = result.Failure, StatusCode = status, Error = error, ErrorDescription = description,
        };

        await Events.Challenge(challenge).ConfigureAwait(false);
        if (challenge.Handled)
        {
            return;
        }

        Logger.Challenged(challenge.StatusCode, challenge.Error ?? "no token");
        await ApiChallenge.WriteAsync(Response, challenge.StatusCode, challenge.Error, challenge.ErrorDescription).ConfigureAwait(false);
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        Logger.Forbidden();
        ApiChallenge.Forbid(Response, "The access token does not grant access to this resource.");
        return Task.CompletedTask;
    }

    private async Task<AuthenticateResult> RefuseAsync(AccessTokenFailure reason, string description, Exception? inner)
    {
        if (reason == AccessTokenFailure.KeysUnavailable)
        {
            Logger.KeysUnavailable(inner);
        }
        else
        {
            Logger.TokenRefused(ReasonName(reason), description);
        }

        _refusal = new Refusal(reason, description);
        var exception = ToException(reason, description, inner);
        var failed = new WorkOSBearerAuthenticationFailedContext(Context, Scheme, Options, exception);
        await Events.AuthenticationFailed(failed).ConfigureAwait(false);
        if (failed.Result is { } decided)
        {
            if (decided.Failure is null)
            {
                _refusal = null;
            }

            return decided;
        }

        return AuthenticateResult.Fail(exception);
    }

    private static string ReasonName(AccessTokenFailure reason) => reason switch
    {
        AccessTokenFailure.Malformed => "malformed",
        AccessTokenFailure.Algorithm => "algorithm_not_allowed",
        AccessTokenFailure.UnknownKey => "unknown_key",
        AccessTokenFailure.InvalidSignature => "invalid_signature",
        AccessTokenFailure.InvalidIssuer => "invalid_issuer",
        AccessTokenFailure.InvalidAudience => "invalid_audience",
        AccessTokenFailure.Expired => "expired",
        AccessTokenFailure.NotYetValid => "not_yet_valid",
        AccessTokenFailure.KeysUnavailable => "keys_unavailable",
        _ => "invalid",
    };

    /// <summary>The exception apps know from <c>JwtBearer</c> for each reason.</summary>
    private static Exception ToException(AccessTokenFailure reason, string description, Exception? inner) => reason switch
    {
        AccessTokenFailure.Malformed => new SecurityTokenMalformedException(description, inner),
        AccessTokenFailure.Algorithm => new SecurityTokenInvalidAlgorithmException(description, inner),
        AccessTokenFailure.UnknownKey => new SecurityTokenSignatureKeyNotFoundException(description, inner),
        AccessTokenFailure.InvalidSignature => new SecurityTokenInvalidSignatureException(description, inner),
        AccessTokenFailure.InvalidIssuer => new SecurityTokenInvalidIssuerException(description, inner),
        AccessTokenFailure.InvalidAudience => new SecurityTokenInvalidAudienceException(description, inner),
        AccessTokenFailure.Expired => new SecurityTokenExpiredException(description, inner),
        AccessTokenFailure.NotYetValid => new SecurityTokenNotYetValidException(description, inner),
        AccessTokenFailure.KeysUnavailable => new WorkOSApiException(description, null, "jwks_unavailable", inner),
        _ => new SecurityTokenValidationException(description, inner),
    };

    private sealed record Refusal(AccessTokenFailure Reason, string Description);
}
