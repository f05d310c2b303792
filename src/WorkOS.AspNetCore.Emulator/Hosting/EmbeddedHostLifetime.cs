using Microsoft.Extensions.Hosting;

namespace WorkOS.AspNetCore.Emulator.Hosting;

/// <summary>
/// A host lifetime that leaves Ctrl+C and SIGTERM to the process that embeds the emulator (the default console
/// lifetime would swallow them to stop only the emulator).
/// </summary>
internal sealed class EmbeddedHostLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
