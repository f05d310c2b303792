namespace WorkOS.AspNetCore.Emulator.Hosting;

/// <summary>
/// The requests that started waiting out an injected latency, and the callers waiting for them: a test on a fake
/// clock learns here when a request is held, so it knows when advancing the clock releases it.
/// </summary>
internal sealed class DelayedRequests
{
    private readonly Lock _gate = new();
    private readonly List<(string Method, string Path)> _delayed = [];
    private readonly List<Waiter> _waiters = [];

    /// <summary>Records a request whose latency timer is running.</summary>
    public void Add(string method, string path)
    {
        List<Waiter> done;
        lock (_gate)
        {
            _delayed.Add((method, path));
            done = _waiters.FindAll(w => CountLocked(w.Method, w.Path) >= w.Count);
            _waiters.RemoveAll(done.Contains);
        }

        foreach (var waiter in done)
        {
            waiter.Completion.TrySetResult();
        }
    }

    /// <summary>Completes once <paramref name="count"/> matching requests have started their latency.</summary>
    public Task WaitAsync(string method, string path, int count, CancellationToken cancellationToken)
    {
        Waiter waiter;
        lock (_gate)
        {
            if (CountLocked(method, path) >= count)
            {
                return Task.CompletedTask;
            }

            waiter = new Waiter(method, path, count, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
            _waiters.Add(waiter);
        }

        return waiter.Completion.Task.WaitAsync(cancellationToken);
    }

    private int CountLocked(string method, string path) =>
        _delayed.Count(d => PathPattern.MethodMatches(method, d.Method) && PathPattern.Matches(path, d.Path));

    private sealed record Waiter(string Method, string Path, int Count, TaskCompletionSource Completion);
}
