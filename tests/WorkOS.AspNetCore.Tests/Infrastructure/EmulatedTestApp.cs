using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Time.Testing;
using WorkOS.AspNetCore.Emulator;

namespace WorkOS.AspNetCore.Tests.Infrastructure;

/// <summary>
/// An app on TestServer against an in-process emulator, with a manual clock and a log sink: what the scheme-specific
/// test apps share. Disposing it stops the app, then the emulator.
/// </summary>
public abstract class EmulatedTestApp(WebApplication app, WorkOSEmulator emulator, FakeTimeProvider clock, TestLogSink logs) : IAsyncDisposable
{
    public WebApplication App { get; } = app;

    public WorkOSEmulator Emulator { get; } = emulator;

    public FakeTimeProvider Clock { get; } = clock;

    public TestLogSink Logs { get; } = logs;

    public virtual async ValueTask DisposeAsync()
    {
        await App.DisposeAsync();
        await Emulator.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}
