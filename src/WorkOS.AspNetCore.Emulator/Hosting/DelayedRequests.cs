namespace WorkOS.AspNetCore.Emulator.Hosting;

/// <summary>
/// How many requests started waiting out an injected latency, per method and path, and the callers waiting for them: a test on a fake
/// clock learns here when a request is held, so it knows when advancing the clock releases it.
/// </summary>
internal sealed class DelayedRequests
{
    private readonly Lock _gate = new();
    private readonly Dictionary<(string Method, string Path), int> _delayed = [];
    private readonly List<Waiter> _waiters = [];

    /// <summary>Records a request whose latency timer is running.</summary>
    public void Add(string method, string path)
    {
        List<Waiter> done;
        lock (_gate)
        {
            _delayed[(method, path)] = _delayed.GetValueOrDefault((method, path)) + 1;
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
        _delayed.Where(d => PathPattern.MethodMatches(method, d.Key.Method) && PathPattern.Matches(path, d.Key.Path)).Sum(d => d.Value);

    private sealed record Waiter(string Method, string Path, int Count, TaskCompletionSource Completion);
}
