using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using WorkOS.AspNetCore.Api;
using WorkOS.AspNetCore.Claims;
using WorkOS.AspNetCore.Diagnostics;
using WorkOS.AspNetCore.Session;
using WorkOS.AspNetCore.Tokens;

namespace WorkOS.AspNetCore.Bearer;

/// <summary>
/// The token handler of the WorkOS bearer scheme's <c>JwtBearerHandler</c>: verifies a caller's token with the
/// validator shared with the session cookie (RS256, the client's JWKS with its fetch throttle, lifetime on the app's
/// clock, the audience rule), builds the principal with the shared claims mapper, refuses tokens of revoked sessions,
/// and remembers verified tokens in a <see cref="ValidatedTokenCache"/>, which the scheme's events consult before
/// <c>JwtBearerHandler</c> prepares a validation (<see cref="TryGetRemembered"/>). Refusals carry the exception types apps know
/// from <c>JwtBearer</c>; a token that could not be checked carries <see cref="KeysUnavailableCode"/>.
/// </summary>
internal sealed class WorkOSAccessTokenHandler(AccessTokenValidator validator, AccessTokenChecks checks, string authenticationType,
    ValidatedTokenCache? cache, IRevokedSessionStore? revokedSessions, ILogger logger, WorkOSMetrics? metrics = null) : TokenHandler
{
    /// <summary>The <see cref="WorkOSApiException.ErrorCode"/> of a token refused because the signing keys could not be fetched.</summary>
    public const string KeysUnavailableCode = "jwks_unavailable";

    /// <summary>The <see cref="WorkOSApiException.ErrorCode"/> of a token refused because the revoked-session list could not be read.</summary>
    public const string RevokedListUnavailableCode = "revoked_sessions_unavailable";

    /// <summary>Whether a refusal means the token could not be checked (answered with 503), not that it is bad.</summary>
    public static bool IsUnavailable(Exception? failure) =>
        failure is WorkOSApiException { ErrorCode: KeysUnavailableCode or RevokedListUnavailableCode };

    public override async Task<TokenValidationResult> ValidateTokenAsync(string token, TokenValidationParameters validationParameters)
    {
        var verified = await VerifyAsync(token).ConfigureAwait(false);
        if (verified.Failure is { } failure)
        {
            return new TokenValidationResult { IsValid = false, Exception = failure };
        }

        var entry = verified.Entry!;
        if (revokedSessions is not null)
        {
            SessionStanding standing;
            try
            {
                standing = await revokedSessions.CheckAsync(SessionSubject.Of(entry.Token, entry.SessionId)).ConfigureAwait(false);
            }
            catch (SessionCoordinationUnavailableException ex)
            {
                // Fail closed: the token may be fine once the list can be read again, so 503 rather than 401.
                logger.RevokedListUnavailable(entry.SessionId ?? "(none)", ex);
                return new TokenValidationResult
                {
                    IsValid = false,
                    Exception = new WorkOSApiException("The list of ended sessions could not be read.", null, RevokedListUnavailableCode, ex),
                };
            }

            if (standing == SessionStanding.Revoked)
            {
                logger.TokenRefused("session_ended", "The session of this access token has ended.");
                metrics?.RevokedRefusal("bearer");
                return new TokenValidationResult
                {
                    IsValid = false,
                    Exception = new SecurityTokenValidationException("The session of this access token has ended."),
                };
            }

            if (standing == SessionStanding.RefreshDue)
            {
                // This scheme cannot refresh the caller's token: 401 invalid_token, so the client refreshes and retries
                // with a token that carries the new roles and permissions.
                logger.BearerRefreshRequired(entry.SessionId);
                return new TokenValidationResult
                {
                    IsValid = false,
                    Exception = new SecurityTokenValidationException("The user's roles, permissions or membership changed after this access token was issued; refresh it."),
                };
            }
        }

        return new TokenValidationResult { IsValid = true, SecurityToken = entry.Token, ClaimsIdentity = entry.Identity.Clone() };
    }

    /// <summary>
    /// The entry of <paramref name="token"/> when it verified before and has not expired, so the scheme can accept it
    /// without a <see cref="ValidateTokenAsync"/> once <see cref="IsAcceptedAgainAsync"/> agrees; <paramref name="remembered"/>
    /// is the remembered token, equal to <paramref name="token"/>.
    /// </summary>
    public bool TryGetRemembered(ReadOnlySpan<char> token, out ValidatedToken entry, out string remembered)
    {
        if (cache is not null)
        {
            return cache.TryGet(token, out entry, out remembered);
        }

        (entry, remembered) = (null!, null!);
        return false;
    }

    /// <summary>
    /// Whether a remembered token is still accepted as it was: the keys that verified it are the keys in use and its
    /// session and subject are not on the revoked-session list. Anything else (another key set, a revoked session or user,
    /// a mark for refresh, a list that
    /// cannot be read) is for <see cref="ValidateTokenAsync"/> to decide, answer and log.
    /// </summary>
    public async ValueTask<bool> IsAcceptedAgainAsync(ValidatedToken entry)
    {
        if (!await AreKeysInUseAsync(entry).ConfigureAwait(false))
        {
            return false;
        }

        if (revokedSessions is null)
        {
            return true;
        }

        try
        {
            return await revokedSessions.CheckAsync(SessionSubject.Of(entry.Token, entry.SessionId)).ConfigureAwait(false) == SessionStanding.Current;
        }
        catch (SessionCoordinationUnavailableException)
        {
            return false;
        }
    }

    // Only while the keys that verified it are still the keys in use: a retired key stops verifying at once.
    private async ValueTask<bool> AreKeysInUseAsync(ValidatedToken entry) =>
        ReferenceEquals(await validator.CurrentKeysAsync(entry.Token.Kid, CancellationToken.None).ConfigureAwait(false), entry.Keys);

    private async Task<(ValidatedToken? Entry, Exception? Failure)> VerifyAsync(string token)
    {
        if (cache is not null && cache.TryGet(token, out var cached))
        {
            if (await AreKeysInUseAsync(cached).ConfigureAwait(false))
            {
                return (cached, null);
            }

            cache.Remove(token);
        }

        var validation = await validator.ValidateAsync(token, checks, AccessTokenSource.Caller, CancellationToken.None).ConfigureAwait(false);
        if (!validation.IsValid)
        {
            return (null, Refuse(validation));
        }

        var jwt = validation.Token!;
        var entry = new ValidatedToken(jwt, WorkOSClaimsMapper.CreateBearerIdentity(jwt, authenticationType), validation.Keys!,
            jwt.TryGetPayloadValue<string>(WorkOSClaimTypes.SessionId, out var sessionId) ? sessionId : null,
            new DateTimeOffset(jwt.ValidTo, TimeSpan.Zero));
        cache?.Add(token, entry);
        return (entry, null);
    }

    private Exception Refuse(AccessTokenValidationResult validation)
    {
        var description = validation.Error ?? "The access token is invalid.";
        if (validation.Reason == AccessTokenFailure.KeysUnavailable)
        {
            logger.KeysUnavailable(validation.Exception);
        }
        else
        {
            logger.TokenRefused(ReasonName(validation.Reason), description);
        }

        return ToException(validation.Reason, description, validation.Exception);
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
    internal static Exception ToException(AccessTokenFailure reason, string description, Exception? inner) => reason switch
    {
        AccessTokenFailure.Malformed => new SecurityTokenMalformedException(description, inner),
        AccessTokenFailure.Algorithm => new SecurityTokenInvalidAlgorithmException(description, inner),
        AccessTokenFailure.UnknownKey => new SecurityTokenSignatureKeyNotFoundException(description, inner),
        AccessTokenFailure.InvalidSignature => new SecurityTokenInvalidSignatureException(description, inner),
        AccessTokenFailure.InvalidIssuer => new SecurityTokenInvalidIssuerException(description, inner),
        AccessTokenFailure.InvalidAudience => new SecurityTokenInvalidAudienceException(description, inner),
        AccessTokenFailure.Expired => new SecurityTokenExpiredException(description, inner),
        AccessTokenFailure.NotYetValid => new SecurityTokenNotYetValidException(description, inner),
        AccessTokenFailure.KeysUnavailable => new WorkOSApiException(description, null, KeysUnavailableCode, inner),
        _ => new SecurityTokenValidationException(description, inner),
    };

    // The framework's own token handlers read tokens too; this one only validates.
    public override SecurityToken ReadToken(string token) => new JsonWebToken(token);
}
