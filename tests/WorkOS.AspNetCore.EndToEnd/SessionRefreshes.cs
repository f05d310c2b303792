using Microsoft.Extensions.Logging;

namespace WorkOS.AspNetCore.EndToEnd;

/// <summary>
/// Counts the sessions the app refreshed, from its "Refreshed session" log event (1202), so a test waits for the
/// refresh it expects instead of sleeping past a token's lifetime.
/// </summary>
public sealed class SessionRefreshes : ILoggerProvider, ILogger
{
    private const int RefreshedEventId = 1202;
    private readonly Lock _gate = new();
    private readonly List<(int Count, TaskCompletionSource Done)> _waiters = [];
    private int _count;

    /// <summary>How many refreshes the app made so far.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _count;
            }
        }
    }

    /// <summary>Completes once the app has made <paramref name="count"/> refreshes; fails after <paramref name="timeout"/>.</summary>
    public Task WaitForAsync(int count, TimeSpan timeout)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            if (_count >= count)
            {
                return Task.CompletedTask;
            }

            _waiters.Add((count, done));
        }

        return done.Task.WaitAsync(timeout);
    }

    ILogger ILoggerProvider.CreateLogger(string categoryName) => this;

    IDisposable? ILogger.BeginScope<TState>(TState state) => null;

    bool ILogger.IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

    void ILogger.Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (eventId.Id != RefreshedEventId)
        {
            return;
        }

        List<TaskCompletionSource> ready;
        lock (_gate)
        {
            _count++;
            ready = [.. _waiters.Where(w => w.Count <= _count).Select(w => w.Done)];
            _waiters.RemoveAll(w => w.Count <= _count);
        }

        ready.ForEach(done => done.TrySetResult());
    }

    void IDisposable.Dispose()
    {
    }
}
