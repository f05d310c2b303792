using System.Collections.Concurrent;

namespace WorkOS.AspNetCore.Threading;

/// <summary>
/// One run of some work per key at a time: concurrent callers of a key share one task and its outcome (result,
/// exception or cancellation). The entry is removed as soon as the work ends, however it ends, so the next caller
/// starts a fresh run: failures are never cached.
/// </summary>
/// <remarks>
/// A caller's cancellation token ends only that caller's wait. The shared work never sees it and runs on for the
/// other callers even when every caller has left: the work bounds itself (a refresh has its own timeout), and a
/// result that arrives after its callers left is still the one the next steps (the replay store, the key cache) need.
/// </remarks>
/// <typeparam name="TKey">What tells runs apart.</typeparam>
/// <typeparam name="TResult">What a run produces.</typeparam>
internal sealed class SingleFlight<TKey, TResult>(IEqualityComparer<TKey>? comparer = null)
    where TKey : notnull
{
    private readonly ConcurrentDictionary<TKey, TaskCompletionSource<TResult>> _flights = new(comparer);

    /// <summary>The runs in progress.</summary>
    public int Count => _flights.Count;

    /// <summary>
    /// Joins the run of <paramref name="key"/> in progress, or starts <paramref name="work"/> as that run. The work
    /// starts on the calling thread and runs until its first await before this method returns.
    /// </summary>
    /// <param name="key">The key.</param>
    /// <param name="work">The work, given the key and <paramref name="state"/>.</param>
    /// <param name="state">Passed to <paramref name="work"/>, so callers need not allocate a closure.</param>
    /// <param name="cancellationToken">Ends this caller's wait only.</param>
    /// <typeparam name="TState">The type of <paramref name="state"/>.</typeparam>
    /// <returns>The shared outcome.</returns>
    public Task<TResult> RunAsync<TState>(TKey key, Func<TKey, TState, Task<TResult>> work, TState state, CancellationToken cancellationToken = default)
    {
        while (true)
        {
            if (_flights.TryGetValue(key, out var running))
            {
                return running.Task.WaitAsync(cancellationToken);
            }

            var flight = new TaskCompletionSource<TResult>(TaskCreationOptions.RunContinuationsAsynchronously);
            if (_flights.TryAdd(key, flight))
            {
                _ = FlyAsync(key, flight, work, state);
                return flight.Task.WaitAsync(cancellationToken);
            }
        }
    }

    /// <summary>The run of <paramref name="key"/> in progress, if any.</summary>
    public bool TryJoin(TKey key, out Task<TResult> run)
    {
        if (_flights.TryGetValue(key, out var running))
        {
            run = running.Task;
            return true;
        }

        run = null!;
        return false;
    }

    private async Task FlyAsync<TState>(TKey key, TaskCompletionSource<TResult> flight, Func<TKey, TState, Task<TResult>> work, TState state)
    {
        TResult result;
        try
        {
            result = await work(key, state).ConfigureAwait(false);
        }
        catch (OperationCanceledException ex)
        {
            Land(key, flight);
            flight.TrySetCanceled(ex.CancellationToken);
            return;
        }
        catch (Exception ex)
        {
            Land(key, flight);
            flight.TrySetException(ex);
            return;
        }

        Land(key, flight);
        flight.TrySetResult(result);
    }

    /// <summary>Removed before the outcome is published: a caller that sees the outcome and calls again starts a new run.</summary>
    private void Land(TKey key, TaskCompletionSource<TResult> flight) =>
        _flights.TryRemove(new KeyValuePair<TKey, TaskCompletionSource<TResult>>(key, flight));
}
