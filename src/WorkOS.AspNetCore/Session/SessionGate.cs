using System.Collections.Concurrent;

namespace WorkOS.AspNetCore.Session;

/// <summary>
/// One turn at a time per session (keyed by <c>sid</c>): refresh tokens of a session are spent one after another in
/// this instance, and each holder sees what the holders before it produced while they queued behind each other. The
/// entry, with that memory, goes away when the last request of the burst leaves.
/// </summary>
internal sealed class SessionGate
{
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    public async Task<Turn> EnterAsync(string sessionKey)
    {
        while (true)
        {
            var entry = _entries.GetOrAdd(sessionKey, static _ => new Entry());
            lock (entry)
            {
                if (entry.Users < 0)
                {
                    continue; // retired by its last user a moment ago: take the next one
                }

                entry.Users++;
            }

            await entry.Semaphore.WaitAsync().ConfigureAwait(false);
            return new Turn(this, sessionKey, entry);
        }
    }

    private void Leave(string sessionKey, Entry entry)
    {
        entry.Semaphore.Release();
        lock (entry)
        {
            if (--entry.Users == 0)
            {
                entry.Users = -1;
                _entries.TryRemove(new KeyValuePair<string, Entry>(sessionKey, entry));
            }
        }
    }

    /// <summary>What the requests of one burst of a session share.</summary>
    internal sealed class Entry
    {
        public SemaphoreSlim Semaphore { get; } = new(1, 1);

        public int Users { get; set; }

        /// <summary>The refresh tokens (by key) spent during this burst.</summary>
        public HashSet<string> Spent { get; } = new(StringComparer.Ordinal);

        /// <summary>The newest outcome that carries a new refresh token.</summary>
        public RefreshOutcome? Latest { get; set; }
    }

    /// <summary>A held turn; disposing it lets the next request of the session in.</summary>
    internal sealed class Turn(SessionGate gate, string sessionKey, Entry entry) : IDisposable
    {
        private int _disposed;

        public Entry State => entry;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                gate.Leave(sessionKey, entry);
            }
        }
    }
}
