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

        await cluster.Redis.StartAsync();
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

    [Fact]
    public async Task A_sign_out_during_a_Redis_outage_holds_at_once_where_it_was_made_and_everywhere_once_Redis_is_back()
    {
        // Tokens that outlive the test: a refused cookie is refused for the sign-out, not because its token expired.
        await cluster.Emulator.SetTokenLifetimeAsync(TimeSpan.FromMinutes(2));
        try
        {
            using var browser = cluster.NewBrowser();
            await browser.SignInAsync("bob@acme.com");
            var (here, there) = (cluster.Instances[0], cluster.Instances[1]);
            Assert.Equal(HttpStatusCode.OK, (await browser.GetMeAsync(there)).Status);
            var signedIn = browser.CookieHeader(here);

            await cluster.Redis.StopAsync();
            Assert.Equal(HttpStatusCode.Redirect, await browser.SignOutAsync(here));
            Assert.False(browser.HasSessionCookie);
            Assert.Equal(HttpStatusCode.Unauthorized, await RoundRobinBrowser.ReplayAsync(here, signedIn));
            // The documented degradation: an instance that cannot read the list accepts the cookie on its verified token.
            Assert.Equal(HttpStatusCode.OK, await RoundRobinBrowser.ReplayAsync(there, signedIn));

            await cluster.Redis.StartAsync();
            foreach (var instance in cluster.Instances)
            {
                await Eventually.HoldsAsync(async () => await browser.HealthAsync(instance) == HttpStatusCode.OK, ReconnectLimit,
                    $"{instance} reports Redis healthy again.\n{instance.Process.RecentOutput()}");
            }

            // The sign-out held through the outage is written to Redis once it is back: the other instance refuses the cookie.
            await Eventually.HoldsAsync(async () => await RoundRobinBrowser.ReplayAsync(there, signedIn) == HttpStatusCode.Unauthorized, ReconnectLimit,
                $"{there} refuses the cookie signed out on {here} during the outage.\n{here.Process.RecentOutput()}");
            Assert.Equal(HttpStatusCode.Unauthorized, await RoundRobinBrowser.ReplayAsync(here, signedIn));
        }
        finally
        {
            if (!cluster.Redis.IsRunning)
            {
                await cluster.Redis.StartAsync();
            }

            await cluster.Emulator.SetTokenLifetimeAsync(ScaleOutCluster.TokenLifetime);
        }
    }

    private static void AssertSameSession(Me first, IEnumerable<Me> answers) => Assert.All(answers, me =>
    {
        Assert.Equal(HttpStatusCode.OK, me.Status);
        Assert.Equal(first.UserId, me.UserId);
        Assert.Equal(first.SessionId, me.SessionId);
    });
}
