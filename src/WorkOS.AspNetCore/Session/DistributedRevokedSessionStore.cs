using System.Buffers.Binary;
using Microsoft.Extensions.Caching.Distributed;

namespace WorkOS.AspNetCore.Session;

/// <summary>
/// The revoked-session list shared by the instances through the app's <see cref="IDistributedCache"/> (used only when
/// multi-instance coordination is on). This instance's own revocations are also kept in memory, so they hold even
/// while the cache is unreachable; any other lookup costs one cache read. A token check reads the session's entry and
/// the marks that can cover its subject (user, membership, organization, everyone): up to five reads, issued at once,
/// so one round trip of latency. A mark is written read-merge-write (its times only move forward); two instances
/// writing the same subject's mark at the same moment may keep the earlier of the two, which a repeated delivery of
/// the later event puts right.
/// </summary>
internal sealed class DistributedRevokedSessionStore(IDistributedCache cache, MemoryRevokedSessionStore local, TimeProvider timeProvider)
    : IRevokedSessionStore
{
    private const string Prefix = "workos:revoked:";
    private const string MarkPrefix = "workos:revoked-mark:";

    internal static string MarkKey(MarkScope scope) => MarkPrefix + scope.UserId + "/" + scope.OrganizationId;

    public async ValueTask MarkAsync(SessionMark mark, CancellationToken cancellationToken = default)
    {
        await local.MarkAsync(mark, cancellationToken).ConfigureAwait(false);
        var key = MarkKey(MarkScope.Of(mark));
        var entry = MarkEntry.Of(mark);
        try
        {
            if (Read(await cache.GetAsync(key, cancellationToken).ConfigureAwait(false)) is { } held)
            {
                entry = held.Merge(entry);
            }

            var lifetime = new DateTimeOffset(entry.Until, TimeSpan.Zero) - timeProvider.GetUtcNow();
            if (lifetime <= TimeSpan.Zero)
            {
                return;
            }

            var value = new byte[24];
            BinaryPrimitives.WriteInt64LittleEndian(value, entry.RevokeBefore);
            BinaryPrimitives.WriteInt64LittleEndian(value.AsSpan(8), entry.RefreshBefore);
            BinaryPrimitives.WriteInt64LittleEndian(value.AsSpan(16), entry.Until);
            await cache.SetAsync(key, value, new DistributedCacheEntryOptions { AbsoluteExpirationRelativeToNow = lifetime }, cancellationToken)
                .ConfigureAwait(false);
        }
        catch (Exception ex) when (IsCacheFailure(ex))
        {
            throw Unavailable(ex);
        }
    }

    public async ValueTask<SessionStanding> CheckAsync(SessionSubject subject, CancellationToken cancellationToken = default)
    {
        var standing = await local.CheckAsync(subject, cancellationToken).ConfigureAwait(false);
        if (standing == SessionStanding.Revoked)
        {
            return standing;
        }

        var scopes = new MarkScope[4];
        var count = MarkScope.For(subject, scopes);
        var reads = new Task<byte[]?>[count];
        Task<bool>? session = null;
        try
        {
            if (subject.SessionId is { Length: > 0 } sessionId)
            {
                session = IsRevokedAsync(sessionId, cancellationToken).AsTask();
            }

            for (var i = 0; i < count; i++)
            {
                reads[i] = cache.GetAsync(MarkKey(scopes[i]), cancellationToken);
            }

            await Task.WhenAll(reads).ConfigureAwait(false);
        }
        catch (Exception ex) when (IsCacheFailure(ex))
        {
            throw Unavailable(ex);
        }

        if (session is not null && await session.ConfigureAwait(false))
        {
            return SessionStanding.Revoked;
        }

        var issued = subject.IssuedAt.UtcTicks;
        var now = timeProvider.GetUtcNow().UtcTicks;
        for (var i = 0; i < count; i++)
        {
            if (Read(await reads[i].ConfigureAwait(false)) is { } entry && entry.Until > now)
            {
                local.Apply(scopes[i], entry); // learned from another instance
                standing = MemoryRevokedSessionStore.Worst(standing, entry.Standing(issued));
            }
        }

        return standing;
    }

    private static MarkEntry? Read(byte[]? value) => value is { Length: 24 }
        ? new MarkEntry(BinaryPrimitives.ReadInt64LittleEndian(value), BinaryPrimitives.ReadInt64LittleEndian(value.AsSpan(8)),
            BinaryPrimitives.ReadInt64LittleEndian(value.AsSpan(16)))
        : null;

    public async ValueTask RevokeAsync(string sessionId, DateTimeOffset until, CancellationToken cancellationToken = default)
    {
        await local.RevokeAsync(sessionId, until, cancellationToken).ConfigureAwait(false);
        var lifetime = until - timeProvider.GetUtcNow();
        if (lifetime <= TimeSpan.Zero)
        {
            return;
        }

        var value = new byte[8];
        BinaryPrimitives.WriteInt64LittleEndian(value, until.UtcTicks);
        try
        {
            await cache.SetAsync(Prefix + sessionId, value, new DistributedCacheEntryOptions { AbsoluteExpirationRelativeToNow = lifetime }, cancellationToken)
                .ConfigureAwait(false);
        }
        catch (Exception ex) when (IsCacheFailure(ex))
        {
            throw Unavailable(ex);
        }
    }

    public async ValueTask<bool> IsRevokedAsync(string sessionId, CancellationToken cancellationToken = default)
    {
        if (await local.IsRevokedAsync(sessionId, cancellationToken).ConfigureAwait(false))
        {
            return true;
        }

        byte[]? value;
        try
        {
            value = await cache.GetAsync(Prefix + sessionId, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (IsCacheFailure(ex))
        {
            throw Unavailable(ex);
        }

        if (value is not { Length: 8 } || BinaryPrimitives.ReadInt64LittleEndian(value) is var until && timeProvider.GetUtcNow().UtcTicks >= until)
        {
            return false;
        }

        // Learned from another instance: later requests of this session are refused without a cache read.
        await local.RevokeAsync(sessionId, new DateTimeOffset(until, TimeSpan.Zero), cancellationToken).ConfigureAwait(false);
        return true;
    }

    // The app's cache is the boundary: whatever it throws (its implementation is the app's) means the list cannot be
    // used now. Past this boundary only SessionCoordinationUnavailableException means that; anything else is a bug.
    private static bool IsCacheFailure(Exception exception) => exception is not OperationCanceledException;

    private static SessionCoordinationUnavailableException Unavailable(Exception exception) =>
        new("The distributed cache holding the revoked-session list is unavailable.", exception);
}
