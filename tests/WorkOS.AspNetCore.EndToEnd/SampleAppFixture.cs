using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Playwright;
using WorkOS.AspNetCore.Authentication;

namespace WorkOS.AspNetCore.EndToEnd;

/// <summary>
/// The sample app on real Kestrel (127.0.0.1, random port), with its offline default: the AuthKit emulator on
/// loopback. Plus one headless Debian Chromium driven by Playwright.
/// </summary>
public class SampleAppFixture : IAsyncLifetime
{
    private WebApplicationFactory<Program>? _factory;
    private IPlaywright? _playwright;

    public Uri AppUrl { get; private set; } = default!;

    public IBrowser Browser { get; private set; } = default!;

    public IServiceProvider Services => _factory!.Services;

    /// <summary>The sessions the app has refreshed.</summary>
    public SessionRefreshes Refreshes { get; } = new();

    /// <summary>The emulator the sample started, as its WorkOS options point at it.</summary>
    public WorkOSAuthKitOptions WorkOS => Services.GetRequiredService<IOptionsMonitor<WorkOSAuthKitOptions>>().Get(WorkOSAuthKitDefaults.AuthenticationScheme);

    /// <summary>The emulator the sample started, as its WorkOS client settings point at it.</summary>
    public Uri EmulatorUrl => new(Services.GetRequiredService<IOptionsMonitor<WorkOSClientOptions>>().CurrentValue.ApiBaseUrl!);

    /// <summary>Extra configuration of the sample, as <c>key=value</c> settings.</summary>
    protected virtual IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string>();

    public async Task InitializeAsync()
    {
        _factory = new WebApplicationFactory<Program>()
            .WithWebHostBuilder(builder =>
            {
                builder.UseEnvironment("Development");
                builder.UseUrls("http://127.0.0.1:0");
                builder.UseSetting("WorkOS:Emulator:Port", "0");
                builder.UseSetting("WorkOS:ClientId", "");
                builder.ConfigureLogging(logging => logging.AddProvider(Refreshes));
                foreach (var (key, value) in Settings)
                {
                    builder.UseSetting(key, value);
                }
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

/// <summary>The sample with access tokens that live 4 seconds, refreshed 1 second before they expire.</summary>
public sealed class ShortTokenSampleFixture : SampleAppFixture
{
    protected override IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string>
    {
        ["WorkOS:Emulator:AccessTokenLifetime"] = "00:00:04",
        ["WorkOS:RefreshBuffer"] = "00:00:01",
    };
}

/// <summary>The sample with 4-second access tokens and Blazor circuits that revalidate every second.</summary>
public sealed class BlazorSampleFixture : SampleAppFixture
{
    protected override IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string>
    {
        ["WorkOS:Emulator:AccessTokenLifetime"] = "00:00:04",
        ["WorkOS:RefreshBuffer"] = "00:00:01",
        ["WorkOS:Blazor:RevalidationInterval"] = "00:00:01",
    };
}
