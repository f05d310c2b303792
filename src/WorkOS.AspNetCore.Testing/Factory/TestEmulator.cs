using WorkOS.AspNetCore.Emulator;

namespace WorkOS.AspNetCore.Testing.Factory;

/// <summary>The in-process emulator of an app under test: made on first use, disposed with the app's services.</summary>
internal sealed class TestEmulator(Action<WorkOSEmulatorOptions>? configure) : IAsyncDisposable
{
    private readonly Lazy<WorkOSEmulator> _emulator = new(() => WorkOSEmulator.CreateInProcess(configure), LazyThreadSafetyMode.ExecutionAndPublication);

    public WorkOSEmulator Emulator => _emulator.Value;

    public ValueTask DisposeAsync() => _emulator.IsValueCreated ? _emulator.Value.DisposeAsync() : ValueTask.CompletedTask;
}
