using System.Net;
using StackExchange.Redis;
using WorkOS.AspNetCore.Testing;
using WorkOS.AspNetCore.Tests.Infrastructure;

namespace WorkOS.AspNetCore.StackExchangeRedis.Tests;

/// <summary>Two instances on one Redis read each other's cookies and sessions and honour each other's sign-outs.</summary>
[Collection(RedisCollection.Name)]
public sealed class SharedSessionTests(RedisServerFixture redis)
{
    private static WorkOSTestClient BrowserWith(AuthKitTestApp app, string sessionCookie)
    {
        var browser = app.CreateBrowser();
        browser.Cookies.Add(new Cookie(WorkOSAuthKitDefaults.SessionCookieName, sessionCookie, "/", "localhost"));
        return browser;
    }

    [Fact]
    public async Task A_session_cookie_issued_by_one_instance_is_read_by_the_other_through_the_key_ring_in_redis()
    {
        await using var instances = new RedisInstances(redis.Server);
        var a = await instances.StartAsync();
        var b = await instances.StartAsync();
        using var browser = a.CreateBrowser();
        await browser.SignInAsync("alice@acme.com");

        using var onB = BrowserWith(b, browser.GetCookie(WorkOSAuthKitDefaults.SessionCookieName)!);
        var response = await onB.GetAsync("/protected");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["user_alice"], (await onB.ClaimsAsync())["sub"]);
        await using var redisClient = await ConnectionMultiplexer.ConnectAsync(redis.Server.Configuration);
        Assert.True(await redisClient.GetDatabase().ListLengthAsync(instances.KeyPrefix + "DataProtection-Keys") > 0); // the key ring lives in Redis
    }

    [Fact]
    public async Task Instances_with_their_own_key_prefix_share_no_key_ring_so_one_cannot_read_the_others_cookie()
    {
        await using var instances = new RedisInstances(redis.Server);
        var a = await instances.StartAsync();
        var other = await instances.StartAsync(o => o.KeyPrefix = "another-app-" + Guid.NewGuid().ToString("N")[..8] + ":");
        using var browser = a.CreateBrowser();
        await browser.SignInAsync("alice@acme.com");

        using var onOther = BrowserWith(other, browser.GetCookie(WorkOSAuthKitDefaults.SessionCookieName)!);
        var response = await onOther.GetAsync("/protected", r => r.Headers.Accept.ParseAdd("application/json"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Sign_out_on_one_instance_is_refused_on_the_other_at_once_while_the_access_token_is_still_valid()
    {
        await using var instances = new RedisInstances(redis.Server);
        var a = await instances.StartAsync();
        var b = await instances.StartAsync();
        using var browser = a.CreateBrowser();
        await browser.SignInAsync("alice@acme.com");
        var cookie = browser.GetCookie(WorkOSAuthKitDefaults.SessionCookieName)!;
        using var onB = BrowserWith(b, cookie);
        Assert.Equal(HttpStatusCode.OK, (await onB.GetAsync("/protected")).StatusCode);

        Assert.Equal(HttpStatusCode.Redirect, (await browser.SubmitFormAsync("/auth/sign-out", new Dictionary<string, string>())).StatusCode);
        using var replay = BrowserWith(b, cookie);
        var response = await replay.GetAsync("/protected", r => r.Headers.Accept.ParseAdd("application/json"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains(b.Logs.Entries, e => e.EventId.Id == 1213); // refused as signed out, not as unreadable
    }

    [Fact]
    public async Task A_server_side_session_stored_by_one_instance_is_read_by_the_other_and_lives_in_redis_under_the_apps_prefix()
    {
        await using var instances = new RedisInstances(redis.Server);
        var a = await instances.StartAsync(o => o.ServerSideSessions = true);
        var b = await instances.StartAsync(o => o.ServerSideSessions = true);
        using var browser = a.CreateBrowser();
        await browser.SignInAsync("alice@acme.com");
        var cookie = browser.GetCookie(WorkOSAuthKitDefaults.SessionCookieName)!;

        using var onB = BrowserWith(b, cookie);

        Assert.Equal(["user_alice"], (await onB.ClaimsAsync())["sub"]);
        await using var redisClient = await ConnectionMultiplexer.ConnectAsync(redis.Server.Configuration);
        var stored = redisClient.GetServer(redisClient.GetEndPoints()[0]).Keys(pattern: instances.KeyPrefix + "session:*").ToList();
        Assert.Single(stored); // the session lives in Redis, under the app's prefix
    }
}
