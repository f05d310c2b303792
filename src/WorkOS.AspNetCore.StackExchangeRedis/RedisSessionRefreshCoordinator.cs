using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;
using WorkOS.AspNetCore.Session;
using WorkOS.AspNetCore.Threading;

namespace WorkOS.AspNetCore.StackExchangeRedis;

/// <summary>
/// Refresh coordination on Redis. In this instance, one refresh per refresh token (as in process). Across instances,
/// an atomic claim (<c>SET {prefix}refresh-claim:{key} NX PX</c>): the instance holding it spends the token; the
/// others listen on the announcement channel, then read the result the holder keeps (sealed by the library's
/// <see cref="RefreshResultStore"/> with the shared key ring, under the same replay rules as in process), and are
/// woken when it is kept or the claim is given up; the wait is bounded on the app's <see cref="TimeProvider"/>.
/// While Redis is unavailable: single flight in this instance and results kept in its memory.
/// </summary>
internal sealed class RedisSessionRefreshCoordinator : ISessionRefreshCoordinator
{
    /// <summary>How long a claim outlives an instance that stopped before giving it up.</summary>
    internal static readonly TimeSpan ClaimHold = TimeSpan.FromSeconds(30);

    private const string ReleaseScript = "if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0";

    private readonly SingleFlight<string, SessionRefreshResult> _flights = new(StringComparer.Ordinal);
    private readonly RedisConnection _connection;
    private readonly RefreshSignals _signals;
    private readonly RedisAvailability _availability;
    private readonly RefreshResultStore _shared;
    private readonly RefreshResultStore _fallback;
    private readonly TimeProvider _timeProvider;
    private readonly TimeSpan _waitLimit;
    private readonly ILogger<RedisSessionRefreshCoordinator> _logger;

    public RedisSessionRefreshCoordinator(RedisConnection connection, RedisSharedCache cache, RefreshSignals signals, RedisAvailability availability,
        IDataProtectionProvider dataProtection, TimeProvider timeProvider, IOptions<WorkOSRedisOptions> options,
        ILogger<RedisSessionRefreshCoordinator> logger)
    {
        _connection = connection;
        _signals = signals;
        _availability = availability;
        // The shared cache already starts every key with the package's prefix.
        _shared = new RefreshResultStore(dataProtection, timeProvider, cache.Cache, keyPrefix: string.Empty);
        _fallback = new RefreshResultStore(dataProtection, timeProvider);
        _timeProvider = timeProvider;
        _waitLimit = options.Value.RefreshWaitLimit;
        _logger = logger;
    }

    /// <summary>The refreshes in progress in this instance.</summary>
    internal int InFlight => _flights.Count;

    private RedisKey ClaimKey(string key) => _connection.KeyPrefix + "refresh-claim:" + key;

    public async ValueTask<SessionRefreshResult?> FindAsync(string refreshTokenKey, CancellationToken cancellationToken = default)
    {
        try
        {
            var shared = await _shared.GetAsync(refreshTokenKey).ConfigureAwait(false);
            _availability.Available();
            if (ToResult(shared) is { } known)
            {
                return known;
            }
        }
        catch (Exception ex) when (RedisAvailability.IsUnavailable(ex))
        {
            _availability.Unavailable("refresh-find", ex);
        }

        // What this instance kept while Redis was unavailable.
        return ToResult(await _fallback.GetAsync(refreshTokenKey).ConfigureAwait(false));
    }

    public async ValueTask KeepAsync(string refreshTokenKey, SessionRefreshResult result, TimeSpan replayWindow, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(result);
        try
        {
            await WriteAsync(_shared, refreshTokenKey, result, replayWindow).ConfigureAwait(false);
            _availability.Available();
            await _signals.AnnounceAsync(refreshTokenKey).ConfigureAwait(false);
        }
        catch (Exception ex) when (RedisAvailability.IsUnavailable(ex))
        {
            _availability.Unavailable("refresh-keep", ex);
            await WriteAsync(_fallback, refreshTokenKey, result, replayWindow).ConfigureAwait(false);
        }
    }

    public Task<SessionRefreshResult> RefreshAsync(string refreshTokenKey, Func<Task<SessionRefreshResult>> refresh,
        CancellationToken cancellationToken = default) =>
        _flights.RunAsync(refreshTokenKey, static (key, state) => state.Coordinator.ClaimAndRefreshAsync(key, state.Refresh),
            (Coordinator: this, Refresh: refresh), cancellationToken);

    public async ValueTask<SessionRefreshResult?> WaitForReplacementAsync(string refreshTokenKey, CancellationToken cancellationToken = default)
    {
        RefreshSignals.Listener listener;
        try
        {
            listener = await _signals.ListenAsync(refreshTokenKey).ConfigureAwait(false);
        }
        catch (Exception ex) when (RedisAvailability.IsUnavailable(ex))
        {
            _availability.Unavailable("refresh-wait", ex);
            return await FindAsync(refreshTokenKey, cancellationToken).ConfigureAwait(false);
        }

        using (listener)
        {
            _logger.WaitingForOtherInstance();
            var deadline = _timeProvider.GetUtcNow() + _waitLimit;
            while (true)
            {
                var announced = listener.Next();
                if (await FindAsync(refreshTokenKey, cancellationToken).ConfigureAwait(false) is { } known)
                {
                    return known;
                }

                if (!await WaitAsync(announced, deadline, cancellationToken).ConfigureAwait(false))
                {
                    return null;
                }
            }
        }
    }

    private async Task<SessionRefreshResult> ClaimAndRefreshAsync(string key, Func<Task<SessionRefreshResult>> refresh)
    {
        var claim = Guid.NewGuid().ToString("N");
        switch (await ClaimOrWaitAsync(key, claim).ConfigureAwait(false))
        {
            case { Kept: { } kept }:
                return kept;
            case { Claimed: true }:
                try
                {
                    return await refresh().ConfigureAwait(false);
                }
                finally
                {
                    await ReleaseAsync(key, claim).ConfigureAwait(false); // the result (or the failure) is known: nobody waits on it
                }

            default:
                return await refresh().ConfigureAwait(false); // no claim to be had: Redis is away, or the holder never answered
        }
    }

    /// <summary>
    /// Takes the claim on the token, or waits for the holder's result; when the holder gives the claim up without a
    /// result (its refresh failed), takes the claim then.
    /// </summary>
    private async Task<(bool Claimed, SessionRefreshResult? Kept)> ClaimOrWaitAsync(string key, string claim)
    {
        try
        {
            var redis = await _connection.GetAsync().ConfigureAwait(false);
            var database = redis.GetDatabase();
            using var listener = await _signals.ListenAsync(key).ConfigureAwait(false);
            var deadline = _timeProvider.GetUtcNow() + _waitLimit;
            var waiting = false;
            while (true)
            {
                var announced = listener.Next();
                if (await database.StringSetAsync(ClaimKey(key), claim, ClaimHold, When.NotExists).ConfigureAwait(false))
                {
                    _availability.Available();
                    return (true, null);
                }

                if (!waiting)
                {
                    _logger.WaitingForOtherInstance();
                    waiting = true;
                }

                if (await FindAsync(key).ConfigureAwait(false) is { } kept)
                {
                    return (false, kept);
                }

                if (!await WaitAsync(announced, deadline, CancellationToken.None).ConfigureAwait(false))
                {
                    _logger.StoppedWaiting(_waitLimit);
                    return (false, null);
                }
            }
        }
        catch (Exception ex) when (RedisAvailability.IsUnavailable(ex))
        {
            _availability.Unavailable("refresh-claim", ex);
            _logger.RefreshingLocally();
            return (false, null);
        }
    }

    /// <summary>Gives the claim up (only if it is still this caller's) and wakes the instances waiting on it.</summary>
    private async Task ReleaseAsync(string key, string claim)
    {
        try
        {
            var redis = await _connection.GetAsync().ConfigureAwait(false);
            await redis.GetDatabase().ScriptEvaluateAsync(ReleaseScript, [ClaimKey(key)], [claim]).ConfigureAwait(false);
            await _signals.AnnounceAsync(key).ConfigureAwait(false);
        }
        catch (Exception ex) when (RedisAvailability.IsUnavailable(ex))
        {
            _availability.Unavailable("refresh-release", ex); // the claim lapses after ClaimHold
        }
    }

    /// <summary>Waits for an announcement until <paramref name="deadline"/> on the app's clock; false when the time is up.</summary>
    private async Task<bool> WaitAsync(Task announced, DateTimeOffset deadline, CancellationToken cancellationToken)
    {
        var left = deadline - _timeProvider.GetUtcNow();
        if (left <= TimeSpan.Zero)
        {
            return false;
        }

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var timeUp = Task.Delay(left, _timeProvider, stop.Token);
        var first = await Task.WhenAny(announced, timeUp).ConfigureAwait(false);
        await stop.CancelAsync().ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
        return first == announced || _timeProvider.GetUtcNow() < deadline;
    }

    private static Task WriteAsync(RefreshResultStore store, string key, SessionRefreshResult result, TimeSpan replayWindow) =>
        result.Response is { } response ? store.SetAsync(key, response, replayWindow) : store.SetSpentAsync(key);

    private static SessionRefreshResult? ToResult(ReplayLookup known) => known.Kind switch
    {
        ReplayKind.Replay => SessionRefreshResult.Replaced(known.Response!, known.Token!),
        ReplayKind.Stale => SessionRefreshResult.Spent,
        _ => null,
    };
}

/// <summary>The Redis <see cref="IDistributedCache"/> the package keeps its own entries in (whatever the app registers as its cache).</summary>
internal sealed record RedisSharedCache(IDistributedCache Cache);
