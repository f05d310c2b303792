using Microsoft.Extensions.Logging;
using WorkOS.AspNetCore.Emulator;
using WorkOS.AspNetCore.Tests.Infrastructure;

namespace WorkOS.AspNetCore.Tests.Emulator;

/// <summary>A Kestrel-hosted emulator with its control API on, as the <c>workos-emulator</c> tool runs it, and its log.</summary>
internal sealed class ControlApiHost : IAsyncDisposable
{
    private readonly ILoggerFactory _loggers;

    private ControlApiHost(WorkOSEmulator emulator, TestLogSink log, ILoggerFactory loggers)
    {
        Emulator = emulator;
        Log = log;
        _loggers = loggers;
        Client = new AuthKitClient(emulator);
    }

    public WorkOSEmulator Emulator { get; }

    public TestLogSink Log { get; }

    public AuthKitClient Client { get; }

    public HttpClient Http => Client.Http;

    public static async Task<ControlApiHost> StartAsync(bool enableControlApi = true)
    {
        var log = new TestLogSink();
        var loggers = LoggerFactory.Create(builder => builder.AddProvider(log).SetMinimumLevel(LogLevel.Trace));
        var emulator = await WorkOSEmulator.StartAsync(options =>
        {
            options.EnableControlApi = enableControlApi;
            options.LoggerFactory = loggers;
        });
        return new ControlApiHost(emulator, log, loggers);
    }

    public IEnumerable<int> EventIds => Log.Entries.Select(e => e.EventId.Id);

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Emulator.DisposeAsync();
        _loggers.Dispose();
    }
}
