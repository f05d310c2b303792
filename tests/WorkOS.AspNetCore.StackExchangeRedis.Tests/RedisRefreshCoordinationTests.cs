using System.Net;
using WorkOS.AspNetCore.Testing;
using WorkOS.AspNetCore.Tests.Infrastructure;

namespace WorkOS.AspNetCore.StackExchangeRedis.Tests;

/// <summary>
/// Refreshes across two instances on one Redis: one instance claims the refresh token (SET NX PX) and spends it; the
/// other waits for the result it announces. The instances' clocks never move while they wait, so a wait that polled
/// on the clock would never end: only the announcement wakes them.
/// </summary>
[Collection(RedisCollection.Name)]
public sealed class RedisRefreshCoordinationTests(RedisServerFixture redis)
{
    private const string Authenticate = "/user_management/authenticate";
    private static readonly TimeSpan Latency = TimeSpan.FromSeconds(1);

    private static WorkOSTestClient BrowserWith(AuthKitTestApp app, string sessionCookie)
    {
        var browser = app.CreateBrowser();
        browser.Cookies.Add(new Cookie(WorkOSAuthKitDefaults.SessionCookieName, sessionCookie, "/", "localhost"));
        return browser;
    }

    private static List<EmulatorRequest> Refreshes(WorkOSEmulator emulator) =>
        [.. emulator.Requests.Where(r => r.Path == Authenticate && r.Body.TryGetValue("grant_type", out var g) && g == "refresh_token")];

    [Fact]
    public async Task Concurrent_requests_on_two_instances_for_one_expiring_session_make_one_upstream_refresh_and_all_succeed()
    {
        await using var instances = new RedisInstances(redis.Server);
        var a = await instances.StartAsync();
        var b = await instances.StartAsync();
        using var signIn = a.CreateBrowser();
        await signIn.SignInAsync("alice@acme.com");
        var cookie = signIn.GetCookie(WorkOSAuthKitDefaults.SessionCookieName)!;
        instances.Advance(RedisInstances.IntoBuffer);
        instances.Emulator.InjectFault("POST", Authenticate, 0, latency: Latency, count: -1); // a slow WorkOS widens the race

        var browsers = Enumerable.Range(0, 20).Select(i => BrowserWith(i % 2 == 0 ? a : b, cookie)).ToList();
        var requests = Task.WhenAll(browsers.Select(browser => browser.GetAsync("/protected")));
        var responses = await Eventually.CompletesAsync(
            instances.Emulator.ReleasingLatencyAsync(instances.Clock, Latency, "POST", Authenticate, requests), "the requests of both instances");

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        var refresh = Assert.Single(Refreshes(instances.Emulator)); // one upstream refresh for both instances
        Assert.Equal(200, refresh.StatusCode);
        Assert.All(responses, r => Assert.True(r.SetsSessionCookie())); // each request got the one new session
        Assert.DoesNotContain(a.Logs.Entries.Concat(b.Logs.Entries), e => e.EventId.Id is 1205 or 2107 or 1204);
        browsers.ForEach(browser => browser.Dispose());
    }

    [Fact]
    public async Task An_instance_waiting_for_the_other_ones_refresh_is_woken_by_its_announcement_and_spends_nothing()
    {
        await using var instances = new RedisInstances(redis.Server);
        var a = await instances.StartAsync();
        var b = await instances.StartAsync();
        using var signIn = a.CreateBrowser();
        await signIn.SignInAsync("alice@acme.com");
        var cookie = signIn.GetCookie(WorkOSAuthKitDefaults.SessionCookieName)!;
        instances.Advance(RedisInstances.IntoBuffer);
        instances.Emulator.InjectFault("POST", Authenticate, 0, latency: Latency, count: 1);

        using var onA = BrowserWith(a, cookie);
        using var onB = BrowserWith(b, cookie);
        var refreshing = onA.GetAsync("/protected");
        await instances.Emulator.WaitForDelayedRequestsAsync("POST", Authenticate); // A holds the claim and WorkOS holds A
        var waiting = onB.GetAsync("/protected");
        await Eventually.HoldsAsync(() => b.Logs.Entries.Any(e => e.EventId.Id == 2106), "B waiting for A's refresh");
        instances.Clock.Advance(Latency); // WorkOS answers A; B's clock stays where it is

        var answeredA = await Eventually.CompletesAsync(refreshing, "A's refresh");
        var answeredB = await Eventually.CompletesAsync(waiting, "B's wait");

        Assert.Equal(HttpStatusCode.OK, answeredA.StatusCode);
        Assert.Equal(HttpStatusCode.OK, answeredB.StatusCode);
        Assert.Single(Refreshes(instances.Emulator));
        Assert.True(answeredB.SetsSessionCookie()); // B handed its request A's new session
        Assert.Equal((await onA.ClaimsAsync())["sid"], (await onB.ClaimsAsync())["sid"]);
    }

    [Fact]
    public async Task A_refresh_that_fails_on_one_instance_gives_up_its_claim_so_the_waiting_instance_refreshes_at_once()
    {
        await using var instances = new RedisInstances(redis.Server);
        var a = await instances.StartAsync();
        var b = await instances.StartAsync();
        using var signIn = a.CreateBrowser();
        await signIn.SignInAsync("alice@acme.com");
        var cookie = signIn.GetCookie(WorkOSAuthKitDefaults.SessionCookieName)!;
        instances.Advance(RedisInstances.IntoBuffer);
        instances.Emulator.InjectFault("POST", Authenticate, 503, latency: Latency, count: 1); // A's refresh: slow, then a failure

        using var onA = BrowserWith(a, cookie);
        using var onB = BrowserWith(b, cookie);
        var failing = onA.GetAsync("/protected");
        await instances.Emulator.WaitForDelayedRequestsAsync("POST", Authenticate);
        var waiting = onB.GetAsync("/protected");
        await Eventually.HoldsAsync(() => b.Logs.Entries.Any(e => e.EventId.Id == 2106), "B waiting for A's refresh");
        instances.Clock.Advance(Latency);

        var answeredA = await Eventually.CompletesAsync(failing, "A's failed refresh");
        var answeredB = await Eventually.CompletesAsync(waiting, "B's own refresh");

        Assert.Equal(HttpStatusCode.OK, answeredA.StatusCode); // transient: A's user stays signed in on the valid token
        Assert.Equal(HttpStatusCode.OK, answeredB.StatusCode);
        Assert.True(answeredB.SetsSessionCookie()); // B refreshed once A gave the claim up, without waiting out the limit
        Assert.Equal([503, 200], Refreshes(instances.Emulator).Select(r => r.StatusCode));
        Assert.DoesNotContain(b.Logs.Entries, e => e.EventId.Id == 2107);
    }
}
