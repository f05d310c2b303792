using System.Net.Http.Headers;
using System.Net;
using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using WorkOS.AspNetCore.Api;
using WorkOS.AspNetCore.ApiKeys;
using WorkOS.AspNetCore.Bearer;
using WorkOS.AspNetCore.Fga;
using WorkOS.AspNetCore.Session;
using WorkOS.AspNetCore.Testing;
using WorkOS.AspNetCore.Tests.Infrastructure;

namespace WorkOS.AspNetCore.Tests.Api;

/// <summary>
/// Secrets go to WorkOS and nowhere else. WorkOS (a real emulator on loopback) answers every call with a redirect to
/// another host (a second emulator that records what reaches it), and the app's WorkOS client is the one the library
/// registers, over real sockets: with the library's own primary handler, or with one the app configured that would
/// follow redirects. Nothing ever reaches the other host, and each caller gets a clear answer.
/// </summary>
public sealed class RedirectRefusalTests : IAsyncLifetime
{
    private const int UnexpectedRedirectEvent = 1701;
    private const string CustomerApiKey = "sk_acme_reports_emulator";

    private readonly FakeTimeProvider _clock = TestClock.StartingNow();
    private readonly TestLogSink _logs = new();
    private WorkOSEmulator _workos = null!;
    private WorkOSEmulator _elsewhere = null!;
    private WebApplication? _app;

    public static TheoryData<bool> Handlers => new() { false, true };

    public async Task InitializeAsync()
    {
        _workos = await WorkOSEmulator.StartAsync(o => o.TimeProvider = _clock);
        _elsewhere = await WorkOSEmulator.StartAsync(o => o.TimeProvider = _clock);
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }

        await _workos.DisposeAsync();
        await _elsewhere.DisposeAsync();
    }

    /// <summary>The app, on TestServer, calling the loopback emulator through the library's named client.</summary>
    private async Task<WebApplication> StartAppAsync(bool appHandlerFollowsRedirects)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Development" });
        builder.WebHost.UseTestServer();
        builder.Logging.ClearProviders().AddProvider(_logs).SetMinimumLevel(LogLevel.Debug);
        builder.Services.AddSingleton<TimeProvider>(_clock);
        builder.Services.AddSingleton<IDataProtectionProvider>(new EphemeralDataProtectionProvider());
        var baseUrl = _workos.BaseUrl.ToString().TrimEnd('/');
        builder.Services.Configure<WorkOSClientOptions>(options =>
        {
            options.ClientId = _workos.ClientId;
            options.ApiKey = _workos.ApiKey;
            options.ApiBaseUrl = baseUrl;
        });
        builder.Services.AddWorkOSAuthKit()
            .AddWorkOSBearer()
            .AddWorkOSApiKey();
        if (appHandlerFollowsRedirects)
        {
            // An app's own handler (a proxy, say), left at the framework's default of following redirects.
            builder.Services.AddHttpClient(WorkOSAuthKitDefaults.HttpClientName)
                .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { UseCookies = false });
        }

        builder.Services.AddAuthorization();
        var app = builder.Build();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapWorkOSAuthKit();
        app.MapGet("/protected", () => "ok").RequireAuthorization();
        app.MapGet("/api/key", (ClaimsPrincipal user) => user.Identity!.Name ?? "key")
            .RequireAuthorization(new AuthorizeAttribute { AuthenticationSchemes = WorkOSApiKeyDefaults.AuthenticationScheme });
        app.MapGet("/api/token", () => "token")
            .RequireAuthorization(new AuthorizeAttribute { AuthenticationSchemes = WorkOSBearerDefaults.AuthenticationScheme });
        await app.StartAsync();
        _app = app;
        return app;
    }

    private WorkOSTestClient Browser(WebApplication app) => TestBrowser.Create(app.GetTestServer().CreateHandler(), _workos);

    /// <summary>WorkOS answers <paramref name="path"/> with a redirect to the same path on the other host.</summary>
    private void RedirectElsewhere(string method, string path, string? target = null)
    {
        var location = new Uri(_elsewhere.BaseUrl, (target ?? path.TrimEnd('*')).TrimStart('/') + "?leak=1").ToString();
        _workos.InjectFault(method, path, method == "GET" ? 302 : 307, "", count: -1,
            headers: new Dictionary<string, string> { ["Location"] = location });
    }

    private void AssertNothingReachedTheOtherHost()
    {
        Assert.Empty(_elsewhere.Requests);
        Assert.Contains(_logs.Entries, e => e.EventId.Id == UnexpectedRedirectEvent && e.Message.Contains(_elsewhere.BaseUrl.Authority, StringComparison.Ordinal));
        Assert.DoesNotContain(_logs.Entries, e => e.Message.Contains("leak=1", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Handlers))]
    public async Task Code_exchange_redirected_to_another_host_sends_it_no_code_verifier_or_api_key_and_answers_502(bool appHandler)
    {
        var app = await StartAppAsync(appHandler);
        using var browser = Browser(app);
        RedirectElsewhere("POST", "/user_management/authenticate");

        var callback = await browser.SignInAsync("alice@acme.com");

        Assert.Equal(HttpStatusCode.BadGateway, callback.StatusCode);
        Assert.Contains("workos_unavailable", await callback.Content.ReadAsStringAsync());
        Assert.False(callback.SetsSessionCookie());
        Assert.Equal(1, _workos.CountRequests("POST", "/user_management/authenticate"));
        AssertNothingReachedTheOtherHost();
    }

    [Theory]
    [MemberData(nameof(Handlers))]
    public async Task Refresh_redirected_to_another_host_sends_it_no_refresh_token_and_keeps_the_session(bool appHandler)
    {
        var app = await StartAppAsync(appHandler);
        using var browser = Browser(app);
        await browser.SignInAsync("alice@acme.com");
        RedirectElsewhere("POST", "/user_management/authenticate");
        _clock.Advance(TimeSpan.FromMinutes(4) + TimeSpan.FromSeconds(45));

        var response = await browser.GetAsync("/protected");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain(response.SetCookies(), c => c.StartsWith(WorkOSAuthKitDefaults.SessionCookieName + "=;", StringComparison.Ordinal));
        Assert.Equal(2, _workos.CountRequests("POST", "/user_management/authenticate")); // the sign-in, then the refresh
        AssertNothingReachedTheOtherHost();
    }

    [Theory]
    [MemberData(nameof(Handlers))]
    public async Task Session_revoke_and_list_redirected_to_another_host_send_it_no_api_key_and_fail_clearly(bool appHandler)
    {
        var app = await StartAppAsync(appHandler);
        var sessions = app.Services.GetRequiredService<WorkOSSessionService>();
        RedirectElsewhere("POST", "/user_management/sessions/revoke");
        RedirectElsewhere("GET", "/user_management/users/*", "/user_management/users/user_alice/sessions");

        var revoke = await Assert.ThrowsAsync<WorkOSApiException>(() => sessions.RevokeAsync("session_123"));
        var list = await Assert.ThrowsAsync<WorkOSApiException>(() => sessions.ListAsync("user_alice"));

        Assert.Equal("unexpected_redirect", revoke.ErrorCode);
        Assert.True(revoke.IsTransient);
        Assert.False(revoke.IsWorkOSError);
        Assert.Equal("unexpected_redirect", list.ErrorCode);
        AssertNothingReachedTheOtherHost();
    }

    [Theory]
    [MemberData(nameof(Handlers))]
    public async Task Api_key_validation_redirected_to_another_host_sends_it_neither_key_and_answers_503(bool appHandler)
    {
        var app = await StartAppAsync(appHandler);
        using var client = app.GetTestServer().CreateClient();
        RedirectElsewhere("POST", "/api_keys/validations");

        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/key");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", CustomerApiKey);
        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal(1, _workos.CountRequests("POST", "/api_keys/validations"));
        AssertNothingReachedTheOtherHost();
    }

    [Theory]
    [MemberData(nameof(Handlers))]
    public async Task Membership_lookup_and_fga_check_redirected_to_another_host_send_it_no_api_key(bool appHandler)
    {
        var app = await StartAppAsync(appHandler);
        var fga = app.Services.GetRequiredService<WorkOSFgaClient>();
        RedirectElsewhere("GET", "/user_management/organization_memberships");
        RedirectElsewhere("POST", "/authorization/organization_memberships/*", "/authorization/organization_memberships/om_alice/check");

        var lookup = Assert.IsType<WorkOSApiException>((await fga.FindActiveMembershipIdAsync("user_alice", "org_acme", CancellationToken.None)).Failure?.Exception);
        var check = Assert.IsType<WorkOSApiException>(
            (await fga.CheckAsync("om_alice", "report:view", WorkOSResource.FromExternalId("report", "r1"), CancellationToken.None)).Failure?.Exception);

        Assert.Equal("unexpected_redirect", lookup.ErrorCode);
        Assert.Equal("unexpected_redirect", check.ErrorCode);
        AssertNothingReachedTheOtherHost();
    }

    [Theory]
    [MemberData(nameof(Handlers))]
    public async Task Signing_keys_redirected_to_another_host_are_never_fetched_there_so_its_tokens_are_refused(bool appHandler)
    {
        var app = await StartAppAsync(appHandler);
        using var client = app.GetTestServer().CreateClient();
        RedirectElsewhere("GET", "/sso/jwks/*", $"/sso/jwks/{_elsewhere.ClientId}");
        // A token the other host signed, claiming to come from WorkOS: it would verify against the other host's keys.
        var forged = _elsewhere.CreateAccessToken(new Dictionary<string, object>
        {
            ["iss"] = _workos.Options.Issuer!, ["sub"] = "user_alice", ["sid"] = "session_forged", ["org_id"] = "org_acme",
        });

        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/token");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", forged);
        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode); // the keys were never fetched
        Assert.True(_workos.CountRequests("GET", $"/sso/jwks/{_workos.ClientId}") >= 1);
        Assert.Empty(_elsewhere.Requests);
    }
}
