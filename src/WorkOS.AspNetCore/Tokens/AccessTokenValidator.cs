using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Tokens;

namespace WorkOS.AspNetCore.Tokens;

/// <summary>
/// Verifies WorkOS access tokens: RS256 only, signed by a key of the client's JWKS (cached, fetched again for an
/// unknown <c>kid</c> at most once per refresh interval), within its lifetime, and from an accepted issuer when
/// issuers are configured. One instance per JWKS URL.
/// </summary>
/// <remarks>
/// The keys come from a <see cref="ConfigurationManager{T}"/>, which refreshes them in the background. A token that
/// names a key the cached set lacks (WorkOS rotated its keys) triggers one fetch that the request waits for, so the
/// first token signed with a new key is accepted; further unknown keys are not fetched again until the refresh
/// interval (on the injected <see cref="TimeProvider"/>) has passed, so forged key ids cannot flood WorkOS.
/// </remarks>
internal sealed class AccessTokenValidator
{
    /// <summary>Tokens larger than this are refused before any parsing (WorkOS tokens are a few KB).</summary>
    internal const int MaxTokenLength = 16 * 1024;

    /// <summary>
    /// While the keys have never been fetched, how long after a failed fetch tokens are refused without trying again, so
    /// an outage is not met with one fetch per request.
    /// </summary>
    internal static readonly TimeSpan UnavailableBackoff = TimeSpan.FromSeconds(5);

    private static readonly JsonWebTokenHandler Handler = new() { MaximumTokenSizeInBytes = MaxTokenLength };
    private readonly ConfigurationManager<JsonWebKeySet> _keys;
    private readonly string _jwksUrl;
    private readonly IDocumentRetriever _documentRetriever;
    private readonly TimeProvider _timeProvider;
    private readonly TimeSpan _refreshInterval;
    private readonly SemaphoreSlim _refreshGate = new(1, 1);
    private long _lastForcedRefreshTicks = long.MinValue;
    private long _unavailableUntilTicks = long.MinValue;
    private RefreshedKeys? _refreshed;
    private ValidationSetup? _setup;

    public AccessTokenValidator(string jwksUrl, IDocumentRetriever documentRetriever, TimeProvider timeProvider,
        TimeSpan refreshInterval, TimeSpan automaticRefreshInterval)
    {
        _jwksUrl = jwksUrl;
        _documentRetriever = documentRetriever;
        _timeProvider = timeProvider;
        _refreshInterval = refreshInterval;
        _keys = new ConfigurationManager<JsonWebKeySet>(jwksUrl, JsonWebKeySetRetriever.Instance, documentRetriever)
        {
            RefreshInterval = refreshInterval,
            AutomaticRefreshInterval = automaticRefreshInterval,
        };
    }

    public async Task<AccessTokenValidationResult> ValidateAsync(string token, ICollection<string> validIssuers,
        TimeSpan clockSkew, CancellationToken cancellationToken)
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
                $"The access token is signed with '{Printable(parsed.Alg)}', not RS256.");
        }

        if (Interlocked.Read(ref _unavailableUntilTicks) > _timeProvider.GetUtcNow().UtcTicks)
        {
            // The keys were never fetched and the last attempt failed moments ago: answer at once, without asking again.
            return AccessTokenValidationResult.Failure(AccessTokenFailure.KeysUnavailable, "The WorkOS signing keys could not be fetched.");
        }

        JsonWebKeySet keySet;
        try
        {
            keySet = await CurrentKeysAsync(cancellationToken).ConfigureAwait(false);
            if (!string.IsNullOrEmpty(parsed.Kid) && !HasKey(keySet, parsed.Kid))
            {
                // A key we have not seen: WorkOS may have rotated. Fetch again, throttled by the refresh interval.
                keySet = await RefreshForUnknownKeyAsync(keySet, parsed.Kid, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is InvalidOperationException or IOException or HttpRequestException)
        {
            Interlocked.Exchange(ref _unavailableUntilTicks, (_timeProvider.GetUtcNow() + UnavailableBackoff).UtcTicks);
            return AccessTokenValidationResult.Failure(AccessTokenFailure.KeysUnavailable, "The WorkOS signing keys could not be fetched.", ex);
        }

        var result = await Handler.ValidateTokenAsync(parsed, Parameters(keySet, validIssuers)).ConfigureAwait(false);
        if (!result.IsValid)
        {
            var (reason, message) = result.Exception switch
            {
                SecurityTokenSignatureKeyNotFoundException => (AccessTokenFailure.UnknownKey, "The access token is signed with a key WorkOS does not publish."),
                SecurityTokenInvalidSignatureException => (AccessTokenFailure.InvalidSignature, "The access token signature is invalid."),
                SecurityTokenInvalidIssuerException => (AccessTokenFailure.InvalidIssuer, $"The access token issuer '{Printable(parsed.Issuer)}' is not accepted."),
                SecurityTokenNoExpirationException => (AccessTokenFailure.Expired, "The access token has no expiry."),
                _ => (AccessTokenFailure.Invalid, "The access token is invalid."),
            };
            return AccessTokenValidationResult.Failure(reason, message, result.Exception);
        }

        var now = _timeProvider.GetUtcNow().UtcDateTime;
        if (parsed.ValidTo == DateTime.MinValue || parsed.ValidTo + clockSkew <= now)
        {
            return AccessTokenValidationResult.Failure(AccessTokenFailure.Expired, "The access token has expired.");
        }

        if (parsed.TryGetPayloadValue<long>("nbf", out _) && parsed.ValidFrom - clockSkew > now)
        {
            return AccessTokenValidationResult.Failure(AccessTokenFailure.NotYetValid, "The access token is not valid yet.");
        }

        return AccessTokenValidationResult.Success(parsed);
    }

    /// <summary>The newest key set known: the manager's, or one fetched for an unknown key since the manager last fetched.</summary>
    private async Task<JsonWebKeySet> CurrentKeysAsync(CancellationToken cancellationToken)
    {
        var managed = await _keys.GetConfigurationAsync(cancellationToken).ConfigureAwait(false);
        var refreshed = Volatile.Read(ref _refreshed);
        if (refreshed is null)
        {
            return managed;
        }

        if (ReferenceEquals(refreshed.Replaces, managed))
        {
            return refreshed.Keys;
        }

        // The manager fetched after the forced refresh: its keys are at least as new.
        Interlocked.CompareExchange(ref _refreshed, null, refreshed);
        return managed;
    }

    private async Task<JsonWebKeySet> RefreshForUnknownKeyAsync(JsonWebKeySet current, string kid, CancellationToken cancellationToken)
    {
        // Throttled and nobody fetching: answer at once, without queueing behind the gate.
        if (IsThrottled() && _refreshGate.CurrentCount > 0)
        {
            return current;
        }

        await _refreshGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // Another request may have fetched the keys while this one waited.
            var latest = await CurrentKeysAsync(cancellationToken).ConfigureAwait(false);
            if (HasKey(latest, kid) || IsThrottled())
            {
                return latest;
            }

            Interlocked.Exchange(ref _lastForcedRefreshTicks, _timeProvider.GetUtcNow().UtcTicks);
            JsonWebKeySet fetched;
            try
            {
                // Not the request's token: the fetch serves every request waiting for it (the HTTP client has a timeout).
                fetched = await JsonWebKeySetRetriever.Instance.GetConfigurationAsync(_jwksUrl, _documentRetriever, CancellationToken.None)
                    .ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is IOException or HttpRequestException or OperationCanceledException or ArgumentException
                or InvalidOperationException or System.Text.Json.JsonException)
            {
                // WorkOS is unreachable: keep using the keys already known.
                return latest;
            }

            var managed = await _keys.GetConfigurationAsync(cancellationToken).ConfigureAwait(false);
            Volatile.Write(ref _refreshed, new RefreshedKeys(fetched, managed));
            return fetched;
        }
        finally
        {
            _refreshGate.Release();
        }
    }

    private bool IsThrottled()
    {
        var last = Interlocked.Read(ref _lastForcedRefreshTicks);
        return last != long.MinValue && _timeProvider.GetUtcNow().UtcTicks - last < _refreshInterval.Ticks;
    }

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
            ValidateAudience = false,
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

    private static bool HasKey(JsonWebKeySet keySet, string kid)
    {
        foreach (var key in keySet.Keys)
        {
            if (string.Equals(key.Kid, kid, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>An attacker-chosen header value, shortened and stripped of control characters for messages and logs.</summary>
    private static string Printable(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return string.Empty;
        }

        var shortened = value.Length > 64 ? value[..64] + "..." : value;
        return string.Create(shortened.Length, shortened, static (span, source) =>
        {
            for (var i = 0; i < source.Length; i++)
            {
                span[i] = char.IsControl(source[i]) ? '?' : source[i];
            }
        });
    }

    private sealed record RefreshedKeys(JsonWebKeySet Keys, JsonWebKeySet Replaces);

    private sealed record ValidationSetup(JsonWebKeySet KeySet, ICollection<string> Issuers, TokenValidationParameters Parameters);
}
