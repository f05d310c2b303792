using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Tokens;

namespace WorkOS.AspNetCore.Tokens;

/// <summary>
/// Verifies WorkOS access tokens: RS256 only, signed by a key of the client's JWKS (<see cref="SigningKeyCache"/>),
/// within its lifetime, meant for this client (<see cref="AccessTokenAudience"/>), and from an accepted issuer when
/// issuers are configured. One instance per JWKS URL.
/// </summary>
/// <remarks>
/// A token that names a key the cached set lacks (WorkOS rotated its keys) waits for a fetch of the keys, so the first
/// token signed with a new key is accepted. How often that may happen depends on where the token came from
/// (<see cref="AccessTokenSource"/>): callers' unknown key ids are throttled, tokens just received from WorkOS are not.
/// When the keys cannot be fetched, the token is refused as <see cref="AccessTokenFailure.KeysUnavailable"/> (it could
/// not be checked), never as a bad token; tokens signed with keys already known keep verifying.
/// </remarks>
internal sealed class AccessTokenValidator
{
    /// <summary>Tokens larger than this are refused before any parsing (WorkOS tokens are a few KB).</summary>
    internal const int MaxTokenLength = 16 * 1024;

    private static readonly JsonWebTokenHandler Handler = new() { MaximumTokenSizeInBytes = MaxTokenLength };
    private readonly SigningKeyCache _keys;
    private readonly TimeProvider _timeProvider;
    private ValidationSetup? _setup;

    public AccessTokenValidator(string jwksUrl, IDocumentRetriever documentRetriever, TimeProvider timeProvider,
        TimeSpan refreshInterval, TimeSpan automaticRefreshInterval, ILogger logger)
    {
        _timeProvider = timeProvider;
        _keys = new SigningKeyCache(jwksUrl, documentRetriever, timeProvider, refreshInterval, automaticRefreshInterval, logger);
    }

    /// <summary>Whether the signing keys can be fetched and used (see <see cref="SigningKeyCache.ProbeAsync"/>).</summary>
    public Task<SigningKeyProbe> ProbeKeysAsync(TimeSpan maxAge, CancellationToken cancellationToken) => _keys.ProbeAsync(maxAge, cancellationToken);

    public async Task<AccessTokenValidationResult> ValidateAsync(string token, AccessTokenChecks checks, AccessTokenSource source,
        CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(token) || token.Length > MaxTokenLength)
        {
            return AccessTokenValidationResult.Failure(AccessTokenFailure.Malformed, "The access token is empty or too large.");
        }

        JsonWebToken parsed;
        try
        {
            parsed = new JsonWebToken(token);
        }
        catch (ArgumentException ex)
        {
            return AccessTokenValidationResult.Failure(AccessTokenFailure.Malformed, "The access token is not a well-formed JWT.", ex);
        }

        if (parsed.Alg != SecurityAlgorithms.RsaSha256)
        {
            return AccessTokenValidationResult.Failure(AccessTokenFailure.Algorithm,
                $"The access token is signed with '{LogValue.Caller(parsed.Alg ?? string.Empty, 64)}', not RS256.");
        }

        var keys = await _keys.GetAsync(parsed.Kid, source, cancellationToken).ConfigureAwait(false);
        if (keys.Keys is null || (keys.FetchFailed && !string.IsNullOrEmpty(parsed.Kid) && !SigningKeyCache.HasKey(keys.Keys, parsed.Kid)))
        {
            // Not a verdict on the token: it names a key that could not be fetched.
            return AccessTokenValidationResult.Failure(AccessTokenFailure.KeysUnavailable, "The WorkOS signing keys could not be fetched.", keys.Failure);
        }

        var result = await Handler.ValidateTokenAsync(parsed, Parameters(keys.Keys, checks.ValidIssuers)).ConfigureAwait(false);
        if (!result.IsValid)
        {
            var (reason, message) = result.Exception switch
            {
                SecurityTokenSignatureKeyNotFoundException => (AccessTokenFailure.UnknownKey, "The access token is signed with a key WorkOS does not publish."),
                SecurityTokenInvalidSignatureException => (AccessTokenFailure.InvalidSignature, "The access token signature is invalid."),
                SecurityTokenInvalidIssuerException => (AccessTokenFailure.InvalidIssuer, $"The access token issuer '{LogValue.Caller(parsed.Issuer ?? string.Empty, 64)}' is not accepted."),
                SecurityTokenNoExpirationException => (AccessTokenFailure.Expired, "The access token has no expiry."),
                _ => (AccessTokenFailure.Invalid, "The access token is invalid."),
            };
            return AccessTokenValidationResult.Failure(reason, message, result.Exception);
        }

        if (AccessTokenAudience.Check(parsed, checks.ClientId, checks.ValidAudiences) is { } audienceError)
        {
            return AccessTokenValidationResult.Failure(AccessTokenFailure.InvalidAudience, audienceError);
        }

        var now = _timeProvider.GetUtcNow().UtcDateTime;
        if (parsed.ValidTo == DateTime.MinValue || parsed.ValidTo + checks.ClockSkew <= now)
        {
            return AccessTokenValidationResult.Failure(AccessTokenFailure.Expired, "The access token has expired.");
        }

        if (parsed.TryGetPayloadValue<long>("nbf", out _) && parsed.ValidFrom - checks.ClockSkew > now)
        {
            return AccessTokenValidationResult.Failure(AccessTokenFailure.NotYetValid, "The access token is not valid yet.");
        }

        return AccessTokenValidationResult.Success(parsed, keys.Keys);
    }

    /// <summary>
    /// The key set a token naming <paramref name="kid"/> would be verified with now, by the rules of a caller's token;
    /// compared by reference with <see cref="AccessTokenValidationResult.Keys"/> to know whether the keys changed since.
    /// </summary>
    public async ValueTask<JsonWebKeySet?> CurrentKeysAsync(string? kid, CancellationToken cancellationToken) =>
        (await _keys.GetAsync(kid, AccessTokenSource.Caller, cancellationToken).ConfigureAwait(false)).Keys;

    /// <summary>Validation parameters for a key set and issuer list, built once per pair rather than per token.</summary>
    private TokenValidationParameters Parameters(JsonWebKeySet keySet, ICollection<string> validIssuers)
    {
        var setup = Volatile.Read(ref _setup);
        if (setup is not null && ReferenceEquals(setup.KeySet, keySet) && ReferenceEquals(setup.Issuers, validIssuers))
        {
            return setup.Parameters;
        }

        var parameters = new TokenValidationParameters
        {
            IssuerSigningKeys = keySet.GetSigningKeys(),
            ValidAlgorithms = [SecurityAlgorithms.RsaSha256],
            ValidateAudience = false, // AccessTokenAudience: WorkOS tokens usually carry no aud, and client_id counts too
            ValidateIssuer = validIssuers.Count > 0,
            ValidIssuers = validIssuers,
            ValidateLifetime = false, // checked against the injected TimeProvider
            RequireExpirationTime = true,
            RequireSignedTokens = true,
            TryAllIssuerSigningKeys = false,
        };
        Volatile.Write(ref _setup, new ValidationSetup(keySet, validIssuers, parameters));
        return parameters;
    }

    private sealed record ValidationSetup(JsonWebKeySet KeySet, ICollection<string> Issuers, TokenValidationParameters Parameters);
}
