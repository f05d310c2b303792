using System.Net;
using Microsoft.Extensions.Options;
using WorkOS.AspNetCore.Testing;
using WorkOS.AspNetCore.Tests.Infrastructure;

namespace WorkOS.AspNetCore.Tests.Session;

/// <summary>
/// A request that still carries the previous refresh token gets the session that replaced it only within the replay
/// window (30 s), only while the replacement's access token is valid, and only one rotation back.
/// </summary>
public sealed class ReplayWindowTests
{
    private static readonly TimeSpan IntoBuffer = TimeSpan.FromMinutes(4) + TimeSpan.FromSeconds(45);

    private static int RefreshCalls(AuthKitTestApp app) =>
        app.Emulator.Requests.Count(r => r.Path == "/user_management/authenticate" && r.Body["grant_type"] == "refresh_token");

    private static string SessionCookie(WorkOSTestClient browser) => browser.GetCookie(WorkOSAuthKitDefaults.SessionCookieName)!;

    private static WorkOSTestClient BrowserWith(AuthKitTestApp app, string sessionCookie)
    {
        var browser = app.CreateBrowser();
        browser.Cookies.Add(new Cookie(WorkOSAuthKitDefaults.SessionCookieName, sessionCookie, "/", "localhost"));
        return browser;
    }

    private static bool DeletesSessionCookie(HttpResponseMessage response) =>
        response.SetCookies().Any(c => c.StartsWith(WorkOSAuthKitDefaults.SessionCookieName + "=;", StringComparison.Ordinal));

    [Fact]
    public async Task Previous_cookie_after_the_replay_window_is_not_revived_nor_spent_again_and_is_not_deleted()
    {
        await using var app = await AuthKitTestApp.StartAsync();
        using var browser = app.CreateBrowser();
        await browser.SignInAsync("alice@acme.com");
        var previous = SessionCookie(browser);
        app.Clock.Advance(IntoBuffer);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/protected")).StatusCode); // refreshes

        app.Clock.Advance(TimeSpan.FromSeconds(31)); // past the window; the previous cookie's own token has expired
        using var late = BrowserWith(app, previous);
        var response = await late.GetAsync("/protected");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode); // anonymous: challenged
        Assert.Equal("/user_management/authorize", late.Location(response).AbsolutePath);
        Assert.False(response.SetsSessionCookie());
        Assert.False(DeletesSessionCookie(response)); // the browser may already hold the newer cookie
        Assert.Equal(1, RefreshCalls(app));
        Assert.Contains(app.Logs.Entries, e => e.EventId.Id == 1212);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/protected")).StatusCode); // the current cookie works
    }

    [Fact]
    public async Task Previous_cookie_within_the_window_gets_the_replacement_once_the_window_is_configured_shorter_it_does_not()
    {
        await using var app = await AuthKitTestApp.StartAsync(o => o.RefreshGracePeriod = TimeSpan.FromSeconds(5));
        using var browser = app.CreateBrowser();
        await browser.SignInAsync("alice@acme.com");
        var previous = SessionCookie(browser);
        app.Clock.Advance(IntoBuffer);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/protected")).StatusCode);

        app.Clock.Advance(TimeSpan.FromSeconds(4));
        using var inWindow = BrowserWith(app, previous);
        var replayed = await inWindow.GetAsync("/protected");
        app.Clock.Advance(TimeSpan.FromSeconds(2));
        using var afterWindow = BrowserWith(app, previous);
        var refused = await afterWindow.GetAsync("/protected");

        Assert.Equal(HttpStatusCode.OK, replayed.StatusCode);
        Assert.True(replayed.SetsSessionCookie());
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode); // its own token has 9 s left: used as is, not replaced
        Assert.False(refused.SetsSessionCookie());
        Assert.Equal(1, RefreshCalls(app));
    }

    [Fact]
    public async Task Cookie_two_rotations_old_is_not_revived_even_within_the_window()
    {
        await using var app = await AuthKitTestApp.StartAsync();
        using var browser = app.CreateBrowser();
        await browser.SignInAsync("alice@acme.com");
        var oldest = SessionCookie(browser);
        app.Clock.Advance(IntoBuffer);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/protected")).StatusCode); // rotation 1
        var switched = await browser.SubmitFormAsync("/auth/switch-organization", new Dictionary<string, string> { ["organizationId"] = "org_globex" });
        Assert.Equal(HttpStatusCode.Redirect, switched.StatusCode); // rotation 2

        using var late = BrowserWith(app, oldest);
        var response = await late.GetAsync("/protected");

        // Its own access token (10 s left) still serves this request, in its own organization; nothing newer is handed out.
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(response.SetsSessionCookie());
        Assert.Equal(["org_acme"], (await late.ClaimsAsync())["org_id"]);
        Assert.Equal(2, RefreshCalls(app));

        app.Clock.Advance(TimeSpan.FromSeconds(15)); // its token has expired
        var expired = await late.GetAsync("/protected");
        Assert.Equal(HttpStatusCode.Redirect, expired.StatusCode);
        Assert.False(DeletesSessionCookie(expired));
        Assert.Equal(2, RefreshCalls(app));
        Assert.Equal(["org_globex"], (await browser.ClaimsAsync())["org_id"]);
    }

    [Fact]
    public async Task Replacement_whose_access_token_has_expired_is_never_handed_out()
    {
        await using var app = await AuthKitTestApp.StartAsync();
        using var browser = app.CreateBrowser();
        await browser.SignInAsync("alice@acme.com");
        var previous = SessionCookie(browser);
        app.Emulator.SetAccessTokenLifetime(TimeSpan.FromSeconds(20));
        app.Clock.Advance(IntoBuffer);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/protected")).StatusCode); // the replacement lives 20 s

        app.Clock.Advance(TimeSpan.FromSeconds(25)); // within the window, after the replacement's expiry
        using var late = BrowserWith(app, previous);
        var response = await late.GetAsync("/protected");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.False(response.SetsSessionCookie());
        Assert.Equal(1, RefreshCalls(app));
    }

    [Theory]
    [InlineData(121)]
    [InlineData(-1)]
    public async Task Replay_window_outside_zero_to_two_minutes_is_refused_at_startup(int seconds)
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() =>
            AuthKitTestApp.StartAsync(o => o.RefreshGracePeriod = TimeSpan.FromSeconds(seconds)));

        Assert.Contains("RefreshGracePeriod", error.Message);
    }
}
