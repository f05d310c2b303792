using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace WorkOS.AspNetCore.Tests.Reliability;

/// <summary>
/// Counts log entries that show an exception escaping or an error being logged (an exception attached, or level
/// Error and above), so the fuzzer can tie each one to the case that caused it.
/// </summary>
internal sealed class ErrorLogWatch : ILoggerProvider
{
    private readonly ConcurrentQueue<string> _entries = new();

    public int Count => _entries.Count;

    public IReadOnlyList<string> Entries => _entries.ToArray();

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(ErrorLogWatch watch, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (exception is not null || logLevel >= LogLevel.Error)
            {
                watch._entries.Enqueue($"{logLevel} {category} [{eventId.Id}] {formatter(state, exception)} {exception?.GetType().Name}: {exception?.Message}");
            }
        }
    }
}
