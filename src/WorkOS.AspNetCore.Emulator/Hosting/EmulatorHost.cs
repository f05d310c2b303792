using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace WorkOS.AspNetCore.Emulator.Hosting;

/// <summary>Builds the emulator's web application, on Kestrel (loopback only) or on a server the caller supplies (in memory).</summary>
internal static class EmulatorHost
{
    public static async Task<(WebApplication App, Uri BaseUrl)> StartKestrelAsync(EmulatorCore core, int port, CancellationToken cancellationToken)
    {
        var app = await BuildIsolatedAsync(builder => builder.WebHost.UseKestrelCore()
            .ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, port))).ConfigureAwait(false);
        EmulatorRoutes.Configure(app, core);
        try
        {
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await app.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        // Kestrel reports the bound address (the real port when 0 was asked for).
        var server = app.Services.GetRequiredService<IServer>();
        var address = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault()
            ?? throw new InvalidOperationException($"The emulator's server ({server.GetType().Name}) did not report the address it listens on.");
        return (app, new Uri(address.Replace("[::1]", "127.0.0.1", StringComparison.Ordinal).TrimEnd('/') + "/"));
    }

    /// <summary>Starts the emulator's app on the server <paramref name="useServer"/> registers, such as a TestServer.</summary>
    public static WebApplication StartOn(EmulatorCore core, Action<WebApplicationBuilder> useServer)
    {
        var app = BuildIsolatedAsync(useServer).GetAwaiter().GetResult();
        EmulatorRoutes.Configure(app, core);
        try
        {
            app.StartAsync().GetAwaiter().GetResult();
        }
        catch
        {
            app.DisposeAsync().AsTask().GetAwaiter().GetResult();
            throw;
        }

        return app;
    }

    /// <summary>
    /// Builds the emulator's app outside the caller's execution context. WebApplicationFactory recognises the app it
    /// starts by an async-local value on the thread that runs the app's entry point, and applies its own configuration
    /// (a TestServer, the test's settings) to every host built in that context while it listens. An emulator started
    /// from inside such an app, during its startup or from a test's ConfigureServices, would otherwise be built as
    /// that app: on a TestServer instead of Kestrel, or even handed to the factory in place of the app.
    /// </summary>
    private static Task<WebApplication> BuildIsolatedAsync(Action<WebApplicationBuilder> configure)
    {
        WebApplication Build()
        {
            var builder = CreateBuilder();
            configure(builder);
            return builder.Build();
        }

        if (ExecutionContext.IsFlowSuppressed())
        {
            return Task.Run(Build);
        }

        using (ExecutionContext.SuppressFlow())
        {
            return Task.Run(Build);
        }
    }

    private static WebApplicationBuilder CreateBuilder()
    {
        // An empty builder: no configuration files, environment variables or logging providers of the host app.
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { ApplicationName = typeof(EmulatorHost).Assembly.GetName().Name });
        builder.Services.AddRoutingCore();
        builder.Services.AddSingleton<IHostLifetime, EmbeddedHostLifetime>();
        return builder;
    }
}
