using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;
using WorkOS.AspNetCore.Webhooks;

namespace WorkOS.AspNetCore.StackExchangeRedis;

/// <summary>
/// The webhook event claim on Redis: <c>SET {prefix}webhook-event:{id} 1 NX PX {lifetime}</c>, so of the instances
/// given the same event at the same moment exactly one handles it. While Redis is unavailable the claim falls back to
/// this instance, as the package's other operations do (logged, counted in <c>workos.redis.unavailable</c>): events are
/// still handled, at most once per instance, and the claims made meanwhile are written to Redis when it is back.
/// </summary>
internal sealed class RedisWebhookEventClaim : IWebhookEventClaim
{
    private readonly RedisConnection _connection;
    private readonly RedisAvailability _availability;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<RedisWebhookEventClaim> _logger;
    private readonly ConcurrentDictionary<string, DateTimeOffset> _held = new(StringComparer.Ordinal);

    public RedisWebhookEventClaim(RedisConnection connection, RedisAvailability availability, TimeProvider timeProvider,
        ILogger<RedisWebhookEventClaim> logger)
    {
        _connection = connection;
        _availability = availability;
        _timeProvider = timeProvider;
        _logger = logger;
        availability.Restored += () => _ = ShareHeldAsync();
    }

    private RedisKey Key(string eventId) => _connection.KeyPrefix + "webhook-event:" + eventId;

    public async ValueTask<bool> TryClaimAsync(string eventId, TimeSpan lifetime, CancellationToken cancellationToken)
    {
        var now = _timeProvider.GetUtcNow();
        if (_held.TryGetValue(eventId, out var heldUntil) && heldUntil > now)
        {
            return false;
        }

        try
        {
            var redis = await _connection.GetAsync().ConfigureAwait(false);
            var claimed = await redis.GetDatabase().StringSetAsync(Key(eventId), 1, lifetime, When.NotExists).ConfigureAwait(false);
            _availability.Available();
            return claimed;
        }
        catch (Exception ex) when (RedisAvailability.IsUnavailable(ex))
        {
            _availability.Unavailable("webhook-claim", ex);
            foreach (var (id, until) in _held)
            {
                if (until <= now)
                {
                    _held.TryRemove(new KeyValuePair<string, DateTimeOffset>(id, until));
                }
            }

            if (!_held.TryAdd(eventId, now + lifetime))
            {
                return false;
            }

            _logger.WebhookClaimedLocally(eventId);
            return true;
        }
    }

    /// <summary>Writes the claims made through an outage, now that Redis is back, so other instances skip those events too.</summary>
    internal async Task ShareHeldAsync()
    {
        var shared = 0;
        foreach (var (eventId, until) in _held)
        {
            var lifetime = until - _timeProvider.GetUtcNow();
            try
            {
                if (lifetime > TimeSpan.Zero)
                {
                    var redis = await _connection.GetAsync().ConfigureAwait(false);
                    await redis.GetDatabase().StringSetAsync(Key(eventId), 1, lifetime, When.NotExists).ConfigureAwait(false);
                    shared++;
                }

                _held.TryRemove(new KeyValuePair<string, DateTimeOffset>(eventId, until));
            }
            catch (Exception ex) when (RedisAvailability.IsUnavailable(ex))
            {
                _availability.Unavailable("webhook-claim", ex); // gone again: the rest waits for the next return
                break;
            }
        }

        if (shared > 0)
        {
            _logger.WebhookClaimsShared(shared);
        }
    }
}
