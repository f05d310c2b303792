using System.Buffers;
using System.ComponentModel;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.Logging;
using WorkOS.AspNetCore.Api;
using WorkOS.AspNetCore.Diagnostics;

namespace WorkOS.AspNetCore.ApiKeys;

/// <summary>What WorkOS said about a key.</summary>
internal enum ApiKeyStatus
{
    /// <summary>WorkOS knows the key and it has not expired.</summary>
    Valid,

    /// <summary>WorkOS does not know the key (never issued, revoked, expired).</summary>
    Invalid,

    /// <summary>WorkOS could not be asked (unreachable, 5xx, 429, timeout, or it refused this app's credentials).</summary>
    Unavailable,
}

/// <summary>An answer about a key; the key itself is not part of it.</summary>
internal sealed record ApiKeyLookup(ApiKeyStatus Status, WorkOSApiKey? Key, string Description, Exception? Exception = null);

/// <summary>
/// A cached answer and when it stops counting, by the app's <see cref="TimeProvider"/>. Immutable, so the in-memory
/// tier of <see cref="HybridCache"/> hands out the instance instead of a deserialized copy.
/// </summary>
[ImmutableObject(true)]
internal sealed record ApiKeyAnswer(ApiKeyLookup Lookup, DateTimeOffset ExpiresAt);

/// <summary>
/// Checks API keys with <c>POST /api_keys/validations</c>. Answers live in the app's <see cref="HybridCache"/>, in
/// process only, under the SHA-256 of the key (never the key); concurrent requests with the same uncached key share
/// one call through the cache's stampede protection. "Could not ask" is never stored. One instance per scheme.
/// </summary>
internal sealed class ApiKeyValidator(HybridCache cache, IHttpClientFactory httpClientFactory, TimeProvider timeProvider, string scheme,
    WorkOSMetrics? metrics = null)
{
    /// <summary>
    /// A lookup joins the running one for its key and writes nothing itself: the answer is stored, with the lifetime of
    /// its kind, by the call that asked WorkOS. The distributed tier is never used (see <see cref="StoreOptions"/>).
    /// </summary>
    private static readonly HybridCacheEntryOptions LookupOptions = new()
    {
        Flags = HybridCacheEntryFlags.DisableLocalCacheWrite | HybridCacheEntryFlags.DisableDistributedCache,
    };

    /// <summary>Reads a stored answer and nothing else: no call, no write.</summary>
    private static readonly HybridCacheEntryOptions StoredOnlyOptions = new()
    {
        Flags = HybridCacheEntryFlags.DisableLocalCacheWrite | HybridCacheEntryFlags.DisableDistributedCache
            | HybridCacheEntryFlags.DisableUnderlyingData,
    };

    private readonly UnknownKeyBudget _unknownKeys = new();

    /// <summary>The prefix of this scheme's cache keys; the rest is the key's hash.</summary>
    public string KeyPrefix { get; } = "WorkOS:api-key:" + scheme + ":";

    /// <summary>The cache key of an API key: its SHA-256, hex-encoded.</summary>
    public static string Hash(string key)
    {
        var max = Encoding.UTF8.GetMaxByteCount(key.Length);
        var rented = max > 2048 ? ArrayPool<byte>.Shared.Rent(max) : null;
        try
        {
            Span<byte> buffer = rented is not null ? rented : stackalloc byte[2048];
            var length = Encoding.UTF8.GetBytes(key, buffer);
            Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
            SHA256.HashData(buffer[..length], hash);
            buffer[..length].Clear();
            return Convert.ToHexString(hash);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented, clearArray: true);
            }
        }
    }

    /// <summary>A short, loggable fingerprint of a key hash: enough to correlate log lines, useless to an attacker.</summary>
    public static string Fingerprint(string hash) => hash[..12].ToLowerInvariant();

    public async Task<ApiKeyLookup> ValidateAsync(string key, string hash, WorkOSApiKeyOptions options, ILogger logger, CancellationToken cancellationToken)
    {
        var cacheKey = KeyPrefix + hash;
        var state = new Flight(this, key, cacheKey, options, logger);
        var answer = await cache.GetOrCreateAsync(cacheKey, state, static (s, _) => s.Validator.AskAndStoreAsync(s), LookupOptions,
            cancellationToken: cancellationToken).ConfigureAwait(false);
        if (answer.ExpiresAt > timeProvider.GetUtcNow() || answer.Lookup.Status == ApiKeyStatus.Unavailable)
        {
            return Counted(answer.Lookup, state);
        }

        // Stored answers carry their own expiry on the app's clock; one past it is dropped and WorkOS asked again.
        await cache.RemoveAsync(cacheKey, cancellationToken).ConfigureAwait(false);
        answer = await cache.GetOrCreateAsync(cacheKey, state, static (s, _) => s.Validator.AskAndStoreAsync(s), LookupOptions,
            cancellationToken: cancellationToken).ConfigureAwait(false);
        return Counted(answer.Lookup, state);
    }

    /// <summary>Counts a validation: its outcome, and whether this request's own call to WorkOS answered it.</summary>
    private ApiKeyLookup Counted(ApiKeyLookup lookup, Flight flight)
    {
        metrics?.ApiKeyValidation(lookup.Status switch
        {
            ApiKeyStatus.Valid => "valid",
            ApiKeyStatus.Invalid => "invalid",
            _ => "unavailable",
        }, cacheHit: !flight.Asked);
        return lookup;
    }

    // Not tied to one request (the flight serves every request waiting for it, and has a timeout of its own).
    private async ValueTask<ApiKeyAnswer> AskAndStoreAsync(Flight flight)
    {
        // A request can miss the stored answer and then the flight that stored it, when that flight ended in between:
        // its own flight then takes the stored answer instead of asking WorkOS again.
        if (await cache.GetOrCreateAsync<ApiKeyAnswer?>(flight.CacheKey, static _ => ValueTask.FromResult<ApiKeyAnswer?>(null),
                StoredOnlyOptions).ConfigureAwait(false) is { } stored && stored.ExpiresAt > timeProvider.GetUtcNow())
        {
            return stored;
        }

        flight.Asked = true;
        var lookup = await AskWorkOSAsync(flight.Key, flight.Options, flight.Logger).ConfigureAwait(false);
        var now = timeProvider.GetUtcNow();
        var until = lookup.Status switch
        {
            ApiKeyStatus.Valid when lookup.Key?.ExpiresAt is { } expiresAt && expiresAt < now + flight.Options.CacheDuration => expiresAt,
            ApiKeyStatus.Valid => now + flight.Options.CacheDuration,
            ApiKeyStatus.Invalid => now + flight.Options.InvalidKeyCacheDuration,
            _ => now, // never cache "could not ask"
        };

        var answer = new ApiKeyAnswer(lookup, until);
        if (until > now && (lookup.Status == ApiKeyStatus.Valid || _unknownKeys.TryTake(flight.Options, now, flight.Logger)))
        {
            // Stored before the flight ends, so a request arriving now finds either the flight or the answer.
            await cache.SetAsync(flight.CacheKey, answer, StoreOptions(until - now)).ConfigureAwait(false);
        }

        return answer;
    }

    /// <summary>
    /// In process only: a shared distributed cache must not become a place where a valid key's answer can be written by
    /// anyone who can write to it, and revocation must not wait on another tier's expiry.
    /// </summary>
    private static HybridCacheEntryOptions StoreOptions(TimeSpan lifetime) => new()
    {
        Expiration = lifetime,
        LocalCacheExpiration = lifetime,
        Flags = HybridCacheEntryFlags.DisableDistributedCache,
    };

    private async Task<ApiKeyLookup> AskWorkOSAsync(string key, WorkOSApiKeyOptions options, ILogger logger)
    {
        using var timeout = new CancellationTokenSource(options.ValidationTimeout, timeProvider);
        var settings = new WorkOSApiSettings(new Uri(options.ApiBaseUrl!.TrimEnd('/') + "/", UriKind.Absolute), string.Empty, options.ApiKey);
        var client = WorkOSApiClient.Create(httpClientFactory, settings, logger, timeProvider);
        using var request = new HttpRequestMessage(HttpMethod.Post, settings.Url("api_keys/validations"))
        {
            Content = JsonContent.Create(new ApiKeyValidationRequest { Value = key }, WorkOSJsonContext.Default.ApiKeyValidationRequest),
        };
        WorkOSEndpoint.ValidateApiKey.Tag(request);

        try
        {
            var response = await client.SendAsync(request, WorkOSJsonContext.Default.ApiKeyValidationResponse, authenticated: true, timeout.Token)
                .ConfigureAwait(false);
            return response.ApiKey switch
            {
                null => new ApiKeyLookup(ApiKeyStatus.Invalid, null, "The API key is not valid."),
                { Id.Length: 0 } => new ApiKeyLookup(ApiKeyStatus.Unavailable, null, "WorkOS answered with a key without an id."),
                { ExpiresAt: { } expiresAt } when expiresAt <= timeProvider.GetUtcNow() =>
                    new ApiKeyLookup(ApiKeyStatus.Invalid, null, "The API key has expired."),
                var apiKey => new ApiKeyLookup(ApiKeyStatus.Valid, apiKey, "The API key is valid."),
            };
        }
        catch (OperationCanceledException ex) when (timeout.IsCancellationRequested)
        {
            return new ApiKeyLookup(ApiKeyStatus.Unavailable, null, "WorkOS did not answer in time.", ex);
        }
        catch (WorkOSApiException ex)
        {
            switch (ex.StatusCode)
            {
                case HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden:
                    logger.AppCredentialsRefused((int)ex.StatusCode);
                    return new ApiKeyLookup(ApiKeyStatus.Unavailable, null, "The API key could not be checked.", ex);
                case HttpStatusCode.BadRequest or HttpStatusCode.NotFound or HttpStatusCode.UnprocessableEntity when ex.IsWorkOSError:
                    return new ApiKeyLookup(ApiKeyStatus.Invalid, null, "The API key is not valid.", ex);
                default:
                    return new ApiKeyLookup(ApiKeyStatus.Unavailable, null, "WorkOS could not be reached to check the API key.", ex);
            }
        }
    }

    private sealed record Flight(ApiKeyValidator Validator, string Key, string CacheKey, WorkOSApiKeyOptions Options, ILogger Logger)
    {
        /// <summary>Whether this request's own lookup asked WorkOS (it was not answered from the cache or another request's call).</summary>
        public bool Asked { get; set; }
    }
}

/// <summary>One <see cref="ApiKeyValidator"/> per API key scheme, all over the app's <see cref="HybridCache"/>.</summary>
internal sealed class ApiKeyValidators(HybridCache cache, IHttpClientFactory httpClientFactory, TimeProvider timeProvider, WorkOSMetrics? metrics = null)
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, ApiKeyValidator> _validators = new(StringComparer.Ordinal);

    public ApiKeyValidator Get(string scheme) =>
        _validators.GetOrAdd(scheme, name => new ApiKeyValidator(cache, httpClientFactory, timeProvider, name, metrics));
}
