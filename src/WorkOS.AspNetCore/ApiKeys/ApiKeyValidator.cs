using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using WorkOS.AspNetCore.Api;

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
/// Checks API keys with <c>POST /api_keys/validations</c>: answers are cached by key hash, and concurrent requests
/// with the same uncached key share one call (single flight). One instance per scheme.
/// </summary>
internal sealed class ApiKeyValidator(IHttpClientFactory httpClientFactory, TimeProvider timeProvider, int cacheSizeLimit)
{
    private readonly ConcurrentDictionary<string, Task<ApiKeyLookup>> _inFlight = new(StringComparer.Ordinal);

    public ApiKeyCache Cache { get; } = new(cacheSizeLimit);

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
        if (Cache.TryGet(hash, timeProvider.GetUtcNow(), out var cached))
        {
            return cached;
        }

        var flight = new TaskCompletionSource<ApiKeyLookup>(TaskCreationOptions.RunContinuationsAsynchronously);
        var running = _inFlight.GetOrAdd(hash, flight.Task);
        if (ReferenceEquals(running, flight.Task))
        {
            // Not tied to this request: the answer serves every request waiting for it (there is a timeout of its own).
            _ = FlyAsync(key, hash, options, logger, flight);
        }

        return await running.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task FlyAsync(string key, string hash, WorkOSApiKeyOptions options, ILogger logger, TaskCompletionSource<ApiKeyLookup> flight)
    {
        ApiKeyLookup lookup;
        try
        {
            // A flight that ended between this request's cache check and its GetOrAdd has already stored an answer.
            if (!Cache.TryGet(hash, timeProvider.GetUtcNow(), out var cached))
            {
                lookup = await AskWorkOSAsync(key, options, logger).ConfigureAwait(false);
                Store(hash, lookup, options, logger);
            }
            else
            {
                lookup = cached;
            }
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            lookup = new ApiKeyLookup(ApiKeyStatus.Unavailable, null, "The API key could not be checked.", ex);
        }

        // Cached before the flight ends, so a request arriving now finds either the flight or the answer.
        _inFlight.TryRemove(new KeyValuePair<string, Task<ApiKeyLookup>>(hash, flight.Task));
        flight.SetResult(lookup);
    }

    private async Task<ApiKeyLookup> AskWorkOSAsync(string key, WorkOSApiKeyOptions options, ILogger logger)
    {
        using var timeout = new CancellationTokenSource(options.ValidationTimeout);
        var settings = new WorkOSApiSettings(new Uri(options.ApiBaseUrl!.TrimEnd('/') + "/", UriKind.Absolute), string.Empty, options.ApiKey);
        var client = new WorkOSApiClient(httpClientFactory.CreateClient(WorkOSAuthKitDefaults.HttpClientName), settings, logger, timeProvider);
        using var request = new HttpRequestMessage(HttpMethod.Post, settings.Url("api_keys/validations"))
        {
            Content = JsonContent.Create(new ApiKeyValidationRequest { Value = key }, WorkOSJsonContext.Default.ApiKeyValidationRequest),
        };

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

    private void Store(string hash, ApiKeyLookup lookup, WorkOSApiKeyOptions options, ILogger logger)
    {
        var now = timeProvider.GetUtcNow();
        var until = lookup.Status switch
        {
            ApiKeyStatus.Valid when lookup.Key?.ExpiresAt is { } expiresAt && expiresAt < now + options.CacheDuration => expiresAt,
            ApiKeyStatus.Valid => now + options.CacheDuration,
            ApiKeyStatus.Invalid => now + options.InvalidKeyCacheDuration,
            _ => now, // never cache "could not ask"
        };

        var dropped = Cache.Set(hash, lookup, until, now);
        if (dropped > 0)
        {
            logger.CacheTrimmed(Cache.Limit, dropped);
        }
    }
}

/// <summary>One <see cref="ApiKeyValidator"/> (and so one cache) per API key scheme.</summary>
internal sealed class ApiKeyValidators(IHttpClientFactory httpClientFactory, TimeProvider timeProvider)
{
    private readonly ConcurrentDictionary<string, ApiKeyValidator> _validators = new(StringComparer.Ordinal);

    public ApiKeyValidator Get(string scheme, WorkOSApiKeyOptions options) =>
        _validators.GetOrAdd(scheme, _ => new ApiKeyValidator(httpClientFactory, timeProvider, options.CacheSizeLimit));
}
