using System.Net;
using WorkOS.AspNetCore.ScaleOut.Tests.Infrastructure;

namespace WorkOS.AspNetCore.ScaleOut.Tests;

/// <summary>Signing out on one instance ends the session on all of them.</summary>
[Collection(ThreeInstances.Name)]
public sealed class SignOutTests(ThreeInstanceCluster cluster)
{
    [Fact]
    public async Task Sign_out_on_one_instance_is_honoured_at_once_by_the_others_when_the_old_cookie_is_replayed()
    {
        // Tokens that outlive the test: a refused cookie is refused for the sign-out, not because its token expired.
        await cluster.Emulator.SetTokenLifetimeAsync(TimeSpan.FromMinutes(2));
        try
        {
            using var browser = cluster.NewBrowser();
            await browser.SignInAsync("bob@acme.com");
            foreach (var instance in cluster.Instances)
            {
                var me = await browser.GetMeAsync(instance);
                Assert.Equal(HttpStatusCode.OK, me.Status);
                Assert.Equal("user_bob", me.UserId);
            }

            var signedIn = browser.CookieHeader(cluster.Instances[0]);
            var before = await cluster.Emulator.CountRefreshesAsync();

            var signOut = await browser.SignOutAsync(cluster.Instances[0]);

            Assert.Equal(HttpStatusCode.Redirect, signOut);
            Assert.False(browser.HasSessionCookie);
            foreach (var instance in cluster.Instances)
            {
                Assert.Equal(HttpStatusCode.Unauthorized, await RoundRobinBrowser.ReplayAsync(instance, signedIn));
                Assert.Equal(HttpStatusCode.Unauthorized, (await browser.GetMeAsync(instance)).Status);
            }

            // Refused from the shared revoked-session list, without asking WorkOS.
            Assert.Equal(before, await cluster.Emulator.CountRefreshesAsync());
        }
        finally
        {
            await cluster.Emulator.SetTokenLifetimeAsync(ScaleOutCluster.TokenLifetime);
        }
    }
}
