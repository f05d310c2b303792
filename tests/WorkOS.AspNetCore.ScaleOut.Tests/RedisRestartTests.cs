using System.Net;
using WorkOS.AspNetCore.ScaleOut.Tests.Infrastructure;

namespace WorkOS.AspNetCore.ScaleOut.Tests;

/// <summary>Redis goes away and comes back (with its data on disk, as in production) in the middle of a session.</summary>
public sealed class RedisRestartTests(PersistentRedisCluster cluster) : IClassFixture<PersistentRedisCluster>
{
    private static readonly TimeSpan ReconnectLimit = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_Redis_restart_loses_no_session_requests_are_served_during_the_outage_and_sharing_resumes_after()
    {
        using var browser = cluster.NewBrowser();
        await browser.SignInAsync("carol@globex.com");
        var first = await browser.GetMeAsync();
        Assert.Equal((HttpStatusCode.OK, "user_carol"), (first.Status, first.UserId));
        foreach (var instance in cluster.Instances)
        {
            Assert.Equal(HttpStatusCode.OK, await browser.HealthAsync(instance));
        }

        await cluster.Redis.StopAsync();

        // The outage: every instance still serves the session (on its verified access token), and says Redis is down.
        var during = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => browser.GetMeAsync()));
        AssertSameSession(first, during);
        foreach (var instance in cluster.Instances)
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, await browser.HealthAsync(instance));
        }

        // A token that expires during the outage is refreshed by each instance on its own: nobody is signed out.
        var beforeOutageRefresh = await cluster.Emulator.CountRefreshesAsync();
        await RefreshStormTests.WaitUntilPastAsync(during.Max(me => me.AccessTokenExpiresAt!.Value));
        var outageStorm = await Task.WhenAll(Enumerable.Range(0, 12).Select(_ => browser.GetMeAsync()));
        AssertSameSession(first, outageStorm);
        var afterOutageRefresh = await cluster.Emulator.CountRefreshesAsync();
        Assert.InRange(afterOutageRefresh.Attempted - beforeOutageRefresh.Attempted, 1, cluster.Instances.Count); // single flight per instance
        Assert.True(browser.HasSessionCookie);

        await cluster.Redis.StartAgainAsync();
        foreach (var instance in cluster.Instances)
        {
            await Eventually.HoldsAsync(async () => await browser.HealthAsync(instance) == HttpStatusCode.OK, ReconnectLimit,
                $"{instance} reports Redis healthy again.\n{instance.Process.RecentOutput()}");
        }

        // Back to shared: the session goes on, one refresh per expiry for a storm over every instance.
        var back = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => browser.GetMeAsync()));
        AssertSameSession(first, back);
        var beforeStorm = await cluster.Emulator.CountRefreshesAsync();
        await RefreshStormTests.WaitUntilPastAsync(back.Max(me => me.AccessTokenExpiresAt!.Value));
        var storm = await Task.WhenAll(Enumerable.Range(0, 12).Select(_ => browser.GetMeAsync()));
        AssertSameSession(first, storm);
        var afterStorm = await cluster.Emulator.CountRefreshesAsync();
        Assert.Equal(1, afterStorm.Attempted - beforeStorm.Attempted);

        // The key ring survived the restart: an instance started now, with nothing but Redis, reads the session cookie.
        var late = await cluster.StartInstanceAsync("late");
        var fromLate = await browser.GetMeAsync(late);
        Assert.Equal((HttpStatusCode.OK, first.SessionId, "late"), (fromLate.Status, fromLate.SessionId, fromLate.Instance));
    }

    private static void AssertSameSession(Me first, IEnumerable<Me> answers) => Assert.All(answers, me =>
    {
        Assert.Equal(HttpStatusCode.OK, me.Status);
        Assert.Equal(first.UserId, me.UserId);
        Assert.Equal(first.SessionId, me.SessionId);
    });
}
