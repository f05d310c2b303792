using System.Net;
using WorkOS.AspNetCore.ScaleOut.Tests.Infrastructure;

namespace WorkOS.AspNetCore.ScaleOut.Tests;

/// <summary>An instance dies while it holds the session's refresh; the others carry the session on.</summary>
public sealed class InstanceKillTests(ThreeInstanceCluster cluster) : IClassFixture<ThreeInstanceCluster>
{
    [Fact]
    public async Task An_instance_killed_in_the_middle_of_a_refresh_loses_no_session_and_the_survivors_carry_it_on()
    {
        using var browser = cluster.NewBrowser();
        await browser.SignInAsync("alice@acme.com");
        var first = await browser.GetMeAsync();
        Assert.Equal(HttpStatusCode.OK, first.Status);
        await RefreshStormTests.WaitUntilPastAsync(first.AccessTokenExpiresAt!.Value);
        var before = await cluster.Emulator.CountRefreshesAsync();

        // WorkOS holds the next refresh; the victim's request starts it and waits.
        var victim = cluster.Instances[0];
        await cluster.Emulator.HoldRefreshesAsync(TimeSpan.FromSeconds(30));
        var mark = victim.Process.LineCount;
        var held = browser.GetMeAsync(victim);
        await victim.Process.WaitForLineAsync(
            l => l.Contains("Sending HTTP request POST", StringComparison.Ordinal) && l.Contains("/user_management/authenticate", StringComparison.Ordinal),
            TimeSpan.FromSeconds(15), mark);
        victim.Kill();
        browser.Remove(victim);
        await Assert.ThrowsAnyAsync<HttpRequestException>(() => held); // the request in flight dies with its instance

        // The survivors: the session goes on, with one user and one session, and the browser keeps its cookie.
        var survivors = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => browser.GetMeAsync()));
        Assert.All(survivors, me =>
        {
            Assert.Equal(HttpStatusCode.OK, me.Status);
            Assert.Equal("user_alice", me.UserId);
            Assert.Equal(first.SessionId, me.SessionId);
            Assert.NotEqual(victim.Name, me.Instance);
        });
        Assert.True(browser.HasSessionCookie);
        var afterKill = await cluster.Emulator.CountRefreshesAsync();
        Assert.True(afterKill.Succeeded > before.Succeeded, "The survivors did not refresh the session the victim left half done.");
        var expiresAt = survivors.Max(me => me.AccessTokenExpiresAt!.Value);
        Assert.True(expiresAt > first.AccessTokenExpiresAt!.Value);

        // And the survivors share the next refresh again: one upstream call for a storm over both.
        await RefreshStormTests.WaitUntilPastAsync(expiresAt);
        var storm = await Task.WhenAll(Enumerable.Range(0, 12).Select(_ => browser.GetMeAsync()));
        Assert.All(storm, me => Assert.Equal((HttpStatusCode.OK, first.SessionId), (me.Status, me.SessionId)));
        var afterStorm = await cluster.Emulator.CountRefreshesAsync();
        Assert.Equal(1, afterStorm.Attempted - afterKill.Attempted);
    }
}
