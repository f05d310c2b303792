using System.Buffers.Binary;
using Microsoft.Extensions.Caching.Distributed;

namespace WorkOS.AspNetCore.Session;

/// <summary>
/// The revoked-session list shared by the instances through the app's <see cref="IDistributedCache"/> (used only when
/// multi-instance coordination is on). This instance's own revocations are also kept in memory, so they hold even
/// while the cache is unreachable; any other lookup costs one cache read.
/// </summary>
internal sealed class DistributedRevokedSessionStore(IDistributedCache cache, MemoryRevokedSessionStore local, TimeProvider timeProvider)
    : IRevokedSessionStore
{
    private const string Prefix = "workos:revoked:";

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
