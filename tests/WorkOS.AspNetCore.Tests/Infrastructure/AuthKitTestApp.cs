using System.Security.Claims;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using WorkOS.AspNetCore.Authentication;
using WorkOS.AspNetCore.Emulator;
using WorkOS.AspNetCore.Testing;

namespace WorkOS.AspNetCore.Tests.Infrastructure;

/// <summary>
/// An app using the library on TestServer, wired to an in-process emulator, with a controllable clock and a log
/// sink. Endpoints: <c>/protected</c> (requires a user; answers the claims as JSON), <c>/public</c>,
/// <c>/antiforgery-token</c> (the request token a page would render into its forms), and the library's <c>/auth/*</c> endpoints.
/// </summary>
public sealed class AuthKitTestApp : IAsyncDisposable
{
    private readonly bool _ownsEmulator;

    private AuthKitTestApp(WebApplication app, WorkOSEmulator emulator, FakeTimeProvider clock, TestLogSink logs, bool ownsEmulator)
    {
        _ownsEmulator = ownsEmulator;
        App = app;
        Emulator = emulator;
        Clock = clock;
        Logs = logs;
    }

    public WebApplication App { get; }

    public WorkOSEmulator Emulator { get; }

    public FakeTimeProvider Clock { get; }

    public TestLogSink Logs { get; }

    public IServiceProvider Services => App.Services;

    public static async Task<AuthKitTestApp> StartAsync(
        Action<WorkOSAuthKitOptions>? configure = null,
        Action<WorkOSEmulatorOptions>? configureEmulator = null,
        Action<IServiceCollection>? services = null,
        Action<WebApplication>? map = null,
        FakeTimeProvider? emulatorClock = null,
        IDataProtectionProvider? dataProtection = null,
        WorkOSEmulator? sharedEmulator = null,
        string environment = "Development",
        string? pathBase = null)
    {
        var clock = TestClock.StartingNow();
        var emulator = sharedEmulator ?? WorkOSEmulator.CreateInProcess(options =>
        {
            options.TimeProvider = emulatorClock ?? clock;
            configureEmulator?.Invoke(options);
        });
        var logs = new TestLogSink();

        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = environment });
        builder.WebHost.UseTestServer();
        builder.Logging.ClearProviders().AddProvider(logs).SetMinimumLevel(LogLevel.Debug);
        builder.Services.AddSingleton<TimeProvider>(clock);
        // Each app its own key ring, unless a test shares one on purpose (instances behind a load balancer).
        builder.Services.AddSingleton(dataProtection ?? new EphemeralDataProtectionProvider());
        builder.Services.Configure<WorkOSClientOptions>(options =>
        {
            options.ClientId = emulator.ClientId;
            options.ApiKey = emulator.ApiKey;
            options.ApiBaseUrl = emulator.BaseUrl.ToString().TrimEnd('/');
        });
        builder.Services.AddWorkOSAuthKit(configure);
        builder.Services.AddHttpClient(WorkOSAuthKitDefaults.HttpClientName).ConfigurePrimaryHttpMessageHandler(emulator.CreateHandler);
        builder.Services.AddAuthorization();
        services?.Invoke(builder.Services);

        var app = builder.Build();
        if (pathBase is not null)
        {
            app.UsePathBase(pathBase);
        }

        app.UseAuthentication();
        app.UseAuthorization();
        app.MapWorkOSAuthKit();
        app.MapGet("/public", () => "public");
        app.MapGet(TestBrowser.AntiforgeryTokenPath, (HttpContext context) =>
            Results.Text(context.RequestServices.GetRequiredService<IAntiforgery>().GetAndStoreTokens(context).RequestToken!));
        app.MapGet("/protected", (ClaimsPrincipal user) => Results.Json(user.Claims
                .GroupBy(c => c.Type)
                .ToDictionary(g => g.Key, g => g.Select(c => c.Value).ToArray())))
            .RequireAuthorization();
        map?.Invoke(app);
        await app.StartAsync();
        return new AuthKitTestApp(app, emulator, clock, logs, sharedEmulator is null);
    }

    /// <summary>A browser of this app; <paramref name="appBase"/> (default <c>http://localhost/</c>) sets its scheme and host.</summary>
    public WorkOSTestClient CreateBrowser(Uri? appBase = null) => TestBrowser.Create(App.GetTestServer().CreateHandler(), Emulator, appBase);

    public async ValueTask DisposeAsync()
    {
        await App.DisposeAsync();
        if (_ownsEmulator)
        {
            await Emulator.DisposeAsync();
        }
    }
}
