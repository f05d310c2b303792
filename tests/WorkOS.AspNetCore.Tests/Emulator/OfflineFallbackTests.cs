using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using WorkOS.AspNetCore.ApiKeys;
using WorkOS.AspNetCore.Bearer;
using WorkOS.AspNetCore.Emulator;
using WorkOS.AspNetCore.Emulator.Integration;
using WorkOS.AspNetCore.Testing;
using WorkOS.AspNetCore.Tests.Bearer;
using WorkOS.AspNetCore.Tests.Infrastructure;

namespace WorkOS.AspNetCore.Tests.Emulator;

/// <summary>
/// <c>AddWorkOSEmulatorWhenUnconfigured()</c> is for local development: outside the Development environment an app
/// without WorkOS credentials stops at startup, with no emulator, no emulator client id and no seeded API key.
/// </summary>
public sealed class OfflineFallbackTests
{
    private const int EmulatorStarted = 2001;
    private const int FallbackOff = 2002;
    private const string SeededApiKey = "sk_acme_reports_emulator";

    [Fact]
    public async Task Production_app_without_credentials_fails_at_startup_naming_the_missing_settings_and_starts_no_emulator()
    {
        var logs = new TestLogSink();
        var port = FreeLoopbackPort();
        await using var app = BuildApp("Production", logs, port);

        var failures = await StartupFailuresAsync(app);

        Assert.Contains(failures, f => f.Contains("WorkOS:ClientId", StringComparison.Ordinal) && f.Contains("WORKOS_CLIENT_ID", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.Contains("WorkOS:ApiKey", StringComparison.Ordinal) && f.Contains("WORKOS_API_KEY", StringComparison.Ordinal));
        Assert.DoesNotContain(logs.Entries, e => e.EventId.Id == EmulatorStarted);
        Assert.Contains(logs.Entries, e => e.EventId.Id == FallbackOff && e.Level == LogLevel.Warning && e.Message.Contains("Production", StringComparison.Ordinal));
        using var probe = new TcpClient();
        await Assert.ThrowsAnyAsync<SocketException>(() => probe.ConnectAsync(IPAddress.Loopback, port));
    }

    [Fact]
    public async Task Production_api_key_scheme_does_not_accept_the_emulators_seeded_key()
    {
        var logs = new TestLogSink();
        await using var app = BuildApp("Production", logs, FreeLoopbackPort());
        using var scope = app.Services.CreateScope();
        var context = new DefaultHttpContext { RequestServices = scope.ServiceProvider };
        context.Request.Headers.Authorization = $"Bearer {SeededApiKey}";

        AuthenticateResult? result = null;
        var error = await Record.ExceptionAsync(async () => result = await context.AuthenticateAsync(WorkOSApiKeyDefaults.AuthenticationScheme));

        Assert.False(result?.Succeeded ?? false, $"The seeded key authenticated {result?.Principal?.Identity?.Name}.");
        var invalid = Assert.IsType<OptionsValidationException>(error);
        Assert.Contains("WORKOS_API_KEY", invalid.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(logs.Entries, e => e.EventId.Id == EmulatorStarted);
        Assert.Throws<InvalidOperationException>(() => app.Services.GetRequiredService<OfflineEmulator>().Emulator);
    }

    [Fact]
    public async Task Development_app_without_credentials_starts_the_emulator_signs_in_and_accepts_its_seeded_key()
    {
        var logs = new TestLogSink();
        await using var app = BuildApp("Development", logs, port: 0);
        await app.StartAsync();
        var emulator = app.Services.GetRequiredService<OfflineEmulator>().Emulator;

        using var browser = TestBrowser.Create(app.GetTestServer().CreateHandler(), emulator);
        var callback = await browser.SignInAsync("alice@acme.com");
        var me = await browser.GetAsync("/me");
        using var curl = app.GetTestServer().CreateClient();
        curl.DefaultRequestHeaders.Authorization = ChallengeAssertions.Bearer(SeededApiKey);
        var whoami = await curl.GetAsync("/api/whoami");

        Assert.Contains(logs.Entries, e => e.EventId.Id == EmulatorStarted);
        Assert.Equal("127.0.0.1", emulator.BaseUrl.Host);
        Assert.Equal(HttpStatusCode.Redirect, callback.StatusCode);
        Assert.Equal("alice@acme.com", await me.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, whoami.StatusCode);
        Assert.Equal("api_key_acme_reports", await whoami.Content.ReadAsStringAsync());
        Assert.Equal(1, emulator.CountRequests("POST", "/api_keys/validations"));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Development_fallback_serves_custom_named_AuthKit_and_the_api_schemes_whatever_the_registration_order(bool fallbackFirst)
    {
        var logs = new TestLogSink();
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Development" });
        builder.WebHost.UseTestServer();
        builder.Configuration.Sources.Clear();
        builder.Logging.ClearProviders().AddProvider(logs);
        if (fallbackFirst)
        {
            builder.Services.AddWorkOSEmulatorWhenUnconfigured();
        }

        builder.Services.AddAuthentication().AddWorkOSApiSchemes();
        builder.Services.AddAuthentication(options =>
            {
                options.DefaultScheme = "CorpCookie";
                options.DefaultChallengeScheme = "Corp";
            })
            .AddWorkOSAuthKit("Corp", "CorpCookie");
        if (!fallbackFirst)
        {
            builder.Services.AddWorkOSEmulatorWhenUnconfigured();
        }

        builder.Services.AddAuthorization();
        await using var app = builder.Build();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapWorkOSAuthKit(authenticationScheme: "Corp");
        app.MapGet("/me", (HttpContext context) => context.User.Identity?.Name ?? "").RequireAuthorization();
        app.MapGet("/api/whoami", (HttpContext context) => context.User.FindFirst(WorkOSApiKeyDefaults.KeyIdClaimType)?.Value ?? "")
            .RequireAuthorization(policy => policy.AddAuthenticationSchemes(WorkOSBearerDefaults.ApiAuthenticationScheme).RequireAuthenticatedUser());
        await app.StartAsync();
        var emulator = app.Services.GetRequiredService<OfflineEmulator>().Emulator;

        using var browser = TestBrowser.Create(app.GetTestServer().CreateHandler(), emulator, new Uri("http://localhost/"));
        await browser.SignInAsync("alice@acme.com");
        var me = await browser.GetAsync("/me");
        using var curl = app.GetTestServer().CreateClient();
        curl.DefaultRequestHeaders.Authorization = ChallengeAssertions.Bearer(SeededApiKey);
        var byKey = await curl.GetAsync("/api/whoami");
        curl.DefaultRequestHeaders.Authorization = ChallengeAssertions.Bearer(emulator.CreateAccessToken(TestTokens.AliceClaims()));
        var byToken = await curl.GetAsync("/api/whoami");

        Assert.Equal("alice@acme.com", await me.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, byKey.StatusCode);
        Assert.Equal(HttpStatusCode.OK, byToken.StatusCode);
        Assert.Equal(1, emulator.CountRequests("GET", "/sso/jwks/" + emulator.ClientId));
        Assert.Single(logs.Entries, e => e.EventId.Id == EmulatorStarted);
    }

    [Theory]
    [InlineData("Testing")]
    [InlineData("Staging")]
    [InlineData("Production")]
    public async Task In_process_test_emulator_is_explicit_and_signs_in_the_sample_whatever_the_environment(string environment)
    {
        var logs = new TestLogSink();
        await using var factory = new WebApplicationFactory<Program>()
            .WithWebHostBuilder(builder =>
            {
                builder.UseEnvironment(environment);
                builder.ConfigureLogging(logging => logging.AddProvider(logs));
            })
            .WithWorkOSEmulator();
        using var alice = factory.CreateWorkOSClient();

        await alice.SignInAsAsync("alice@acme.com");
        var me = await alice.GetFromJsonAsync<JsonElement>("/api/me");

        Assert.Equal("alice@acme.com", me.GetProperty("email").GetString());
        Assert.Equal(1, factory.GetWorkOSEmulator().CountCodeExchanges());
        Assert.DoesNotContain(logs.Entries, e => e.EventId.Id is EmulatorStarted or FallbackOff);
    }

    private static WebApplication BuildApp(string environment, TestLogSink logs, int port)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = environment });
        builder.WebHost.UseTestServer();
        builder.Configuration.Sources.Clear();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["WorkOS:Emulator:Port"] = port.ToString(CultureInfo.InvariantCulture),
        });
        builder.Logging.ClearProviders().AddProvider(logs);
        builder.Services.AddWorkOSAuthKit(builder.Configuration);
        builder.Services.AddWorkOSEmulatorWhenUnconfigured();
        builder.Services.AddAuthentication().AddWorkOSApiSchemes();
        builder.Services.AddAuthorization();

        var app = builder.Build();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapWorkOSAuthKit();
        app.MapGet("/me", (HttpContext context) => context.User.Identity?.Name ?? "").RequireAuthorization();
        app.MapGet("/api/whoami", (HttpContext context) => context.User.FindFirst(WorkOSApiKeyDefaults.KeyIdClaimType)?.Value ?? "")
            .RequireAuthorization(policy => policy.AddAuthenticationSchemes(WorkOSBearerDefaults.ApiAuthenticationScheme).RequireAuthenticatedUser());
        return app;
    }

    private static async Task<List<string>> StartupFailuresAsync(WebApplication app)
    {
        var thrown = await Assert.ThrowsAnyAsync<Exception>(() => app.StartAsync());
        var failures = (thrown is AggregateException aggregate ? aggregate.InnerExceptions : [thrown])
            .OfType<OptionsValidationException>().SelectMany(e => e.Failures).ToList();
        Assert.NotEmpty(failures);
        return failures;
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
