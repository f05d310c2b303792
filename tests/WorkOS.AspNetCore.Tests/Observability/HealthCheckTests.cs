using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using WorkOS.AspNetCore.Tests.Infrastructure;

namespace WorkOS.AspNetCore.Tests.Observability;

/// <summary>
/// <c>workos-jwks</c> and <c>workos-api-key</c> against the emulator: healthy, then unhealthy or degraded while WorkOS
/// fails or refuses the key, and healthy again; probes reuse recent answers instead of calling WorkOS each time.
/// </summary>
public sealed class HealthCheckTests
{
    private const string Jwks = "workos-jwks";
    private const string ApiKey = "workos-api-key";
    private const string ProbePath = "/user_management/organization_memberships";
    private static readonly TimeSpan PastLifetime = TimeSpan.FromSeconds(31);

    private static Task<AuthKitTestApp> StartAsync(Action<IServiceCollection>? services = null) => AuthKitTestApp.StartAsync(
        services: s =>
        {
            s.AddHealthChecks().AddWorkOSHealthChecks(tags: ["ready"]);
            services?.Invoke(s);
        },
        map: app => app.MapHealthChecks("/healthz"));

    private static async Task<HealthReportEntry> CheckAsync(AuthKitTestApp app, string name)
    {
        var report = await app.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync(r => r.Name == name);
        return report.Entries[name];
    }

    private static int JwksFetches(AuthKitTestApp app) => app.Emulator.Requests.Count(r => r.Path.StartsWith("/sso/jwks/", StringComparison.Ordinal));

    [Fact]
    public async Task Both_checks_are_registered_with_their_names_and_tags_and_healthz_answers_healthy()
    {
        await using var app = await StartAsync();

        var report = await app.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync();
        using var browser = app.CreateBrowser();
        var healthz = await browser.GetAsync("/healthz");

        Assert.Equal([ApiKey, Jwks], report.Entries.Keys.Order());
        Assert.All(report.Entries.Values, e => Assert.Equal(["ready", "workos"], e.Tags.Order()));
        Assert.Equal(HealthStatus.Healthy, report.Status);
        Assert.Equal(HttpStatusCode.OK, healthz.StatusCode);
        Assert.Equal("Healthy", await healthz.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_jwks_check_is_unhealthy_while_WorkOS_fails_to_serve_the_keys_and_healthy_again_after()
    {
        await using var app = await StartAsync();
        Assert.Equal(HealthStatus.Healthy, (await CheckAsync(app, Jwks)).Status);

        app.Emulator.InjectFault("GET", "/sso/jwks/*", 500, count: -1);
        app.Clock.Advance(PastLifetime);
        var failing = await CheckAsync(app, Jwks);
        using var browser = app.CreateBrowser();
        var healthz = await browser.GetAsync("/healthz");

        Assert.Equal(HealthStatus.Unhealthy, failing.Status);
        Assert.IsType<IOException>(failing.Exception);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, healthz.StatusCode);
        Assert.Contains(app.Logs.Entries, e => e.EventId.Id == 1860);

        app.Emulator.ClearFaults();
        app.Clock.Advance(PastLifetime);
        Assert.Equal(HealthStatus.Healthy, (await CheckAsync(app, Jwks)).Status);
    }

    [Fact]
    public async Task The_jwks_check_reuses_the_fetch_a_sign_in_made_and_fetches_at_most_once_per_lifetime()
    {
        await using var app = await StartAsync();
        using var browser = app.CreateBrowser();
        await browser.SignInAsync("alice@acme.com");
        Assert.Equal(1, JwksFetches(app));

        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(HealthStatus.Healthy, (await CheckAsync(app, Jwks)).Status);
        }

        Assert.Equal(1, JwksFetches(app));
        app.Clock.Advance(PastLifetime);
        Assert.Equal(HealthStatus.Healthy, (await CheckAsync(app, Jwks)).Status);
        Assert.Equal(HealthStatus.Healthy, (await CheckAsync(app, Jwks)).Status);
        Assert.Equal(2, JwksFetches(app));
    }

    [Fact]
    public async Task A_probe_fetch_is_logged_as_a_health_probe_not_as_an_unknown_key_id()
    {
        await using var app = await StartAsync();
        using var browser = app.CreateBrowser();
        await browser.SignInAsync("alice@acme.com");
        app.Clock.Advance(PastLifetime);

        Assert.Equal(HealthStatus.Healthy, (await CheckAsync(app, Jwks)).Status);

        var fetched = Assert.Single(app.Logs.Entries, e => e.EventId.Id == 1601);
        Assert.Contains("(a health probe)", fetched.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("unknown key id", fetched.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_api_key_check_is_unhealthy_when_WorkOS_refuses_the_configured_key()
    {
        await using var app = await StartAsync(s => s.Configure<WorkOSClientOptions>(o => o.ApiKey = "sk_test_not_this_app"));

        var entry = await CheckAsync(app, ApiKey);

        Assert.Equal(HealthStatus.Unhealthy, entry.Status);
        Assert.Equal("WorkOS refused the API key (401).", entry.Description);
        Assert.Equal(401, Assert.Single(app.Emulator.Requests, r => r.Path == ProbePath).StatusCode);
        Assert.Contains(app.Logs.Entries, e => e.EventId.Id == 1861);
    }

    [Fact]
    public async Task The_api_key_check_is_healthy_for_the_right_key_and_probes_reuse_its_answer_for_the_lifetime()
    {
        await using var app = await StartAsync();

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HealthStatus.Healthy, (await CheckAsync(app, ApiKey)).Status);
        }

        var probe = Assert.Single(app.Emulator.Requests, r => r.Path == ProbePath);
        Assert.Equal(200, probe.StatusCode);
        app.Clock.Advance(PastLifetime);
        Assert.Equal(HealthStatus.Healthy, (await CheckAsync(app, ApiKey)).Status);
        Assert.Equal(2, app.Emulator.CountRequests("GET", ProbePath));
    }

    [Fact]
    public async Task Concurrent_probes_share_one_call_to_WorkOS()
    {
        await using var app = await StartAsync();

        var entries = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => CheckAsync(app, ApiKey)));

        Assert.All(entries, e => Assert.Equal(HealthStatus.Healthy, e.Status));
        Assert.Equal(1, app.Emulator.CountRequests("GET", ProbePath));
    }

    [Fact]
    public async Task The_api_key_check_is_degraded_while_WorkOS_answers_503_and_healthy_again_after()
    {
        await using var app = await StartAsync();
        app.Emulator.InjectFault("GET", ProbePath, 503);

        var failing = await CheckAsync(app, ApiKey);
        Assert.Equal(HealthStatus.Degraded, failing.Status);
        Assert.Contains(app.Logs.Entries, e => e.EventId.Id == 1862);

        app.Clock.Advance(PastLifetime);
        Assert.Equal(HealthStatus.Healthy, (await CheckAsync(app, ApiKey)).Status);
    }

    [Fact]
    public async Task The_api_key_check_is_degraded_when_WorkOS_does_not_answer_within_the_timeout()
    {
        await using var app = await StartAsync();
        app.Emulator.InjectFault("GET", ProbePath, 0, latency: TimeSpan.FromSeconds(30));

        var check = CheckAsync(app, ApiKey);
        await app.Emulator.WaitForDelayedRequestsAsync("GET", ProbePath);
        app.Clock.Advance(TimeSpan.FromSeconds(6)); // past the 5 s timeout, not the 30 s delay
        var entry = await check;

        Assert.Equal(HealthStatus.Degraded, entry.Status);
        Assert.Equal("WorkOS did not answer within 5 s.", entry.Description);
    }

    [Fact]
    public async Task Without_a_client_id_or_API_key_both_checks_say_what_is_missing_and_call_nobody()
    {
        var logs = new TestLogSink();
        var services = new ServiceCollection().AddLogging(b => b.AddProvider(logs));
        services.AddHealthChecks().AddWorkOSHealthChecks();
        services.AddHttpClient(WorkOSAuthKitDefaults.HttpClientName).ConfigurePrimaryHttpMessageHandler(() => new RefusingHandler());
        await using var provider = services.BuildServiceProvider();

        var report = await provider.GetRequiredService<HealthCheckService>().CheckHealthAsync();

        Assert.Equal(HealthStatus.Unhealthy, report.Entries[ApiKey].Status);
        Assert.Equal("No WorkOS API key is configured (WorkOS:ApiKey).", report.Entries[ApiKey].Description);
        Assert.Equal(HealthStatus.Unhealthy, report.Entries[Jwks].Status);
        Assert.Equal("No WorkOS client id is configured (WorkOS:ClientId).", report.Entries[Jwks].Description);
        Assert.Equal(2, logs.Entries.Count(e => e.EventId.Id == 1863));
    }

    /// <summary>Fails any call: none may be made.</summary>
    private sealed class RefusingHandler : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("No call to WorkOS was expected.");
    }
}
