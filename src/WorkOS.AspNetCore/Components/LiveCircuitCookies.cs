namespace WorkOS.AspNetCore.Components;

/// <summary>
/// The browser cookies that live circuits on this instance were opened with, by the hash of the cookie's refresh
/// token. Two tabs opened with one cookie share it; the link that lets that cookie continue as the circuits' session
/// goes only when the last of them closes.
/// </summary>
internal sealed class LiveCircuitCookies
{
    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    /// <summary>A circuit opened with the cookie whose refresh token has this key.</summary>
    public void Open(string key)
    {
        lock (_lock)
        {
            if (!_entries.TryGetValue(key, out var entry))
            {
                _entries[key] = entry = new Entry();
            }

            entry.Circuits++;
        }
    }

    /// <summary>A circuit linked the cookie with this key to the session it refreshed into.</summary>
    public void Linked(string key)
    {
        lock (_lock)
        {
            if (_entries.TryGetValue(key, out var entry))
            {
                entry.Linked = true;
            }
        }
    }

    /// <summary>
    /// A circuit opened with the cookie with this key closed. True when it was the last live one and a circuit had
    /// linked the cookie: the link must go now.
    /// </summary>
    public bool Close(string key)
    {
        lock (_lock)
        {
            if (!_entries.TryGetValue(key, out var entry) || --entry.Circuits > 0)
            {
                return false;
            }

            _entries.Remove(key);
            return entry.Linked;
        }
    }

    private sealed class Entry
    {
        public int Circuits;
        public bool Linked;
    }
}
