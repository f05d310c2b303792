using WorkOS.AspNetCore.Threading;

namespace WorkOS.AspNetCore.Session;

/// <summary>
/// The default <see cref="ISessionRefreshCoordinator"/>: one refresh per refresh token in this instance, however many
/// requests carry it, and the results kept in <paramref name="results"/> (this instance's memory unless a
/// multi-instance coordinator hands it a shared store). Never waits for anyone but the refresh it joined.
/// </summary>
internal sealed class InProcessSessionRefreshCoordinator(RefreshResultStore results) : ISessionRefreshCoordinator
{
    private readonly SingleFlight<string, SessionRefreshResult> _flights = new(StringComparer.Ordinal);

    /// <summary>The refreshes in progress.</summary>
    internal int InFlight => _flights.Count;

    public async ValueTask<SessionRefreshResult?> FindAsync(string refreshTokenKey, CancellationToken cancellationToken = default)
    {
        var known = await results.GetAsync(refreshTokenKey).ConfigureAwait(false);
        return known.Kind switch
        {
            ReplayKind.Replay => SessionRefreshResult.Replaced(known.Response!, known.Token!),
            ReplayKind.Stale => SessionRefreshResult.Spent,
            _ => null,
        };
    }

    public async ValueTask KeepAsync(string refreshTokenKey, SessionRefreshResult result, TimeSpan replayWindow, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (result.Response is { } response)
        {
            await results.SetAsync(refreshTokenKey, response, replayWindow).ConfigureAwait(false);
        }
        else
        {
            await results.SetSpentAsync(refreshTokenKey).ConfigureAwait(false);
        }
    }

    public Task<SessionRefreshResult> RefreshAsync(string refreshTokenKey, Func<Task<SessionRefreshResult>> refresh,
        CancellationToken cancellationToken = default) =>
        _flights.RunAsync(refreshTokenKey, static (_, run) => run(), refresh, cancellationToken);

    public ValueTask<SessionRefreshResult?> WaitForReplacementAsync(string refreshTokenKey, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult<SessionRefreshResult?>(null);
}
