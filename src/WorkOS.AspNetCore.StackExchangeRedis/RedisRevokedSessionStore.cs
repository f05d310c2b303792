using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;
using WorkOS.AspNetCore.Session;

namespace WorkOS.AspNetCore.StackExchangeRedis;

/// <summary>
/// The revoked-session list on Redis (<c>{prefix}revoked:{sid}</c>, expiring with the session's last access token).
/// This instance's sign-outs are kept in its memory too, so they hold at once and through an outage; a sign-out made
/// while Redis is unavailable is written to Redis when it is back. While Redis is unavailable, sessions this instance
/// did not see end are accepted on their verified access tokens (so nobody is signed out by the outage): a sign-out on
/// another instance then reaches this one at the latest when Redis returns, and its cookie stops working at the latest
/// when its access token expires.
/// </summary>
internal sealed class RedisRevokedSessionStore : IRevokedSessionStore
{
    private readonly RedisConnection _connection;
    private readonly MemoryRevokedSessionStore _local;
    private readonly RedisAvailability _availability;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<RedisRevokedSessionStore> _logger;
    private readonly ConcurrentDictionary<string, DateTimeOffset> _unshared = new(StringComparer.Ordinal);

    public RedisRevokedSessionStore(RedisConnection connection, MemoryRevokedSessionStore local, RedisAvailability availability,
        TimeProvider timeProvider, ILogger<RedisRevokedSessionStore> logger)
    {
        _connection = connection;
        _local = local;
        _availability = availability;
        _timeProvider = timeProvider;
        _logger = logger;
        availability.Restored += () => _ = ShareHeldAsync();
    }

    /// <summary>Sign-outs made while Redis was unavailable, not yet written to it.</summary>
    internal int Unshared => _unshared.Count;

    private RedisKey Key(string sessionId) => _connection.KeyPrefix + "revoked:" + sessionId;

    public async ValueTask RevokeAsync(string sessionId, DateTimeOffset until, CancellationToken cancellationToken = default)
    {
        await _local.RevokeAsync(sessionId, until, cancellationToken).ConfigureAwait(false);
        try
        {
            await WriteAsync(sessionId, until).ConfigureAwait(false);
            _availability.Available();
        }
        catch (Exception ex) when (RedisAvailability.IsUnavailable(ex))
        {
            _unshared.AddOrUpdate(sessionId, until, (_, held) => held > until ? held : until);
            _availability.Unavailable("revoke", ex);
            _logger.RevocationHeld(sessionId);
        }
    }

    public async ValueTask<bool> IsRevokedAsync(string sessionId, CancellationToken cancellationToken = default)
    {
        if (await _local.IsRevokedAsync(sessionId, cancellationToken).ConfigureAwait(false))
        {
            return true;
        }

        RedisValue value;
        try
        {
            var redis = await _connection.GetAsync().ConfigureAwait(false);
            value = await redis.GetDatabase().StringGetAsync(Key(sessionId)).ConfigureAwait(false);
            _availability.Available();
        }
        catch (Exception ex) when (RedisAvailability.IsUnavailable(ex))
        {
            _availability.Unavailable("revoked-check", ex);
            _logger.RevokedListSkipped(sessionId);
            return false;
        }

        if (!value.HasValue || !long.TryParse(value.ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var untilTicks)
            || untilTicks <= _timeProvider.GetUtcNow().UtcTicks || untilTicks > DateTimeOffset.MaxValue.UtcTicks)
        {
            return false;
        }

        // Learned from another instance: later requests of this session are refused without a Redis read.
        await _local.RevokeAsync(sessionId, new DateTimeOffset(untilTicks, TimeSpan.Zero), cancellationToken).ConfigureAwait(false);
        return true;
    }

    private async Task WriteAsync(string sessionId, DateTimeOffset until)
    {
        var lifetime = until - _timeProvider.GetUtcNow();
        if (lifetime <= TimeSpan.Zero)
        {
            return;
        }

        var redis = await _connection.GetAsync().ConfigureAwait(false);
        await redis.GetDatabase().StringSetAsync(Key(sessionId), until.UtcTicks.ToString(CultureInfo.InvariantCulture), lifetime).ConfigureAwait(false);
    }

    /// <summary>Writes the sign-outs held through an outage, now that Redis is back.</summary>
    internal async Task ShareHeldAsync()
    {
        var shared = 0;
        foreach (var (sessionId, until) in _unshared)
        {
            try
            {
                await WriteAsync(sessionId, until).ConfigureAwait(false);
                _unshared.TryRemove(new KeyValuePair<string, DateTimeOffset>(sessionId, until));
                shared++;
            }
            catch (Exception ex) when (RedisAvailability.IsUnavailable(ex))
            {
                _availability.Unavailable("revoke", ex); // gone again: the rest waits for the next return
                break;
            }
        }

        if (shared > 0)
        {
            _logger.RevocationsShared(shared);
        }
    }
}
