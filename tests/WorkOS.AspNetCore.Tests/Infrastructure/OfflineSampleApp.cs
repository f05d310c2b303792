using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using WorkOS.AspNetCore.Emulator;
using WorkOS.AspNetCore.Emulator.Integration;

namespace WorkOS.AspNetCore.Tests.Infrastructure;

/// <summary>
/// The sample app on TestServer with its offline default: no credentials, so it starts the emulator on loopback
/// (a free port). Tests reach the emulator through <see cref="Emulator"/>.
/// </summary>
public abstract class OfflineSampleApp : IAsyncLifetime
{
    protected WebApplicationFactory<Program> Factory { get; private set; } = default!;

    protected WorkOSEmulator Emulator { get; private set; } = default!;

    public Task InitializeAsync()
    {
        Factory = new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            builder.UseEnvironment("Development");
            builder.UseSetting("WorkOS:Emulator:Port", "0");
            builder.UseSetting("WorkOS:ClientId", "");
        });
        Emulator = Factory.Services.GetRequiredService<OfflineEmulator>().Emulator;
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await Factory.DisposeAsync();
}
