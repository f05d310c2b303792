using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Tokens;
using WorkOS.AspNetCore.Threading;

namespace WorkOS.AspNetCore.Tokens;

/// <summary>
/// The signing keys of one WorkOS client: fetched once, refreshed in the background, and fetched again when a token
/// names a key the cached set lacks. At most one fetch runs at a time; every request that needs it waits for that one.
/// </summary>
/// <remarks>
/// <para>
/// The first fetch and the periodic refresh are <see cref="ConfigurationManager{T}"/>'s, with
/// <see cref="SigningKeySetValidator"/>, so a refresh that fails or returns no usable key keeps the keys already known
/// (the last known good set). Fetches for an unknown key id are not left to its <c>RequestRefresh()</c>: that refresh
/// runs in the background (the token that brought the new key would be refused), is throttled on the system clock
/// by one interval shared by all traffic, and counts a failed fetch as a fetch, all of which this class must not do.
/// </para>
/// <para>
/// Unknown key ids from callers (<see cref="AccessTokenSource.Caller"/>) fetch at most once per refresh interval after
/// a successful fetch, and not within <see cref="FailureBackoff"/> of a failed one, so forged key ids cannot flood
/// WorkOS. Tokens just received from WorkOS (<see cref="AccessTokenSource.WorkOS"/>) ignore both: they join the fetch in
/// progress, and fetch once more when that fetch started before they arrived and lacks their key.
/// </para>
/// </remarks>
internal sealed class SigningKeyCache
{
    /// <summary>How long after a failed fetch callers' unknown key ids wait before fetching again.</summary>
    internal static readonly TimeSpan FailureBackoff = TimeSpan.FromSeconds(5);

    private readonly ConfigurationManager<JsonWebKeySet> _manager;
    private readonly string _jwksUrl;
    private readonly IDocumentRetriever _documentRetriever;
    private readonly TimeProvider _timeProvider;
    private readonly TimeSpan _refreshInterval;
    private readonly ILogger _logger;
    private readonly Lock _gate = new();
    private readonly SingleFlight<int, FetchOutcome> _fetches = new(); // one key: one fetch at a time
    private long _flightsStarted;

    // Guarded by _gate.
    private long _lastSuccessTicks = long.MinValue;
    private long _lastFailureTicks = long.MinValue;
    private bool _lastFetchFailed;
    private FetchOutcome? _lastOutcome;
    private long _lastOutcomeTicks;

    private JsonWebKeySet? _managed;
    private RefreshedKeys? _refreshed;

    public SigningKeyCache(string jwksUrl, IDocumentRetriever documentRetriever, TimeProvider timeProvider,
        TimeSpan refreshInterval, TimeSpan automaticRefreshInterval, ILogger logger)
    {
        _jwksUrl = jwksUrl;
        _documentRetriever = documentRetriever;
        _timeProvider = timeProvider;
        _refreshInterval = refreshInterval;
        _logger = logger;
        _manager = new ConfigurationManager<JsonWebKeySet>(jwksUrl, JsonWebKeySetRetriever.Instance, documentRetriever, SigningKeySetValidator.Instance)
        {
            RefreshInterval = refreshInterval,
            AutomaticRefreshInterval = automaticRefreshInterval,
        };
    }

    /// <summary>
    /// The keys to verify a token whose key id is <paramref name="kid"/>: the cached set when it has the key, otherwise
    /// the set after the fetch the token's <paramref name="source"/> is allowed.
    /// </summary>
    public async Task<SigningKeyLookup> GetAsync(string? kid, AccessTokenSource source, CancellationToken cancellationToken)
    {
        var seen = Interlocked.Read(ref _flightsStarted);
        var known = await KnownKeysAsync(cancellationToken).ConfigureAwait(false);
        if (known is not null && (string.IsNullOrEmpty(kid) || HasKey(known, kid)))
        {
            return new SigningKeyLookup(known, FetchFailed: false, null);
        }

        var flight = Join(source, seen, kid);
        if (flight is null)
        {
            // A caller within the throttle: answer with what is known, and whether the last fetch failed.
            return new SigningKeyLookup(known, LastFetchFailed(), null);
        }

        var outcome = await flight.WaitAsync(cancellationToken).ConfigureAwait(false);
        if (source == AccessTokenSource.WorkOS && outcome.Number <= seen && !Found(outcome.Keys, kid))
        {
            // The fetch joined started before this token arrived, maybe before WorkOS published its key: once more.
            outcome = await Join(source)!.WaitAsync(cancellationToken).ConfigureAwait(false);
        }

        return new SigningKeyLookup(outcome.Keys ?? known, outcome.Failure is not null, outcome.Failure);
    }

    /// <summary>
    /// Whether the keys can be fetched and used: the newest fetch's outcome while it is younger than
    /// <paramref name="maxAge"/>, otherwise the outcome of a fetch made now (or joined, when one runs). However often a
    /// health probe asks, it costs at most one fetch per <paramref name="maxAge"/>.
    /// </summary>
    public async Task<SigningKeyProbe> ProbeAsync(TimeSpan maxAge, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_lastOutcome is { } last && _timeProvider.GetUtcNow().UtcTicks - _lastOutcomeTicks < maxAge.Ticks)
            {
                return new SigningKeyProbe(last.Keys?.Keys.Count ?? 0, last.Failure);
            }
        }

        var outcome = await Join(AccessTokenSource.HealthCheck)!.WaitAsync(cancellationToken).ConfigureAwait(false);
        return new SigningKeyProbe(outcome.Keys?.Keys.Count ?? 0, outcome.Failure);
    }

    public static bool HasKey(JsonWebKeySet keySet, string kid)
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

    private static bool Found(JsonWebKeySet? keys, string? kid) =>
        keys is not null && (string.IsNullOrEmpty(kid) || HasKey(keys, kid));

    /// <summary>The newest keys known without fetching, or <see langword="null"/> before the first successful fetch.</summary>
    private async Task<JsonWebKeySet?> KnownKeysAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _managed) is null)
        {
            return null; // the first fetch runs as a flight, so concurrent requests share it
        }

        // Answers from its cache at once; starts its periodic refresh in the background when due.
        var managed = await _manager.GetConfigurationAsync(cancellationToken).ConfigureAwait(false);
        Volatile.Write(ref _managed, managed);
        var refreshed = Volatile.Read(ref _refreshed);
        if (refreshed is null)
        {
            return managed;
        }

        if (ReferenceEquals(refreshed.Replaces, managed))
        {
            return refreshed.Keys;
        }

        // The manager fetched after the forced fetch: its keys are at least as new.
        Interlocked.CompareExchange(ref _refreshed, null, refreshed);
        return managed;
    }

    /// <summary>The fetch in progress, a new one, or <see langword="null"/> when a caller may not start one now.</summary>
    private Task<FetchOutcome>? Join(AccessTokenSource source, long seen = long.MaxValue, string? kid = null)
    {
        // Under the gate, so the throttle a fetch leaves behind (written under it as the fetch ends) is seen by the
        // next caller before it could start another. The fetch itself starts here and runs on after its first await.
        lock (_gate)
        {
            if (_fetches.TryJoin(0, out var running))
            {
                return running;
            }

            // A fetch that started after the caller read the keys ended in between and got the caller's key: its
            // answer, not another fetch (the caller missed both the keys it stored and the fetch itself).
            if (_lastOutcome is { Failure: null } last && last.Number > seen && Found(last.Keys, kid))
            {
                return Task.FromResult(last);
            }

            if (source == AccessTokenSource.Caller && IsThrottled())
            {
                return null;
            }

            return _fetches.RunAsync(0, static (_, state) => state.Cache.RunAsync(state.Source), (Cache: this, Source: source));
        }
    }

    private bool IsThrottled()
    {
        var now = _timeProvider.GetUtcNow().UtcTicks;
        return (_lastSuccessTicks != long.MinValue && now - _lastSuccessTicks < _refreshInterval.Ticks)
            || (_lastFailureTicks != long.MinValue && now - _lastFailureTicks < FailureBackoff.Ticks);
    }

    private bool LastFetchFailed()
    {
        lock (_gate)
        {
            return _lastFetchFailed;
        }
    }

    /// <summary>
    /// One fetch, shared by every request that joins it. A bug, not an outage (an exception that is not a fetch
    /// failure), reaches the waiting requests as it is instead of passing for "keys unavailable".
    /// </summary>
    private async Task<FetchOutcome> RunAsync(AccessTokenSource source)
    {
        var number = Interlocked.Increment(ref _flightsStarted);
        var forced = Volatile.Read(ref _managed) is not null; // the keys were known before: a fetch for an unknown key id
        await Task.Yield(); // never inside the caller's stack
        FetchOutcome outcome;
        try
        {
            outcome = new FetchOutcome(await FetchAsync().ConfigureAwait(false), null, number);
        }
        catch (Exception ex) when (IsFetchFailure(ex))
        {
            // WorkOS unreachable or its answer unusable: the keys already known stay and every waiting request gets an answer.
            outcome = new FetchOutcome(null, ex, number);
        }

        var known = Volatile.Read(ref _managed);
        lock (_gate)
        {
            var now = _timeProvider.GetUtcNow().UtcTicks;
            _lastFetchFailed = outcome.Failure is not null;
            _lastOutcome = outcome;
            _lastOutcomeTicks = now;
            if (outcome.Failure is not null)
            {
                _lastFailureTicks = now;
            }
            else if (forced)
            {
                _lastSuccessTicks = now; // only a fetch that got keys throttles callers
            }
        }

        if (outcome.Failure is { } failure)
        {
            _logger.SigningKeysFetchFailed(_jwksUrl, source, known?.Keys.Count ?? 0, failure);
        }
        else if (forced)
        {
            _logger.SigningKeysFetched(_jwksUrl, source, outcome.Keys!.Keys.Count);
        }

        return outcome;
    }

    /// <summary>
    /// What a JWKS fetch throws when WorkOS cannot be reached or answers something unusable: network and timeout errors,
    /// refused, redirected or oversized answers (<see cref="IOException"/>), a key set without an RSA signing key
    /// (<see cref="InvalidDataException"/>), the configuration manager's wrapper
    /// (<see cref="InvalidOperationException"/>), and JSON that is not a key set.
    /// </summary>
    private static bool IsFetchFailure(Exception ex) =>
        ex is IOException or InvalidDataException or HttpRequestException or OperationCanceledException or InvalidOperationException
            or ArgumentException or System.Text.Json.JsonException;

    private async Task<JsonWebKeySet> FetchAsync()
    {
        var managed = Volatile.Read(ref _managed);
        if (managed is null)
        {
            // The first fetch is the manager's, so its periodic refresh takes over from here.
            var first = await _manager.GetConfigurationAsync(CancellationToken.None).ConfigureAwait(false);
            Volatile.Write(ref _managed, first);
            return first;
        }

        // Not a request's token: the fetch serves every request waiting for it (the HTTP client has a timeout).
        var fetched = await JsonWebKeySetRetriever.Instance.GetConfigurationAsync(_jwksUrl, _documentRetriever, CancellationToken.None)
            .ConfigureAwait(false);
        if (!SigningKeySetValidator.HasRsaSigningKey(fetched))
        {
            throw new InvalidDataException($"The JWKS at {_jwksUrl} holds no RSA signing key.");
        }

        Volatile.Write(ref _refreshed, new RefreshedKeys(fetched, managed));
        return fetched;
    }

    /// <summary>What a fetch got; <paramref name="Number"/> counts fetches, so a request can tell one that started before it.</summary>
    private sealed record FetchOutcome(JsonWebKeySet? Keys, Exception? Failure, long Number);

    private sealed record RefreshedKeys(JsonWebKeySet Keys, JsonWebKeySet Replaces);
}

/// <summary>What a health probe learned of the signing keys: how many usable keys the fetch got, or why it failed.</summary>
internal readonly record struct SigningKeyProbe(int KeyCount, Exception? Failure);

/// <summary>The keys to verify a token with, and whether the fetch that was needed for its key failed.</summary>
/// <param name="Keys">The newest keys known; <see langword="null"/> when they were never fetched.</param>
/// <param name="FetchFailed">Whether the keys could not be fetched when the token's key was missing.</param>
/// <param name="Failure">Why the fetch failed, when it was this request's.</param>
internal readonly record struct SigningKeyLookup(JsonWebKeySet? Keys, bool FetchFailed, Exception? Failure);
