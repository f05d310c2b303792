using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using WorkOS.AspNetCore.Claims;
using WorkOS.AspNetCore.Session;
using WorkOS.AspNetCore.Testing;
using WorkOS.AspNetCore.Tests.Infrastructure;

namespace WorkOS.AspNetCore.Tests.Components;

/// <summary>
/// A circuit cannot set cookies, so after it refreshes the browser's cookie still holds the refresh token the circuit
/// started with. That cookie continues as the circuit's session only while the circuit lives. Tokens live 5 minutes,
/// the refresh buffer is 30 seconds, circuits check every 45 seconds, so one renewal of the link lasts 2 minutes.
/// </summary>
public sealed class CircuitCookieContinuationTests
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(45);
    private static readonly TimeSpan LinkLifetime = 2 * Interval + TimeSpan.FromSeconds(30);

    private static Task<AuthKitTestApp> StartAsync() =>
        AuthKitTestApp.StartAsync(services: s => s.AddWorkOSBlazorServer(o => o.RevalidationInterval = Interval));

    private static IEnumerable<EmulatorRequest> Refreshes(AuthKitTestApp app) =>
        app.Emulator.Requests.Where(r => r.Path == "/user_management/authenticate" && r.Body["grant_type"] == "refresh_token");

    /// <summary>Lets the circuits live for <paramref name="checks"/> revalidation intervals, each checking once per interval.</summary>
    private static async Task LiveAsync(AuthKitTestApp app, int checks, params TestCircuit[] circuits)
    {
        for (var i = 0; i < checks; i++)
        {
            app.Clock.Advance(Interval);
            foreach (var circuit in circuits)
            {
                Assert.True(await circuit.Provider.RevalidateAsync());
            }
        }
    }

    /// <summary>Another browser holding a copy of this browser's session cookie as it is now (a second tab's reload, or a thief).</summary>
    private static WorkOSTestClient CopyOfCookie(AuthKitTestApp app, WorkOSTestClient browser)
    {
        var copy = app.CreateBrowser();
        copy.Cookies.Add(new Cookie(WorkOSAuthKitDefaults.SessionCookieName, browser.GetCookie(WorkOSAuthKitDefaults.SessionCookieName), "/", "localhost"));
        return copy;
    }

    /// <summary>
    /// What a spent refresh token the app no longer remembers as spent gets (ten minutes after its circuit closed):
    /// WorkOS refuses it, the cookie is removed and the user is sent to sign in.
    /// </summary>
    private static void AssertSpentCookieSignedOut(AuthKitTestApp app, WorkOSTestClient browser, HttpResponseMessage response, int refreshesBefore)
    {
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/user_management/authorize", browser.Location(response).AbsolutePath);
        Assert.Null(browser.GetCookie(WorkOSAuthKitDefaults.SessionCookieName));
        var refresh = Assert.Single(Refreshes(app).Skip(refreshesBefore));
        Assert.Equal(400, refresh.StatusCode); // invalid_grant: the token was spent by the circuit's first refresh
        Assert.Contains(app.Logs.Entries, e => e.EventId.Id == 1205 && e.Message.Contains("invalid_grant"));
    }

    /// <summary>
    /// What a spent refresh token gets once nothing may be handed out for it any more, as a cookie past the replay window
    /// does: it is not revived, not spent again, and its cookie is kept (the browser may already hold the newer cookie);
    /// the request is anonymous and sent to sign in.
    /// </summary>
    private static void AssertStaleCookieNotRevived(AuthKitTestApp app, WorkOSTestClient browser, HttpResponseMessage response, int refreshesBefore)
    {
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/user_management/authorize", browser.Location(response).AbsolutePath);
        Assert.False(response.SetsSessionCookie());
        Assert.DoesNotContain(response.SetCookies(), c => c.StartsWith(WorkOSAuthKitDefaults.SessionCookieName + "=;", StringComparison.Ordinal));
        Assert.Equal(refreshesBefore, Refreshes(app).Count());
        Assert.Contains(app.Logs.Entries, e => e.EventId.Id == 1212);
    }

    [Fact]
    public async Task Old_cookie_just_after_its_circuit_closed_is_not_revived_and_a_newer_cookie_is_not_deleted()
    {
        await using var app = await StartAsync();
        using var browser = app.CreateBrowser();
        await browser.SignInAsync("alice@acme.com");
        await using var circuit = await TestCircuit.OpenAsync(app, browser);
        await LiveAsync(app, 21, circuit); // refreshes at 4:30, 9:00 and 13:30
        Assert.Equal(3, Refreshes(app).Count());

        await circuit.CloseAsync();
        var response = await browser.GetAsync("/protected");

        AssertStaleCookieNotRevived(app, browser, response, refreshesBefore: 3);
    }

    [Fact]
    public async Task Old_cookie_an_hour_after_its_circuit_closed_is_refused_by_workos_and_removed()
    {
        await using var app = await StartAsync();
        using var browser = app.CreateBrowser();
        await browser.SignInAsync("alice@acme.com");
        await using var circuit = await TestCircuit.OpenAsync(app, browser);
        await LiveAsync(app, 21, circuit);

        await circuit.CloseAsync();
        app.Clock.Advance(TimeSpan.FromHours(1));
        var response = await browser.GetAsync("/protected");

        AssertSpentCookieSignedOut(app, browser, response, refreshesBefore: 3);
    }

    [Fact]
    public async Task Circuit_lost_without_closing_stops_reviving_the_old_cookie_when_its_last_renewal_lapses()
    {
        await using var app = await StartAsync();
        using var browser = app.CreateBrowser();
        await browser.SignInAsync("alice@acme.com");
        await using var circuit = await TestCircuit.OpenAsync(app, browser);
        using var beforeLapse = CopyOfCookie(app, browser);
        using var afterLapse = CopyOfCookie(app, browser);
        await LiveAsync(app, 21, circuit);

        // The circuit checks no more (its server lost it without a close). Its last renewal still holds for a while...
        app.Clock.Advance(LinkLifetime - TimeSpan.FromSeconds(1));
        var within = await beforeLapse.GetAsync("/protected");
        Assert.Equal(HttpStatusCode.OK, within.StatusCode);
        Assert.Equal(3, Refreshes(app).Count());

        // ...and then lapses: the cookie is a spent token past its window, like any previous cookie after a refresh.
        Assert.DoesNotContain(app.Logs.Entries, e => e.EventId.Id == 1212);
        app.Clock.Advance(TimeSpan.FromSeconds(2));
        var after = await afterLapse.GetAsync("/protected");

        AssertStaleCookieNotRevived(app, afterLapse, after, refreshesBefore: 3);
        Assert.Equal(HttpStatusCode.Redirect, (await afterLapse.GetAsync("/protected")).StatusCode);
        Assert.Equal(3, Refreshes(app).Count());

        // Once the token is no longer remembered as spent, it gets what any spent refresh token gets.
        app.Clock.Advance(RefreshResultStore.SpentMemory);
        var forgotten = await afterLapse.GetAsync("/protected");
        AssertSpentCookieSignedOut(app, afterLapse, forgotten, refreshesBefore: 3);
    }

    [Fact]
    public async Task Old_cookie_is_dead_twelve_hours_after_sign_in_though_its_circuit_never_closed()
    {
        await using var app = await StartAsync();
        using var browser = app.CreateBrowser();
        await browser.SignInAsync("alice@acme.com");
        await using var circuit = await TestCircuit.OpenAsync(app, browser);
        await LiveAsync(app, 21, circuit);

        app.Clock.Advance(TimeSpan.FromHours(12) - 21 * Interval);
        var response = await browser.GetAsync("/protected");

        AssertSpentCookieSignedOut(app, browser, response, refreshesBefore: 3);
    }

    [Fact]
    public async Task Closing_one_of_two_circuits_opened_with_one_cookie_keeps_the_other_tabs_reload_signed_in()
    {
        await using var app = await StartAsync();
        using var browser = app.CreateBrowser();
        await browser.SignInAsync("alice@acme.com");
        using var lastTab = CopyOfCookie(app, browser);
        await using var first = await TestCircuit.OpenAsync(app, browser);
        await using var second = await TestCircuit.OpenAsync(app, browser);
        await LiveAsync(app, 21, first, second);
        Assert.Equal(3, Refreshes(app).Count()); // the two circuits share each refresh
        var sessionId = (await second.Provider.GetAuthenticationStateAsync()).User.GetWorkOSSessionId();

        await first.CloseAsync();
        var reload = await browser.GetAsync("/protected");

        Assert.Equal(HttpStatusCode.OK, reload.StatusCode);
        Assert.Equal(3, Refreshes(app).Count());
        Assert.Equal([sessionId!], (await browser.ClaimsAsync())["sid"]);

        // The last circuit opened with that cookie closes: from now on the cookie is spent.
        await second.CloseAsync();
        var afterLast = await lastTab.GetAsync("/protected");
        AssertStaleCookieNotRevived(app, lastTab, afterLast, refreshesBefore: 3);
    }

    [Fact]
    public async Task Circuit_whose_session_ended_does_not_leave_the_old_cookie_signed_in()
    {
        await using var app = await StartAsync();
        using var browser = app.CreateBrowser();
        await browser.SignInAsync("alice@acme.com");
        await using var circuit = await TestCircuit.OpenAsync(app, browser);
        await LiveAsync(app, 6, circuit); // one refresh, at 4:30
        Assert.Single(Refreshes(app));
        app.Emulator.RevokeSession((await circuit.Provider.GetAuthenticationStateAsync()).User.GetWorkOSSessionId()!);

        // At 9:00 the circuit's refresh is refused: it turns anonymous. The session it had linked the cookie to still has
        // an access token valid until 9:30, which must not sign the old cookie in.
        await LiveAsync(app, 5, circuit);
        app.Clock.Advance(Interval);
        Assert.False(await circuit.Provider.RevalidateAsync());
        var response = await browser.GetAsync("/protected");

        AssertStaleCookieNotRevived(app, browser, response, refreshesBefore: 2);
    }

    [Fact]
    public async Task Closing_a_circuit_that_never_refreshed_leaves_the_grace_period_of_the_cookies_own_refresh_alone()
    {
        await using var app = await StartAsync();
        using var browser = app.CreateBrowser();
        await browser.SignInAsync("alice@acme.com");
        using var lateRequest = CopyOfCookie(app, browser);
        await using var circuit = await TestCircuit.OpenAsync(app, browser);
        await LiveAsync(app, 5, circuit); // 3:45: no refresh yet

        // A page load at 4:45 refreshes over HTTP and gets the new cookie; its circuit closes; a request that left the
        // browser with the previous cookie arrives within the grace period.
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/protected")).StatusCode);
        await circuit.CloseAsync();
        var late = await lateRequest.GetAsync("/protected");

        Assert.Equal(HttpStatusCode.OK, late.StatusCode);
        Assert.Single(Refreshes(app));
    }

    [Fact]
    public async Task Revalidation_interval_over_an_hour_is_refused_at_startup()
    {
        // Such an interval would keep the older cookie of a lost circuit working for hours.
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() =>
            AuthKitTestApp.StartAsync(services: s => s.AddWorkOSBlazorServer(o => o.RevalidationInterval = TimeSpan.FromHours(2))));

        Assert.Contains("RevalidationInterval must be positive and at most 1 hour", error.Message);
    }
}
