using System.Collections.Concurrent;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.Logging;

namespace WorkOS.AspNetCore.StackExchangeRedis;

/// <summary>
/// Server-side sessions on Redis: the library's session store over the package's Redis cache. While Redis is
/// unavailable a stored session cannot be read: the request is anonymous (the cookie is kept and reads again once Redis
/// is back), never a 500. A session signed in (or renewed) during the outage is held in this instance's memory (at
/// most <see cref="MaxHeld"/>; past that the one that expires first is dropped, so a sign-in never fails), works on this
/// instance, and is written to Redis when it is back.
/// </summary>
internal sealed class RedisTicketStore : ITicketStore
{
    /// <summary>The most sessions held in memory through an outage.</summary>
    internal const int MaxHeld = 10_000;

    private readonly int _maxHeld;

    private readonly ITicketStore _inner;
    private readonly RedisAvailability _availability;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<RedisTicketStore> _logger;
    private readonly ConcurrentDictionary<string, AuthenticationTicket> _held = new(StringComparer.Ordinal);

    public RedisTicketStore(ITicketStore inner, RedisAvailability availability, TimeProvider timeProvider, ILogger<RedisTicketStore> logger,
        int maxHeld = MaxHeld)
    {
        _maxHeld = maxHeld;
        _inner = inner;
        _availability = availability;
        _timeProvider = timeProvider;
        _logger = logger;
        availability.Restored += () => _ = ShareHeldAsync();
    }

    /// <summary>Sessions held in memory, not yet written to Redis.</summary>
    internal int Held => _held.Count;

    public async Task<string> StoreAsync(AuthenticationTicket ticket)
    {
        var key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        await RenewAsync(key, ticket).ConfigureAwait(false);
        return key;
    }

    public async Task RenewAsync(string key, AuthenticationTicket ticket)
    {
        try
        {
            await _inner.RenewAsync(key, ticket).ConfigureAwait(false);
            _held.TryRemove(key, out _);
            _availability.Available();
        }
        catch (Exception ex) when (RedisAvailability.IsUnavailable(ex))
        {
            _availability.Unavailable("session-write", ex);
            if (!_held.ContainsKey(key) && _held.Count >= _maxHeld && !SweepHeld())
            {
                DropFirstToExpire(); // bounded, and never a failed sign-in: the dropped session is anonymous until it signs in again
            }

            _held[key] = ticket;
            _logger.SessionHeld();
        }
    }

    public async Task<AuthenticationTicket?> RetrieveAsync(string key)
    {
        if (_held.TryGetValue(key, out var held))
        {
            if (held.Properties.ExpiresUtc is not { } expires || expires > _timeProvider.GetUtcNow())
            {
                return held;
            }

            _held.TryRemove(key, out _);
            return null;
        }

        try
        {
            var ticket = await _inner.RetrieveAsync(key).ConfigureAwait(false);
            _availability.Available();
            return ticket;
        }
        catch (Exception ex) when (RedisAvailability.IsUnavailable(ex))
        {
            _availability.Unavailable("session-read", ex);
            _logger.SessionUnreadable();
            return null;
        }
    }

    public async Task RemoveAsync(string key)
    {
        _held.TryRemove(key, out _);
        try
        {
            await _inner.RemoveAsync(key).ConfigureAwait(false);
            _availability.Available();
        }
        catch (Exception ex) when (RedisAvailability.IsUnavailable(ex))
        {
            _availability.Unavailable("session-remove", ex); // the revoked-session list still refuses its session
        }
    }

    /// <summary>Writes the sessions held through an outage, now that Redis is back.</summary>
    private async Task ShareHeldAsync()
    {
        foreach (var (key, ticket) in _held)
        {
            try
            {
                await _inner.RenewAsync(key, ticket).ConfigureAwait(false);
                _held.TryRemove(new KeyValuePair<string, AuthenticationTicket>(key, ticket));
            }
            catch (Exception ex) when (RedisAvailability.IsUnavailable(ex))
            {
                _availability.Unavailable("session-write", ex); // gone again: the rest waits for the next return
                return;
            }
        }
    }

    /// <summary>Drops held sessions that have expired; true when that made room.</summary>
    private bool SweepHeld()
    {
        var now = _timeProvider.GetUtcNow();
        foreach (var (key, ticket) in _held)
        {
            if (ticket.Properties.ExpiresUtc is { } expires && expires <= now)
            {
                _held.TryRemove(key, out _);
            }
        }

        return _held.Count < _maxHeld;
    }

    /// <summary>Drops the held session that expires first (one without an expiry counts as expiring last).</summary>
    private void DropFirstToExpire()
    {
        var first = _held.MinBy(held => held.Value.Properties.ExpiresUtc ?? DateTimeOffset.MaxValue);
        if (first.Key is not null && _held.TryRemove(first.Key, out _))
        {
            _logger.HeldSessionDropped(_maxHeld);
        }
    }
}
