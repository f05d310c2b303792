using System.Collections.Concurrent;
using System.Runtime.CompilerServices;

namespace WorkOS.AspNetCore.Session;

/// <summary>
/// The revoked-session list of one instance. A lookup is one lock-free dictionary probe and allocates
/// nothing; with subject-level marks present, a check is up to four more probes (user, membership, organization,
/// everyone), still without allocating. Entries leave after their expiry; the list is bounded: when full, expired
/// entries are swept and, only if it is still full, the entries that expire soonest make room.
/// </summary>
internal sealed class MemoryRevokedSessionStore(TimeProvider timeProvider, int capacity = MemoryRevokedSessionStore.DefaultCapacity) : IRevokedSessionStore
{
    /// <summary>The most sessions kept by default: far more sign-outs than an access-token lifetime sees.</summary>
    internal const int DefaultCapacity = 100_000;

    private readonly ConcurrentDictionary<string, long> _until = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<MarkScope, MarkEntry> _marks = new();
    private readonly Lock _sweep = new();
    private volatile bool _hasMarks;
    private long _longestLifetimeTicks;

    public int Count => _until.Count;

    /// <summary>Subject-level marks held.</summary>
    public int MarkCount => _marks.Count;

    /// <summary>The longest access-token lifetime (<c>exp - iat</c>) of the tokens checked here, or null before the first.</summary>
    public TimeSpan? LongestTokenLifetime => Volatile.Read(ref _longestLifetimeTicks) is > 0 and var ticks ? TimeSpan.FromTicks(ticks) : null;

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

    public ValueTask<bool> IsRevokedAsync(string sessionId, CancellationToken cancellationToken = default) => new(IsRevoked(sessionId));

    private bool IsRevoked(string sessionId)
    {
        if (!_until.TryGetValue(sessionId, out var until))
        {
            return false;
        }

        if (timeProvider.GetUtcNow().UtcTicks < until)
        {
            return true;
        }

        _until.TryRemove(new KeyValuePair<string, long>(sessionId, until));
        return false;
    }

    public ValueTask MarkAsync(SessionMark mark, CancellationToken cancellationToken = default)
    {
        Apply(MarkScope.Of(mark), MarkEntry.Of(mark));
        return ValueTask.CompletedTask;
    }

    /// <summary>Adds the entry, or merges it into the one held (each time only moves forward).</summary>
    internal void Apply(MarkScope scope, MarkEntry entry)
    {
        _marks.AddOrUpdate(scope, entry, (_, existing) => existing.Merge(entry));
        _hasMarks = true;
        if (_marks.Count > capacity)
        {
            SweepMarks();
        }
    }

    public ValueTask<SessionStanding> CheckAsync(SessionSubject subject, CancellationToken cancellationToken = default) =>
        new(subject.SessionId is { Length: > 0 } sessionId && IsRevoked(sessionId) ? SessionStanding.Revoked : Standing(subject));

    /// <summary>How this instance's marks stand on the token (its <c>sid</c> aside); notes the token's lifetime.</summary>
    public SessionStanding Standing(in SessionSubject subject)
    {
        var issued = subject.IssuedAt.UtcTicks;
        if (subject.Expires.UtcTicks - issued is > 0 and var lifetime && issued > DateTimeOffset.UnixEpoch.UtcTicks)
        {
            NoteLifetime(lifetime);
        }

        if (!_hasMarks)
        {
            return SessionStanding.Current;
        }

        var now = timeProvider.GetUtcNow().UtcTicks;
        var buffer = default(MarkScopes);
        Span<MarkScope> scopes = buffer;
        var standing = SessionStanding.Current;
        for (int i = 0, count = MarkScope.For(subject, scopes); i < count; i++)
        {
            standing = Worst(standing, Probe(scopes[i], issued, now));
        }

        return standing;
    }

    private SessionStanding Probe(MarkScope scope, long issued, long now)
    {
        if (!_marks.TryGetValue(scope, out var entry))
        {
            return SessionStanding.Current;
        }

        if (entry.Until <= now)
        {
            _marks.TryRemove(new KeyValuePair<MarkScope, MarkEntry>(scope, entry));
            return SessionStanding.Current;
        }

        return entry.Standing(issued);
    }

    internal static SessionStanding Worst(SessionStanding a, SessionStanding b) => a == SessionStanding.Revoked || b == SessionStanding.Revoked
        ? SessionStanding.Revoked
        : a == SessionStanding.RefreshDue || b == SessionStanding.RefreshDue ? SessionStanding.RefreshDue : SessionStanding.Current;

    private void NoteLifetime(long ticks)
    {
        var seen = Volatile.Read(ref _longestLifetimeTicks);
        while (ticks > seen)
        {
            var previous = Interlocked.CompareExchange(ref _longestLifetimeTicks, ticks, seen);
            if (previous == seen)
            {
                return;
            }

            seen = previous;
        }
    }

    private void SweepMarks()
    {
        lock (_sweep)
        {
            var now = timeProvider.GetUtcNow().UtcTicks;
            foreach (var entry in _marks)
            {
                if (entry.Value.Until <= now)
                {
                    _marks.TryRemove(entry);
                }
            }

            var excess = _marks.Count - capacity;
            if (excess > 0)
            {
                foreach (var entry in _marks.OrderBy(e => e.Value.Until).Take(excess).ToList())
                {
                    _marks.TryRemove(entry);
                }
            }
        }
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

/// <summary>Whose tokens a mark covers: a user (empty for everyone) and an organization (empty for any).</summary>
internal readonly record struct MarkScope(string UserId, string OrganizationId)
{
    public static MarkScope Of(SessionMark mark) => new(mark.UserId ?? string.Empty, mark.OrganizationId ?? string.Empty);

    /// <summary>The scopes that can cover a token of <paramref name="subject"/>, most specific first (at most four).</summary>
    public static int For(in SessionSubject subject, Span<MarkScope> scopes)
    {
        var count = 0;
        var user = subject.UserId ?? string.Empty;
        var organization = subject.OrganizationId ?? string.Empty;
        if (user.Length > 0)
        {
            if (organization.Length > 0)
            {
                scopes[count++] = new MarkScope(user, organization);
            }

            scopes[count++] = new MarkScope(user, string.Empty);
        }

        if (organization.Length > 0)
        {
            scopes[count++] = new MarkScope(string.Empty, organization);
        }

        scopes[count++] = new MarkScope(string.Empty, string.Empty);
        return count;
    }
}

/// <summary>
/// A mark's times in UTC ticks: tokens issued before <see cref="RevokeBefore"/> are refused, those issued before
/// <see cref="RefreshBefore"/> refreshed; kept until <see cref="Until"/>. Merging takes the later of each, so marks only
/// move forward.
/// </summary>
internal readonly record struct MarkEntry(long RevokeBefore, long RefreshBefore, long Until)
{
    public static MarkEntry Of(SessionMark mark)
    {
        var before = mark.Before.UtcTicks;
        return mark.Kind == SessionMarkKind.Revoke
            ? new MarkEntry(before, 0, mark.Until.UtcTicks)
            // A token's iat has whole seconds: a refresh mark starts at its second, so the token a refresh issues within
            // the same second as the change is not marked again.
            : new MarkEntry(0, before - (before % TimeSpan.TicksPerSecond), mark.Until.UtcTicks);
    }

    public MarkEntry Merge(MarkEntry other) =>
        new(Math.Max(RevokeBefore, other.RevokeBefore), Math.Max(RefreshBefore, other.RefreshBefore), Math.Max(Until, other.Until));

    public SessionStanding Standing(long issued) =>
        issued < RevokeBefore ? SessionStanding.Revoked : issued < RefreshBefore ? SessionStanding.RefreshDue : SessionStanding.Current;
}

/// <summary>Room for the four scopes of one check, on the stack.</summary>
[InlineArray(4)]
internal struct MarkScopes
{
    private MarkScope _first;
}
