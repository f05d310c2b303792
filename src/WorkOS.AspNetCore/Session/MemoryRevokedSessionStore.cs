using System.Collections.Concurrent;

namespace WorkOS.AspNetCore.Session;

/// <summary>
/// The revoked-session list of one instance. A lookup is one lock-free dictionary probe and allocates
/// nothing. Entries leave after their expiry; the list is bounded: when full, expired entries are swept
/// and, only if it is still full, the entries that expire soonest make room.
/// </summary>
internal sealed class MemoryRevokedSessionStore(TimeProvider timeProvider, int capacity = MemoryRevokedSessionStore.DefaultCapacity) : IRevokedSessionStore
{
    /// <summary>The most sessions kept by default: far more sign-outs than an access-token lifetime sees.</summary>
    internal const int DefaultCapacity = 100_000;

    private readonly ConcurrentDictionary<string, long> _until = new(StringComparer.Ordinal);
    private readonly Lock _sweep = new();

    public int Count => _until.Count;

    public ValueTask RevokeAsync(string sessionId, DateTimeOffset until, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(sessionId);
        var ticks = until.UtcTicks;
        _until.AddOrUpdate(sessionId, ticks, (_, existing) => Math.Max(existing, ticks));
        if (_until.Count > capacity)
        {
            Sweep();
        }

        return ValueTask.CompletedTask;
    }

    public ValueTask<bool> IsRevokedAsync(string sessionId, CancellationToken cancellationToken = default)
    {
        if (!_until.TryGetValue(sessionId, out var until))
        {
            return new ValueTask<bool>(false);
        }

        if (timeProvider.GetUtcNow().UtcTicks < until)
        {
            return new ValueTask<bool>(true);
        }

        _until.TryRemove(new KeyValuePair<string, long>(sessionId, until));
        return new ValueTask<bool>(false);
    }

    private void Sweep()
    {
        lock (_sweep)
        {
            var now = timeProvider.GetUtcNow().UtcTicks;
            foreach (var entry in _until)
            {
                if (entry.Value <= now)
                {
                    _until.TryRemove(entry);
                }
            }

            var excess = _until.Count - capacity;
            if (excess <= 0)
            {
                return;
            }

            // Still full of live entries: drop the ones that expire soonest (they protect the least time).
            foreach (var entry in _until.OrderBy(e => e.Value).Take(excess).ToList())
            {
                _until.TryRemove(entry);
            }
        }
    }
}
