using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace WorkOS.AspNetCore.Tests.Events;

/// <summary>A logger provider that lets a test wait for the first entry with an event id, instead of polling the log.</summary>
internal sealed class LogWatch : ILoggerProvider
{
    private readonly ConcurrentDictionary<int, TaskCompletionSource> _seen = new();

    /// <summary>Completes once an entry with <paramref name="eventId"/> was logged (at once if one already was).</summary>
    public Task WaitForAsync(int eventId) => Completion(eventId).Task.WaitAsync(EventsReaderTestApp.Timeout);

    public ILogger CreateLogger(string categoryName) => new Logger(this);

    public void Dispose()
    {
    }

    private TaskCompletionSource Completion(int eventId) =>
        _seen.GetOrAdd(eventId, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));

    private sealed class Logger(LogWatch watch) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            watch.Completion(eventId.Id).TrySetResult();
    }
}
