using Microsoft.Extensions.Logging;

namespace WorkOS.AspNetCore.Session;

/// <summary>
/// The <see cref="ISessionRefreshCoordinator"/> of <c>AddWorkOSDistributedSessionCoordination()</c>: results are kept
/// in the app's distributed cache, sealed with the shared key ring; one refresh per refresh token in each instance (as
/// in process), and across instances a claim on the token: the instance holding it spends the token, the others poll
/// for the session it keeps, on the app's <see cref="TimeProvider"/>, for at most <see cref="WaitLimit"/>, and then
/// spend the token themselves (WorkOS answers with its replay grace or <c>invalid_grant</c>, which waits once more).
/// </summary>
internal sealed class DistributedSessionRefreshCoordinator(RefreshResultStore shared, TimeProvider timeProvider,
    ILogger<DistributedSessionRefreshCoordinator> logger) : ISessionRefreshCoordinator
{
    /// <summary>How long another instance's refresh is waited for.</summary>
    internal static readonly TimeSpan WaitLimit = TimeSpan.FromSeconds(5);

    /// <summary>How often the shared store is read while waiting.</summary>
    internal static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(100);

    /// <summary>How long a claim outlives an instance that stopped before releasing it.</summary>
    private static readonly TimeSpan ClaimHold = TimeSpan.FromSeconds(30);

    private readonly InProcessSessionRefreshCoordinator _local = new(shared);

    public async ValueTask<SessionRefreshResult?> FindAsync(string refreshTokenKey, CancellationToken cancellationToken = default)
    {
        try
        {
            return await _local.FindAsync(refreshTokenKey, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (IsCacheFailure(ex))
        {
            throw Unavailable(ex);
        }
    }

    public async ValueTask KeepAsync(string refreshTokenKey, SessionRefreshResult result, TimeSpan replayWindow, CancellationToken cancellationToken = default)
    {
        try
        {
            await _local.KeepAsync(refreshTokenKey, result, replayWindow, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (IsCacheFailure(ex))
        {
            throw Unavailable(ex);
        }
    }

    /// <summary>
    /// Whatever the app's <see cref="Microsoft.Extensions.Caching.Distributed.IDistributedCache"/> throws means the
    /// store is unavailable: caches share no exception type. Only the cache's calls are inside these catches, never
    /// the library's refresh.
    /// </summary>
    private static bool IsCacheFailure(Exception exception) => exception is not (OperationCanceledException or SessionCoordinationUnavailableException);

    private static SessionCoordinationUnavailableException Unavailable(Exception exception) =>
        new("The distributed cache holding refresh results is unavailable.", exception);

    public Task<SessionRefreshResult> RefreshAsync(string refreshTokenKey, Func<Task<SessionRefreshResult>> refresh,
        CancellationToken cancellationToken = default) =>
        _local.RefreshAsync(refreshTokenKey, () => ClaimAndRefreshAsync(refreshTokenKey, refresh), cancellationToken);

    private async Task<SessionRefreshResult> ClaimAndRefreshAsync(string key, Func<Task<SessionRefreshResult>> refresh)
    {
        bool claimed;
        try
        {
            claimed = await shared.TryClaimAsync(key, ClaimHold, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex) when (IsCacheFailure(ex))
        {
            throw Unavailable(ex);
        }

        if (!claimed)
        {
            // Another instance is spending this token: wait for its result rather than spend it twice.
            if (await WaitForReplacementAsync(key).ConfigureAwait(false) is { } kept)
            {
                return kept;
            }

            logger.StoppedWaitingForOtherInstance(WaitLimit);
            return await refresh().ConfigureAwait(false);
        }

        try
        {
            return await refresh().ConfigureAwait(false);
        }
        finally
        {
            try
            {
                await shared.ReleaseClaimAsync(key).ConfigureAwait(false); // the result (or the failure) is known: nobody waits on it
            }
            catch (Exception ex) when (IsCacheFailure(ex))
            {
                logger.CoordinationFailed(null, ex); // the claim lapses after ClaimHold; the refresh's own result stands
            }
        }
    }

    public async ValueTask<SessionRefreshResult?> WaitForReplacementAsync(string refreshTokenKey, CancellationToken cancellationToken = default)
    {
        logger.WaitingForOtherInstance();
        var deadline = timeProvider.GetUtcNow() + WaitLimit;
        while (true)
        {
            if (await FindAsync(refreshTokenKey, cancellationToken).ConfigureAwait(false) is { } known)
            {
                return known;
            }

            var left = deadline - timeProvider.GetUtcNow();
            if (left <= TimeSpan.Zero)
            {
                return null;
            }

            await Task.Delay(left < PollInterval ? left : PollInterval, timeProvider, cancellationToken).ConfigureAwait(false);
            if (timeProvider.GetUtcNow() >= deadline)
            {
                return null; // decided by the clock alone, not by what the store holds at this moment
            }
        }
    }
}
