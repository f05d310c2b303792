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
/// when its access token expires. Subject-level marks (from WorkOS events) are <c>{prefix}revoked-mark:{user}/{org}</c>,
/// written by a script that keeps the later of each time (marks only move forward, whichever instance writes); a
/// check reads the session's entry and every mark that can cover the token in one <c>MGET</c>: one round trip.
/// </summary>
internal sealed class RedisRevokedSessionStore : IRevokedSessionStore
{
    private readonly RedisConnection _connection;
    private readonly MemoryRevokedSessionStore _local;
    private readonly RedisAvailability _availability;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<RedisRevokedSessionStore> _logger;
    private readonly ConcurrentDictionary<string, DateTimeOffset> _unshared = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<MarkScope, MarkEntry> _unsharedMarks = new();

    // Keeps the later of each time, comparing the decimal strings exactly (tick counts are beyond a Lua number's precision).
    private static readonly LuaScript MergeMark = LuaScript.Prepare(
        """
        local function later(a, b)
          if #a ~= #b then if #a > #b then return a else return b end end
          if a > b then return a else return b end
        end
        local r, f, u = string.match(@value, '^(%d+):(%d+):(%d+)$')
        local held = redis.call('GET', @key)
        if held then
          local hr, hf, hu = string.match(held, '^(%d+):(%d+):(%d+)$')
          if hr then r = later(r, hr); f = later(f, hf); u = later(u, hu) end
        end
        local ttl = tonumber(@ttl)
        local left = redis.call('PTTL', @key)
        if left > ttl then ttl = left end
        redis.call('SET', @key, r .. ':' .. f .. ':' .. u, 'PX', ttl)
        return 1
        """);

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

    /// <summary>Sign-outs and marks made while Redis was unavailable, not yet written to it.</summary>
    internal int Unshared => _unshared.Count + _unsharedMarks.Count;

    private RedisKey Key(string sessionId) => _connection.KeyPrefix + "revoked:" + sessionId;

    private RedisKey MarkKey(MarkScope scope) => _connection.KeyPrefix + "revoked-mark:" + scope.UserId + "/" + scope.OrganizationId;

    public async ValueTask MarkAsync(SessionMark mark, CancellationToken cancellationToken = default)
    {
        await _local.MarkAsync(mark, cancellationToken).ConfigureAwait(false);
        var scope = MarkScope.Of(mark);
        var entry = MarkEntry.Of(mark);
        try
        {
            await WriteMarkAsync(scope, entry).ConfigureAwait(false);
            _availability.Available();
        }
        catch (Exception ex) when (RedisAvailability.IsUnavailable(ex))
        {
            _unsharedMarks.AddOrUpdate(scope, entry, (_, held) => held.Merge(entry));
            _availability.Unavailable("revoke", ex);
            _logger.MarkHeld(mark.UserId ?? "(all)", mark.OrganizationId ?? "(all)");
        }
    }

    public async ValueTask<SessionStanding> CheckAsync(SessionSubject subject, CancellationToken cancellationToken = default)
    {
        var standing = await _local.CheckAsync(subject, cancellationToken).ConfigureAwait(false);
        if (standing == SessionStanding.Revoked)
        {
            return standing;
        }

        var scopes = new MarkScope[4];
        var count = MarkScope.For(subject, scopes);
        var hasSession = subject.SessionId is { Length: > 0 };
        var keys = new RedisKey[count + (hasSession ? 1 : 0)];
        for (var i = 0; i < count; i++)
        {
            keys[i] = MarkKey(scopes[i]);
        }

        if (hasSession)
        {
            keys[count] = Key(subject.SessionId!);
        }

        RedisValue[] values;
        try
        {
            var redis = await _connection.GetAsync().ConfigureAwait(false);
            values = await redis.GetDatabase().StringGetAsync(keys).ConfigureAwait(false);
            _availability.Available();
        }
        catch (Exception ex) when (RedisAvailability.IsUnavailable(ex))
        {
            _availability.Unavailable("revoked-check", ex);
            _logger.RevokedListSkipped(subject.SessionId ?? "(none)");
            return standing;
        }

        var now = _timeProvider.GetUtcNow().UtcTicks;
        if (hasSession && ReadUntil(values[count]) is { } until && until > now)
        {
            // Learned from another instance: later requests of this session are refused without a Redis read.
            await _local.RevokeAsync(subject.SessionId!, new DateTimeOffset(until, TimeSpan.Zero), cancellationToken).ConfigureAwait(false);
            return SessionStanding.Revoked;
        }

        var issued = subject.IssuedAt.UtcTicks;
        for (var i = 0; i < count; i++)
        {
            if (ReadMark(values[i]) is { } entry && entry.Until > now)
            {
                _local.Apply(scopes[i], entry);
                standing = MemoryRevokedSessionStore.Worst(standing, entry.Standing(issued));
            }
        }

        return standing;
    }

    private static long? ReadUntil(RedisValue value) =>
        value.HasValue && long.TryParse(value.ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var ticks) && ticks <= DateTimeOffset.MaxValue.UtcTicks
            ? ticks
            : null;

    private static MarkEntry? ReadMark(RedisValue value)
    {
        if (!value.HasValue)
        {
            return null;
        }

        var parts = value.ToString().Split(':');
        return parts.Length == 3 && Ticks(parts[0]) is { } revoke && Ticks(parts[1]) is { } refresh && Ticks(parts[2]) is { } until
            ? new MarkEntry(revoke, refresh, until)
            : null;

        static long? Ticks(string text) =>
            long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var ticks) && ticks <= DateTimeOffset.MaxValue.UtcTicks ? ticks : null;
    }

    private async Task WriteMarkAsync(MarkScope scope, MarkEntry entry)
    {
        var lifetime = new DateTimeOffset(entry.Until, TimeSpan.Zero) - _timeProvider.GetUtcNow();
        if (lifetime <= TimeSpan.Zero)
        {
            return;
        }

        var redis = await _connection.GetAsync().ConfigureAwait(false);
        var value = string.Create(CultureInfo.InvariantCulture, $"{entry.RevokeBefore}:{entry.RefreshBefore}:{entry.Until}");
        await MergeMark.EvaluateAsync(redis.GetDatabase(), new
        {
            key = MarkKey(scope),
            value,
            ttl = ((long)Math.Ceiling(lifetime.TotalMilliseconds)).ToString(CultureInfo.InvariantCulture),
        }).ConfigureAwait(false);
    }

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

        foreach (var (scope, entry) in _unsharedMarks)
        {
            try
            {
                await WriteMarkAsync(scope, entry).ConfigureAwait(false);
                _unsharedMarks.TryRemove(new KeyValuePair<MarkScope, MarkEntry>(scope, entry));
                shared++;
            }
            catch (Exception ex) when (RedisAvailability.IsUnavailable(ex))
            {
                _availability.Unavailable("revoke", ex);
                break;
            }
        }

        if (shared > 0)
        {
            _logger.RevocationsShared(shared);
        }
    }
}
