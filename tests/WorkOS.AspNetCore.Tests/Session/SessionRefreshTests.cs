using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using WorkOS.AspNetCore.Testing;
using WorkOS.AspNetCore.Tests.Infrastructure;

namespace WorkOS.AspNetCore.Tests.Session;

/// <summary>Transparent refresh with a controlled clock: tokens live 5 minutes, the buffer is 30 seconds.</summary>
public sealed class SessionRefreshTests
{
    private const string Refresh = "/user_management/authenticate";

    private static int RefreshCalls(AuthKitTestApp app) =>
        app.Emulator.Requests.Count(r => r.Path == Refresh && r.Body.TryGetValue("grant_type", out var g) && g == "refresh_token");

    private static string SessionCookie(WorkOSTestClient browser) => browser.GetCookie(WorkOSAuthKitDefaults.SessionCookieName)!;

    [Fact]
    public async Task Token_outside_the_buffer_is_used_without_refreshing()
    {
        await using var app = await AuthKitTestApp.StartAsync();
        using var browser = app.CreateBrowser();
        await browser.SignInAsync("alice@acme.com");

        app.Clock.Advance(TimeSpan.FromMinutes(4));
        var response = await browser.GetAsync("/protected");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(0, RefreshCalls(app));
        Assert.False(response.SetsSessionCookie());
    }

    [Fact]
    public async Task Token_within_the_buffer_is_refreshed_once_and_the_cookie_reissued()
    {
        await using var app = await AuthKitTestApp.StartAsync();
        using var browser = app.CreateBrowser();
        await browser.SignInAsync("alice@acme.com");
        var before = SessionCookie(browser);

        app.Clock.Advance(TimeSpan.FromMinutes(4) + TimeSpan.FromSeconds(40));
        var response = await browser.GetAsync("/protected");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(response.SetsSessionCookie());
        Assert.NotEqual(before, SessionCookie(browser));
        Assert.Equal(1, RefreshCalls(app));
        var refresh = app.Emulator.Requests.Single(r => r.Path == Refresh && r.Body["grant_type"] == "refresh_token");
        Assert.Equal("org_acme", refresh.Body["organization_id"]); // the session keeps its organization

        // The new token lasts another five minutes: no further refresh for a while.
        app.Clock.Advance(TimeSpan.FromMinutes(3));
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/protected")).StatusCode);
        Assert.Equal(1, RefreshCalls(app));
    }

    [Fact]
    public async Task A_twenty_second_token_is_not_refreshed_on_every_request_only_in_its_last_fifth()
    {
        await using var app = await AuthKitTestApp.StartAsync(configureEmulator: o => o.AccessTokenLifetime = TimeSpan.FromSeconds(20));
        using var browser = app.CreateBrowser();
        await browser.SignInAsync("alice@acme.com");
        var signedIn = app.Clock.GetUtcNow();

        foreach (var second in new[] { 1, 5, 10 })
        {
            app.Clock.SetUtcNow(signedIn + TimeSpan.FromSeconds(second));
            using var early = await browser.GetAsync("/protected");
            Assert.Equal(HttpStatusCode.OK, early.StatusCode);
            Assert.Equal(0, RefreshCalls(app));
        }

        app.Clock.SetUtcNow(signedIn + TimeSpan.FromSeconds(17)); // within the last 4 seconds
        using var nearExpiry = await browser.GetAsync("/protected");

        Assert.Equal(HttpStatusCode.OK, nearExpiry.StatusCode);
        Assert.True(nearExpiry.SetsSessionCookie());
        Assert.Equal(1, RefreshCalls(app));
    }

    [Fact]
    public async Task A_configured_refresh_buffer_wins_over_the_lifetime_fraction()
    {
        await using var app = await AuthKitTestApp.StartAsync(
            configure: o => o.RefreshBuffer = TimeSpan.FromSeconds(15),
            configureEmulator: o => o.AccessTokenLifetime = TimeSpan.FromSeconds(20));
        using var browser = app.CreateBrowser();
        await browser.SignInAsync("alice@acme.com");

        app.Clock.Advance(TimeSpan.FromSeconds(6));
        using var response = await browser.GetAsync("/protected");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, RefreshCalls(app));
    }

    [Fact]
    public async Task Request_that_triggers_the_refresh_already_sees_the_new_token_and_claims()
    {
        await using var app = await AuthKitTestApp.StartAsync(map: web => web.MapGet("/token", async (HttpContext context) =>
        {
            return await context.GetWorkOSAccessTokenAsync();
        }));
        using var browser = app.CreateBrowser();
        await browser.SignInAsync("bob@acme.com");
        var first = await browser.GetAsync("/token");
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var oldToken = await first.Content.ReadAsStringAsync();
        Assert.StartsWith("eyJ", oldToken, StringComparison.Ordinal);
        app.Emulator.SetUserRoles("bob@acme.com", "org_acme", "admin");

        app.Clock.Advance(TimeSpan.FromMinutes(4) + TimeSpan.FromSeconds(45));
        var claims = await browser.ClaimsAsync();

        Assert.Equal(["admin"], claims["role"]); // the role change shows after the refresh, on the same request
        Assert.Contains("users:manage", claims["permission"]);
        var newToken = await (await browser.GetAsync("/token")).Content.ReadAsStringAsync();
        Assert.NotEqual(oldToken, newToken);
        Assert.Equal(1, RefreshCalls(app));
    }

    [Fact]
    public async Task Hundred_concurrent_requests_with_an_expiring_token_make_one_refresh_and_all_succeed()
    {
        await using var app = await AuthKitTestApp.StartAsync();
        using var browser = app.CreateBrowser();
        await browser.SignInAsync("alice@acme.com");
        app.Emulator.InjectFault("POST", Refresh, 0, latency: TimeSpan.FromMilliseconds(300)); // a slow WorkOS widens the race
        app.Clock.Advance(TimeSpan.FromMinutes(4) + TimeSpan.FromSeconds(45));

        var responses = await app.Emulator.ReleasingLatencyAsync(app.Clock, TimeSpan.FromMilliseconds(300), "POST", Refresh,
            Task.WhenAll(Enumerable.Range(0, 100).Select(_ => browser.GetAsync("/protected"))));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Equal(1, RefreshCalls(app));
        Assert.DoesNotContain(responses, r => r.SetCookies().Any(c => c.StartsWith(WorkOSAuthKitDefaults.SessionCookieName + "=;", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Request_carrying_the_previous_refresh_token_stays_signed_in_without_a_second_refresh()
    {
        await using var app = await AuthKitTestApp.StartAsync();
        using var browser = app.CreateBrowser();
        await browser.SignInAsync("alice@acme.com");
        var stale = SessionCookie(browser);
        app.Clock.Advance(TimeSpan.FromMinutes(4) + TimeSpan.FromSeconds(45));
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/protected")).StatusCode); // refreshes
        var fresh = SessionCookie(browser);

        // A request that left the browser before the new cookie arrived.
        using var late = app.CreateBrowser();
        late.Cookies.Add(new Cookie(WorkOSAuthKitDefaults.SessionCookieName, stale, "/", "localhost"));
        var response = await late.GetAsync("/protected");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, RefreshCalls(app));
        Assert.DoesNotContain(response.SetCookies(), c => c.StartsWith(WorkOSAuthKitDefaults.SessionCookieName + "=;", StringComparison.Ordinal));
        // It carries the same session forward: the cookie it gets refers to the newest tokens.
        Assert.Equal(await ClaimsOf(app, fresh), await ClaimsOf(app, late.GetCookie(WorkOSAuthKitDefaults.SessionCookieName)!));
    }

    [Fact]
    public async Task Request_two_refreshes_late_is_not_revived_nor_spent_again()
    {
        await using var app = await AuthKitTestApp.StartAsync();
        using var browser = app.CreateBrowser();
        await browser.SignInAsync("alice@acme.com");
        var oldest = SessionCookie(browser);
        for (var i = 0; i < 2; i++)
        {
            app.Clock.Advance(TimeSpan.FromMinutes(4) + TimeSpan.FromSeconds(45));
            Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/protected")).StatusCode);
        }

        using var late = app.CreateBrowser();
        late.Cookies.Add(new Cookie(WorkOSAuthKitDefaults.SessionCookieName, oldest, "/", "localhost"));
        var response = await late.GetAsync("/protected");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode); // its token expired long ago: anonymous
        Assert.DoesNotContain(response.SetCookies(), c => c.StartsWith(WorkOSAuthKitDefaults.SessionCookieName, StringComparison.Ordinal));
        Assert.Equal(2, RefreshCalls(app));
    }

    [Theory]
    [InlineData(429)]
    [InlineData(500)]
    [InlineData(503)]
    public async Task Transient_refresh_failure_keeps_the_user_signed_in_while_the_token_is_valid(int status)
    {
        var failed = new List<bool>();
        await using var app = await AuthKitTestApp.StartAsync(o => o.Events.OnSessionRefreshFailed = c =>
        {
            failed.Add(c.IsTransient);
            return Task.CompletedTask;
        });
        using var browser = app.CreateBrowser();
        await browser.SignInAsync("alice@acme.com");
        app.Emulator.InjectFault("POST", Refresh, status, count: -1);
        app.Clock.Advance(TimeSpan.FromMinutes(4) + TimeSpan.FromSeconds(45));

        var response = await browser.GetAsync("/protected");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain(response.SetCookies(), c => c.StartsWith(WorkOSAuthKitDefaults.SessionCookieName, StringComparison.Ordinal));
        Assert.Equal([true], failed);

        // Backed off: the next request a second later does not call WorkOS again.
        app.Clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/protected")).StatusCode);
        Assert.Single(failed);

        // WorkOS recovers; after the backoff the refresh is retried and succeeds.
        app.Emulator.ClearFaults();
        app.Clock.Advance(TimeSpan.FromSeconds(6));
        var recovered = await browser.GetAsync("/protected");
        Assert.Equal(HttpStatusCode.OK, recovered.StatusCode);
        Assert.True(recovered.SetsSessionCookie());
    }

    [Fact]
    public async Task Retry_after_from_workos_is_honoured()
    {
        await using var app = await AuthKitTestApp.StartAsync();
        using var browser = app.CreateBrowser();
        await browser.SignInAsync("alice@acme.com");
        app.Emulator.InjectFault("POST", Refresh, 429, """{"message":"Too many requests"}""", count: 1);
        app.Clock.Advance(TimeSpan.FromMinutes(4) + TimeSpan.FromSeconds(40));
        await browser.GetAsync("/protected");
        var calls = app.Emulator.CountRequests("POST", Refresh);

        app.Clock.Advance(TimeSpan.FromSeconds(3));
        await browser.GetAsync("/protected");

        Assert.Equal(calls, app.Emulator.CountRequests("POST", Refresh));
    }

    [Fact]
    public async Task Expired_token_that_cannot_be_refreshed_is_never_used_but_the_cookie_is_kept()
    {
        await using var app = await AuthKitTestApp.StartAsync();
        using var browser = app.CreateBrowser();
        await browser.SignInAsync("alice@acme.com");
        app.Emulator.InjectFault("POST", Refresh, 503, count: -1);
        app.Clock.Advance(TimeSpan.FromMinutes(6));

        var response = await browser.GetAsync("/protected");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode); // anonymous: challenged
        Assert.Equal("/user_management/authorize", browser.Location(response).AbsolutePath);
        Assert.NotNull(browser.GetCookie(WorkOSAuthKitDefaults.SessionCookieName));

        app.Emulator.ClearFaults();
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/protected")).StatusCode);
    }

    [Fact]
    public async Task Refresh_timeout_is_transient()
    {
        await using var app = await AuthKitTestApp.StartAsync(o => o.RefreshTimeout = TimeSpan.FromMilliseconds(500));
        using var browser = app.CreateBrowser();
        await browser.SignInAsync("alice@acme.com");
        app.Emulator.InjectFault("POST", Refresh, 0, latency: TimeSpan.FromSeconds(3));
        app.Clock.Advance(TimeSpan.FromMinutes(4) + TimeSpan.FromSeconds(45));

        var pending = browser.GetAsync("/protected");
        await app.Emulator.AdvanceWhileHeldAsync(app.Clock, TimeSpan.FromMilliseconds(500), "POST", Refresh); // to the timeout, short of the latency
        var response = await pending;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(app.Logs.Entries, e => e.EventId.Id == 1204 && e.Message.Contains("timeout"));
    }

    [Theory]
    [InlineData("invalid_grant")]
    [InlineData("sso_required")]
    [InlineData("mfa_enrollment")]
    public async Task Terminal_refresh_error_signs_the_user_out_cleanly(string error)
    {
        await using var app = await AuthKitTestApp.StartAsync();
        using var browser = app.CreateBrowser();
        await browser.SignInAsync("alice@acme.com");
        app.Emulator.InjectFault("POST", Refresh, 400, $$"""{"error":"{{error}}","error_description":"The session has ended."}""");
        app.Clock.Advance(TimeSpan.FromMinutes(4) + TimeSpan.FromSeconds(45));

        var response = await browser.GetAsync("/protected");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains(response.SetCookies(), c => c.StartsWith(WorkOSAuthKitDefaults.SessionCookieName + "=;", StringComparison.Ordinal));
        Assert.Null(browser.GetCookie(WorkOSAuthKitDefaults.SessionCookieName));
        Assert.Contains(app.Logs.Entries, e => e.EventId.Id == 1205);
    }

    [Fact]
    public async Task Session_revoked_at_workos_ends_at_the_next_refresh()
    {
        await using var app = await AuthKitTestApp.StartAsync();
        using var browser = app.CreateBrowser();
        await browser.SignInAsync("alice@acme.com");
        var sid = (await browser.ClaimsAsync())["sid"].Single();
        Assert.True(app.Emulator.RevokeSession(sid));

        app.Clock.Advance(TimeSpan.FromMinutes(4) + TimeSpan.FromSeconds(45));
        var response = await browser.GetAsync("/protected");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Null(browser.GetCookie(WorkOSAuthKitDefaults.SessionCookieName));
    }

    [Fact]
    public async Task Refresh_events_are_raised_once_per_refresh()
    {
        var log = new List<string>();
        await using var app = await AuthKitTestApp.StartAsync(o =>
        {
            o.Events.OnSessionRefreshing = c => { lock (log) { log.Add("refreshing " + c.SessionId?[..7]); } return Task.CompletedTask; };
            o.Events.OnSessionRefreshed = c => { lock (log) { log.Add("refreshed " + c.TokenResponse.User.Email); } return Task.CompletedTask; };
        });
        using var browser = app.CreateBrowser();
        await browser.SignInAsync("alice@acme.com");
        app.Clock.Advance(TimeSpan.FromMinutes(4) + TimeSpan.FromSeconds(45));

        await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => browser.GetAsync("/protected")));

        Assert.Equal(["refreshing session", "refreshed alice@acme.com"], log);
    }

    private static async Task<string> ClaimsOf(AuthKitTestApp app, string sessionCookie)
    {
        using var probe = app.CreateBrowser();
        probe.Cookies.Add(new Cookie(WorkOSAuthKitDefaults.SessionCookieName, sessionCookie, "/", "localhost"));
        var claims = await probe.ClaimsAsync();
        return string.Join(";", claims["sid"]) + "|" + string.Join(",", claims["org_id"]);
    }
}
