using WorkOS.AspNetCore.Emulator;
using WorkOS.AspNetCore.Testing;

namespace WorkOS.AspNetCore.Tests.Emulator;

/// <summary>The two ways to host the emulator; theories run against both.</summary>
public enum EmulatorMode
{
    InProcess,
    Kestrel,
}

internal static class Emulators
{
    public static TheoryData<EmulatorMode> Modes => new() { EmulatorMode.InProcess, EmulatorMode.Kestrel };

    public static async Task<WorkOSEmulator> StartAsync(EmulatorMode mode, Action<WorkOSEmulatorOptions>? configure = null) =>
        mode == EmulatorMode.Kestrel
            ? await WorkOSEmulator.StartAsync(configure)
            : WorkOSEmulator.CreateInProcess(configure);
}
