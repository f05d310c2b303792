using System.Net;
using WorkOS.AspNetCore.ScaleOut.Tests.Infrastructure;

namespace WorkOS.AspNetCore.ScaleOut.Tests;

/// <summary>One browser session alternating between three instances while its access token keeps expiring.</summary>
[Collection(ThreeInstances.Name)]
public sealed class RefreshStormTests(ThreeInstanceCluster cluster)
{
    private const int Expiries = 3;
    private const int RequestsPerStorm = 24;

    [Fact]
    public async Task A_storm_of_requests_over_three_instances_after_each_expiry_spends_one_refresh_and_signs_nobody_out()
    {
        using var browser = cluster.NewBrowser();
        await browser.SignInAsync("alice@acme.com");
        var first = await browser.GetMeAsync();
        Assert.Equal(HttpStatusCode.OK, first.Status);
        Assert.Equal("user_alice", first.UserId);
        var expiresAt = first.AccessTokenExpiresAt!.Value;

        for (var expiry = 1; expiry <= Expiries; expiry++)
        {
            var before = await cluster.Emulator.CountRefreshesAsync();
            await WaitUntilPastAsync(expiresAt);

            // Right after expiry, many requests at once, each instance getting its share: every one needs the refresh.
            var storm = await Task.WhenAll(Enumerable.Range(0, RequestsPerStorm).Select(_ => browser.GetMeAsync()));

            var after = await cluster.Emulator.CountRefreshesAsync();
            Assert.All(storm, me =>
            {
                Assert.Equal(HttpStatusCode.OK, me.Status);
                Assert.Equal("user_alice", me.UserId);
                Assert.Equal(first.SessionId, me.SessionId);
            });
            Assert.Equal(cluster.Instances.Select(i => i.Name).Order(), storm.Select(me => me.Instance!).Distinct().Order());
            Assert.True(after.Attempted - before.Attempted == 1 && after.Succeeded - before.Succeeded == 1,
                $"Expiry {expiry}: WorkOS saw {after.Attempted - before.Attempted} refreshes ({after.Succeeded - before.Succeeded} answered 200) for one expiry.\n"
                + string.Join('\n', cluster.Instances.Select(i => i.Process.RecentOutput(15))));
            Assert.True(browser.HasSessionCookie);

            var next = storm.Select(me => me.AccessTokenExpiresAt!.Value).Distinct().ToList();
            Assert.Single(next); // every instance answered with the one refreshed session
            Assert.True(next[0] > expiresAt);
            expiresAt = next[0];
        }
    }

    /// <summary>Waits, on real time (these are real processes), until a moment just past <paramref name="moment"/>.</summary>
    internal static async Task WaitUntilPastAsync(DateTime moment)
    {
        var wait = moment.ToUniversalTime() - DateTime.UtcNow + TimeSpan.FromMilliseconds(200);
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait);
        }
    }
}
