using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;

namespace WorkOS.AspNetCore.ApiKeys;

/// <summary>
/// WorkOS's recent answers about API keys, keyed by the SHA-256 hash of the key (never the key), each until its own
/// expiry, and never more than a fixed number of them. When full, expired answers go first, then answers about
/// invalid keys (so a flood of made-up keys cannot push out real ones), then those closest to expiry.
/// </summary>
internal sealed class ApiKeyCache(int limit)
{
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly Lock _writeGate = new();

    public int Count => _entries.Count;

    public int Limit => limit;

    /// <summary>The hashes held, for tests that check no raw key is ever stored.</summary>
    internal ICollection<string> Hashes => _entries.Keys;

    public bool TryGet(string hash, DateTimeOffset now, [NotNullWhen(true)] out ApiKeyLookup? lookup)
    {
        if (_entries.TryGetValue(hash, out var entry))
        {
            if (now < entry.ExpiresAt)
            {
                lookup = entry.Lookup;
                return true;
            }

            _entries.TryRemove(new KeyValuePair<string, Entry>(hash, entry));
        }

        lookup = null;
        return false;
    }

    /// <summary>Stores an answer until <paramref name="expiresAt"/>; returns how many other answers were dropped to make room.</summary>
    public int Set(string hash, ApiKeyLookup lookup, DateTimeOffset expiresAt, DateTimeOffset now)
    {
        if (expiresAt <= now)
        {
            return 0;
        }

        lock (_writeGate)
        {
            var dropped = !_entries.ContainsKey(hash) && _entries.Count >= limit ? Trim(now) : 0;
            _entries[hash] = new Entry(lookup, expiresAt);
            return dropped;
        }
    }

    private int Trim(DateTimeOffset now)
    {
        var before = _entries.Count;
        RemoveWhere(entry => entry.ExpiresAt <= now);
        if (_entries.Count >= limit)
        {
            RemoveWhere(entry => entry.Lookup.Status != ApiKeyStatus.Valid);
        }

        if (_entries.Count >= limit)
        {
            // Room for a tenth of the limit at once, so a full cache is not trimmed on every insert.
            var keep = Math.Max(0, limit - Math.Max(1, limit / 10));
            foreach (var pair in _entries.OrderBy(p => p.Value.ExpiresAt).Take(_entries.Count - keep).ToList())
            {
                _entries.TryRemove(pair);
            }
        }

        return before - _entries.Count;
    }

    private void RemoveWhere(Func<Entry, bool> predicate)
    {
        foreach (var pair in _entries)
        {
            if (predicate(pair.Value))
            {
                _entries.TryRemove(pair);
            }
        }
    }

    private sealed record Entry(ApiKeyLookup Lookup, DateTimeOffset ExpiresAt);
}
