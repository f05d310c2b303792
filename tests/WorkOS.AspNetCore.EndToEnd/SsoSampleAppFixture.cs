using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Playwright;
using SsoProgram = WorkOS.AspNetCore.SsoSample.Program;

namespace WorkOS.AspNetCore.EndToEnd;

/// <summary>
/// The SSO-only sample on real Kestrel (127.0.0.1, random port), with its offline default: the emulator on loopback
/// with its seeded SSO connections and outbox. Plus one headless Debian Chromium driven by Playwright.
/// </summary>
public sealed class SsoSampleAppFixture : IAsyncLifetime
{
    private WebApplicationFactory<SsoProgram>? _factory;
    private IPlaywright? _playwright;

    public Uri AppUrl { get; private set; } = default!;

    public IBrowser Browser { get; private set; } = default!;

    /// <summary>The emulator the sample started, as its WorkOS client settings point at it.</summary>
    public Uri EmulatorUrl => new(_factory!.Services.GetRequiredService<IOptionsMonitor<WorkOSClientOptions>>().CurrentValue.ApiBaseUrl!);

    public async Task InitializeAsync()
    {
        _factory = new WebApplicationFactory<SsoProgram>()
            .WithWebHostBuilder(builder =>
            {
                builder.UseEnvironment("Development");
                builder.UseUrls("http://127.0.0.1:0");
                builder.UseSetting("WorkOS:Emulator:Port", "0");
                builder.UseSetting("WorkOS:ClientId", "");
            });
        _factory.UseKestrel();
        _factory.StartServer();
        AppUrl = new Uri(_factory.ClientOptions.BaseAddress.ToString().Replace("localhost", "127.0.0.1", StringComparison.Ordinal));

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
        });
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }

        _playwright?.Dispose();
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }
    }
}
