using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Playwright;

namespace WorkOS.AspNetCore.EndToEnd;

/// <summary>
/// The sample app on real Kestrel (127.0.0.1, random port), with its offline default: the AuthKit emulator on
/// loopback. Plus one headless Debian Chromium driven by Playwright.
/// </summary>
public sealed class SampleAppFixture : IAsyncLifetime
{
    private WebApplicationFactory<Program>? _factory;
    private IPlaywright? _playwright;

    public Uri AppUrl { get; private set; } = default!;

    public IBrowser Browser { get; private set; } = default!;

    public async Task InitializeAsync()
    {
        _factory = new WebApplicationFactory<Program>()
            .WithWebHostBuilder(builder =>
            {
                builder.UseEnvironment("Development");
                builder.UseSetting("WorkOS:Emulator:Port", "0");
                builder.UseSetting("WorkOS:ClientId", "");
            });
        _factory.UseKestrel(0);
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
