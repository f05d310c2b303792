using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace WorkOS.AspNetCore.Testing.Hosting;

/// <summary>Builds the emulator's web application, on Kestrel (loopback only) or on a TestServer.</summary>
internal static class EmulatorHost
{
    public static readonly Uri InProcessBaseUrl = new("http://workos-emulator.test/");

    public static async Task<(WebApplication App, Uri BaseUrl)> StartKestrelAsync(EmulatorCore core, int port, CancellationToken cancellationToken)
    {
        var builder = CreateBuilder();
        ListenOptions? listener = null;
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, port, listen => listener = listen));
        var app = builder.Build();
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

        // Kestrel reports the bound address (the real port when 0 was asked for); the listen options hold it too.
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault()
            ?? (listener?.IPEndPoint is { Port: > 0 } bound ? $"http://{bound}" : null)
            ?? throw new InvalidOperationException("Kestrel did not report the address it listens on.");
        return (app, new Uri(address.Replace("[::1]", "127.0.0.1", StringComparison.Ordinal).TrimEnd('/') + "/"));
    }

    public static (WebApplication App, TestServer Server) StartInProcess(EmulatorCore core)
    {
        var builder = CreateBuilder();
        builder.WebHost.UseTestServer(options => options.BaseAddress = InProcessBaseUrl);
        var app = builder.Build();
        EmulatorRoutes.Configure(app, core);
        app.StartAsync().GetAwaiter().GetResult();
        return (app, app.GetTestServer());
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
