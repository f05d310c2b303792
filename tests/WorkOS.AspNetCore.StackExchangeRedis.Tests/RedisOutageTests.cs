using System.Diagnostics.Metrics;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using WorkOS.AspNetCore.Testing;
using WorkOS.AspNetCore.Testing.Redis;
using WorkOS.AspNetCore.Tests.Infrastructure;

namespace WorkOS.AspNetCore.StackExchangeRedis.Tests;

/// <summary>
/// Redis going away in the middle of a run and coming back: nobody is signed out, the health check says so, the
/// package logs and counts it, and everything is shared again once Redis returns, without restarting the app. Each
/// test has a Redis of its own (persistent, as one holding a key ring must be) that it stops and starts.
/// </summary>
public sealed class RedisOutageTests
{
    private static WorkOSTestClient BrowserWith(AuthKitTestApp app, string sessionCookie)
    {
        var browser = app.CreateBrowser();
        browser.Cookies.Add(new Cookie(WorkOSAuthKitDefaults.SessionCookieName, sessionCookie, "/", "localhost"));
        return browser;
    }

    private static async Task<HttpStatusCode> HealthAsync(AuthKitTestApp app)
    {
        using var client = app.CreateBrowser();
        return (await client.GetAsync(RedisInstances.HealthPath)).StatusCode;
    }

    private static async Task<HttpStatusCode> ProtectedAsync(AuthKitTestApp app, string cookie)
    {
        using var browser = BrowserWith(app, cookie);
        return (await browser.GetAsync("/protected", r => r.Headers.Accept.ParseAdd("application/json"))).StatusCode;
    }

    [Fact]
    public async Task Redis_stopped_mid_run_signs_nobody_out_turns_the_health_check_unhealthy_is_logged_and_counted_and_recovers_when_it_returns()
    {
        await using var redis = await RedisServerProcess.StartNewAsync(persistent: true);
        await using var instances = new RedisInstances(redis);
        var a = await instances.StartAsync();
        var b = await instances.StartAsync();
        using var unavailable = new MetricCollector<long>(b.Services.GetRequiredService<IMeterFactory>(), "WorkOS.AspNetCore", "workos.redis.unavailable");
        using var browser = a.CreateBrowser();
        await browser.SignInAsync("alice@acme.com");
        var cookie = browser.GetCookie(WorkOSAuthKitDefaults.SessionCookieName)!;
        Assert.Equal(HttpStatusCode.OK, await HealthAsync(b));
        Assert.Equal(HttpStatusCode.OK, await ProtectedAsync(b, cookie));

        await redis.StopAsync();

        Assert.Equal(HttpStatusCode.OK, await ProtectedAsync(b, cookie)); // not signed out by the outage
        Assert.Equal(HttpStatusCode.ServiceUnavailable, await HealthAsync(b));
        Assert.Contains(b.Logs.Entries, e => e.EventId.Id == 2101);
        Assert.Contains(unavailable.GetMeasurementSnapshot(), m => m.Value > 0 && m.Tags.ContainsKey("workos.redis.operation"));

        // A refresh while Redis is away: single flight on this instance, the user stays signed in with the new session.
        instances.Advance(RedisInstances.IntoBuffer);
        var refreshed = await browser.GetAsync("/protected");
        Assert.Equal(HttpStatusCode.OK, refreshed.StatusCode);
        Assert.True(refreshed.SetsSessionCookie());
        Assert.Equal(1, instances.Emulator.CountRefreshes());
        Assert.Contains(a.Logs.Entries, e => e.EventId.Id == 2108);
        var newCookie = browser.GetCookie(WorkOSAuthKitDefaults.SessionCookieName)!;

        await redis.StartAsync();

        await Eventually.HoldsAsync(async () => await HealthAsync(b) == HttpStatusCode.OK, "the health check healthy again");
        Assert.Contains(b.Logs.Entries, e => e.EventId.Id == 2102);
        Assert.Equal(HttpStatusCode.OK, await ProtectedAsync(b, newCookie)); // the key ring survived: B reads A's newest cookie
        Assert.Equal(1, instances.Emulator.CountRefreshes());
    }

    [Fact]
    public async Task Sign_out_while_redis_is_away_is_refused_on_its_instance_at_once_and_on_the_others_once_redis_is_back()
    {
        await using var redis = await RedisServerProcess.StartNewAsync(persistent: true);
        await using var instances = new RedisInstances(redis);
        var a = await instances.StartAsync();
        var b = await instances.StartAsync();
        using var browser = a.CreateBrowser();
        await browser.SignInAsync("alice@acme.com");
        var cookie = browser.GetCookie(WorkOSAuthKitDefaults.SessionCookieName)!;
        Assert.Equal(HttpStatusCode.OK, await ProtectedAsync(b, cookie));

        await redis.StopAsync();
        Assert.Equal(HttpStatusCode.Redirect, (await browser.SubmitFormAsync("/auth/sign-out", new Dictionary<string, string>())).StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, await ProtectedAsync(a, cookie)); // this instance's own sign-out holds through the outage
        Assert.Equal(HttpStatusCode.OK, await ProtectedAsync(b, cookie)); // the other cannot know yet: accepted on its verified token
        Assert.Contains(a.Logs.Entries, e => e.EventId.Id == 2103);

        await redis.StartAsync();

        // The held sign-out is written before the held marks and the log line that counts both, so the other instance can
        // refuse the cookie a moment before 2104 is logged: wait for both.
        await Eventually.HoldsAsync(async () => await HealthAsync(a) == HttpStatusCode.OK && await ProtectedAsync(b, cookie) == HttpStatusCode.Unauthorized
                && a.Logs.Entries.Any(e => e.EventId.Id == 2104),
            "the sign-out reaching the other instance once Redis is back, and its sharing logged");
        Assert.Contains(b.Logs.Entries, e => e.EventId.Id == 1213);
    }

    [Fact]
    public async Task A_server_side_session_is_anonymous_while_redis_is_away_keeps_its_cookie_and_reads_again_when_redis_returns()
    {
        await using var redis = await RedisServerProcess.StartNewAsync(persistent: true);
        await using var instances = new RedisInstances(redis);
        var a = await instances.StartAsync(o => o.ServerSideSessions = true);
        using var browser = a.CreateBrowser();
        await browser.SignInAsync("alice@acme.com");
        var cookie = browser.GetCookie(WorkOSAuthKitDefaults.SessionCookieName)!;

        await redis.StopAsync();
        var during = await browser.GetAsync("/protected", r => r.Headers.Accept.ParseAdd("application/json"));

        Assert.Equal(HttpStatusCode.Unauthorized, during.StatusCode); // never a 500
        Assert.DoesNotContain(during.SetCookies(), c => c.StartsWith(WorkOSAuthKitDefaults.SessionCookieName + "=", StringComparison.Ordinal));
        Assert.Equal(cookie, browser.GetCookie(WorkOSAuthKitDefaults.SessionCookieName));
        Assert.Contains(a.Logs.Entries, e => e.EventId.Id == 2109);

        await redis.StartAsync();

        await Eventually.HoldsAsync(async () => await ProtectedAsync(a, cookie) == HttpStatusCode.OK, "the session reading again once Redis is back");
    }

    [Fact]
    public async Task A_server_side_session_signed_in_while_redis_is_away_works_on_its_instance_and_on_the_others_once_redis_is_back()
    {
        await using var redis = await RedisServerProcess.StartNewAsync(persistent: true);
        await using var instances = new RedisInstances(redis);
        var a = await instances.StartAsync(o => o.ServerSideSessions = true);
        var b = await instances.StartAsync(o => o.ServerSideSessions = true);
        Assert.Equal(HttpStatusCode.OK, await HealthAsync(a)); // the key ring is in Redis before it goes away
        await redis.StopAsync();

        using var browser = a.CreateBrowser();
        await browser.SignInAsync("alice@acme.com"); // no 500: the session is held on A
        var cookie = browser.GetCookie(WorkOSAuthKitDefaults.SessionCookieName)!;

        Assert.Equal(["user_alice"], (await browser.ClaimsAsync())["sub"]);
        Assert.Equal(HttpStatusCode.Unauthorized, await ProtectedAsync(b, cookie)); // B cannot read it yet, and keeps the cookie
        Assert.Contains(a.Logs.Entries, e => e.EventId.Id == 2110);

        await redis.StartAsync();

        await Eventually.HoldsAsync(async () => await HealthAsync(a) == HttpStatusCode.OK && await ProtectedAsync(b, cookie) == HttpStatusCode.OK,
            "the session held on A reaching B once Redis is back");
    }

    [Fact]
    public async Task An_app_started_while_redis_is_away_with_a_connection_that_aborts_on_failure_connects_once_redis_is_up()
    {
        await using var redis = await RedisServerProcess.StartNewAsync(persistent: true);
        await redis.StopAsync();
        await using var instances = new RedisInstances(redis);
        var a = await instances.StartAsync(o =>
        {
            o.Configuration = null;
            o.ConfigurationOptions = StackExchange.Redis.ConfigurationOptions.Parse(redis.Configuration);
            o.ConfigurationOptions.AbortOnConnectFail = true; // the first connect throws while Redis is away
            o.ConfigurationOptions.ConnectTimeout = 1000;
        });

        Assert.Equal(HttpStatusCode.ServiceUnavailable, await HealthAsync(a));
        await redis.StartAsync();

        await Eventually.HoldsAsync(async () => await HealthAsync(a) == HttpStatusCode.OK, "the app connecting once Redis is up");
        using var browser = a.CreateBrowser();
        await browser.SignInAsync("alice@acme.com");
        Assert.Equal(["user_alice"], (await browser.ClaimsAsync())["sub"]);
    }
}
