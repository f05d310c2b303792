using System.Net;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using WorkOS.AspNetCore.Bearer;
using WorkOS.AspNetCore.Testing;
using WorkOS.AspNetCore.Tests.Bearer;
using WorkOS.AspNetCore.Tests.Infrastructure;

namespace WorkOS.AspNetCore.Tests.Tokens;

/// <summary>
/// WorkOS rotates its signing keys or its JWKS endpoint fails, while anonymous bearer traffic sprays made-up key ids:
/// signed-in users stay signed in, sign-ins keep working, and the keys are fetched exactly as often as they must be.
/// One app with the session cookie for pages and the bearer scheme for <c>/api/me</c>, sharing one key cache; tokens live
/// 5 minutes and unknown key ids from callers fetch the keys at most once per 5 minutes (the default).
/// </summary>
public sealed class KeyRotationTests
{
    private const string Jwks = "/sso/jwks/*";
    private const int SignInRefusedEvent = 1004;
    private const int KeysFetchFailedEvent = 1602;

    [Fact]
    public async Task A_flood_of_unknown_kids_cannot_stop_a_sign_in_or_a_refresh_from_fetching_rotated_keys()
    {
        await using var app = await StartAsync();
        using var alice = app.CreateBrowser();
        await alice.SignInAsync("alice@acme.com");
        Assert.Equal(1, app.Emulator.CountRequests("GET", Jwks));

        // Anonymous callers spray made-up key ids: one fetch, then the bearer throttle holds for 5 minutes.
        await FloodAsync(app, "flood_a");
        Assert.Equal(2, app.Emulator.CountRequests("GET", Jwks));

        // WorkOS rotates. A sign-in within the throttle window brings a token signed with the new key: it fetches.
        app.Emulator.RotateSigningKey();
        using var bob = app.CreateBrowser();
        var signedIn = await bob.SignInAsync("bob@acme.com");
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.True(signedIn.SetsSessionCookie());
        Assert.Equal(["user_bob"], (await bob.ClaimsAsync())["sub"]);
        Assert.Equal(3, app.Emulator.CountRequests("GET", Jwks));

        // More spraying right after (callers are throttled by that fetch too), then WorkOS rotates again and Alice's
        // token reaches its refresh window, still inside the callers' 5 minutes.
        await FloodAsync(app, "flood_b");
        app.Emulator.RotateSigningKey();
        app.Clock.Advance(TimeSpan.FromMinutes(4) + TimeSpan.FromSeconds(45));
        await FloodAsync(app, "flood_c");
        Assert.Equal(3, app.Emulator.CountRequests("GET", Jwks));

        var refreshed = await alice.GetAsync("/protected");

        Assert.Equal(HttpStatusCode.OK, refreshed.StatusCode);
        Assert.True(refreshed.SetsSessionCookie());
        Assert.Equal(1, app.Emulator.CountRefreshes());
        Assert.Equal(4, app.Emulator.CountRequests("GET", Jwks));
        Assert.Equal(["user_alice"], (await alice.ClaimsAsync())["sub"]);

        // The refreshed token works as a bearer token too, from the keys that refresh fetched.
        Assert.Equal(HttpStatusCode.OK, (await BearerAsync(app, await TokenAsync(alice))).StatusCode);
        Assert.Equal(4, app.Emulator.CountRequests("GET", Jwks));
    }

    [Fact]
    public async Task Concurrent_sign_ins_after_a_rotation_share_one_key_fetch()
    {
        await using var app = await StartAsync();
        using (var first = app.CreateBrowser())
        {
            await first.SignInAsync("alice@acme.com");
        }

        app.Emulator.RotateSigningKey();
        app.Emulator.InjectFault("GET", Jwks, 0, latency: TimeSpan.FromMilliseconds(300)); // a slow fetch widens the race
        var browsers = Enumerable.Range(0, 8).Select(_ => app.CreateBrowser()).ToArray();

        var callbacks = await app.Emulator.ReleasingLatencyAsync(app.Clock, TimeSpan.FromMilliseconds(300), "GET", Jwks,
            Task.WhenAll(browsers.Select(b => b.SignInAsync("bob@acme.com"))));

        Assert.All(callbacks, c => Assert.True(c.SetsSessionCookie()));
        Assert.Equal(2, app.Emulator.CountRequests("GET", Jwks));
        foreach (var browser in browsers)
        {
            browser.Dispose();
        }
    }

    [Fact]
    public async Task A_jwks_outage_with_the_key_unchanged_keeps_bearer_and_cookie_users_working()
    {
        await using var app = await StartAsync();
        using var alice = app.CreateBrowser();
        await alice.SignInAsync("alice@acme.com");
        var token = await TokenAsync(alice);
        app.Emulator.InjectFault("GET", Jwks, 503, count: -1);

        Assert.Equal(HttpStatusCode.OK, (await BearerAsync(app, token)).StatusCode);
        app.Clock.Advance(TimeSpan.FromMinutes(4) + TimeSpan.FromSeconds(45));
        var refreshed = await alice.GetAsync("/protected");
        Assert.Equal(HttpStatusCode.OK, refreshed.StatusCode);
        Assert.True(refreshed.SetsSessionCookie());
        Assert.Equal(1, app.Emulator.CountRefreshes());
        Assert.Equal(HttpStatusCode.OK, (await BearerAsync(app, await TokenAsync(alice))).StatusCode);
        Assert.Equal(1, app.Emulator.CountRequests("GET", Jwks)); // nothing needed fetching
    }

    [Fact]
    public async Task A_failed_key_fetch_does_not_throttle_the_next_one()
    {
        await using var app = await StartAsync();
        using var alice = app.CreateBrowser();
        await alice.SignInAsync("alice@acme.com");
        var token = await TokenAsync(alice);
        app.Emulator.InjectFault("GET", Jwks, 503, count: -1);

        // An unknown kid during the outage tries a fetch, which fails: it could not be checked (503), and is not let in.
        var during = await BearerAsync(app, Forged(app, "kid_during_outage"));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, during.StatusCode);
        Assert.Equal(2, app.Emulator.CountRequests("GET", Jwks));
        Assert.Contains(app.Logs.Entries, e => e.EventId.Id == KeysFetchFailedEvent && e.Level == LogLevel.Warning);

        // Right after, callers wait out a short back-off instead of one fetch per request; known keys keep working.
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await BearerAsync(app, Forged(app, "kid_right_after"))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await BearerAsync(app, token)).StatusCode);
        Assert.Equal(2, app.Emulator.CountRequests("GET", Jwks));

        // WorkOS is back. The failed fetch did not start the 5-minute throttle: after the back-off, the next unknown kid
        // fetches at once (and, the keys now being fresh, is refused as unknown).
        app.Emulator.ClearFaults();
        app.Clock.Advance(TimeSpan.FromSeconds(5));
        var after = await BearerAsync(app, Forged(app, "kid_after_outage"));
        Assert.Equal("The access token is signed with a key WorkOS does not publish.", after.AssertInvalidToken());
        Assert.Equal(3, app.Emulator.CountRequests("GET", Jwks));

        // That fetch succeeded, so it does throttle callers.
        (await BearerAsync(app, Forged(app, "kid_later"))).AssertInvalidToken();
        Assert.Equal(3, app.Emulator.CountRequests("GET", Jwks));
    }

    [Theory]
    [InlineData("""{"keys":[]}""")]
    [InlineData("""{}""")]
    [InlineData("<html><body>Service temporarily unavailable</body></html>")]
    public async Task A_jwks_answer_without_usable_keys_does_not_replace_the_known_keys(string body)
    {
        await using var app = await StartAsync();
        using var alice = app.CreateBrowser();
        await alice.SignInAsync("alice@acme.com");
        var token = await TokenAsync(alice);
        app.Emulator.InjectFault("GET", Jwks, 200, body, count: -1);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await BearerAsync(app, Forged(app, "kid_unknown"))).StatusCode);
        Assert.Equal(2, app.Emulator.CountRequests("GET", Jwks));

        Assert.Equal(HttpStatusCode.OK, (await BearerAsync(app, token)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await alice.GetAsync("/protected")).StatusCode);
    }

    [Fact]
    public async Task A_sign_in_after_a_rotation_during_a_jwks_outage_answers_502_and_works_once_WorkOS_is_back()
    {
        await using var app = await StartAsync();
        using (var first = app.CreateBrowser())
        {
            await first.SignInAsync("alice@acme.com");
        }

        app.Emulator.RotateSigningKey();
        app.Emulator.InjectFault("GET", Jwks, 503, count: -1);
        using var bob = app.CreateBrowser();

        var refused = await bob.SignInAsync("bob@acme.com");

        await AssertUnavailableAsync(app, bob, refused);
        Assert.Contains(app.Logs.Entries, e => e.EventId.Id == KeysFetchFailedEvent && e.Level == LogLevel.Warning);

        // WorkOS is back: the next sign-in fetches the keys at once (no back-off for tokens from WorkOS) and succeeds.
        app.Emulator.ClearFaults();
        var fetchesBefore = app.Emulator.CountRequests("GET", Jwks);
        var signedIn = await bob.SignInAsync("bob@acme.com");
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.True(signedIn.SetsSessionCookie());
        Assert.Equal(["user_bob"], (await bob.ClaimsAsync())["sub"]);
        Assert.Equal(fetchesBefore + 1, app.Emulator.CountRequests("GET", Jwks));
    }

    [Fact]
    public async Task A_sign_in_while_the_keys_were_never_fetched_and_cannot_be_answers_502()
    {
        await using var app = await StartAsync();
        app.Emulator.InjectFault("GET", Jwks, 503, count: -1);
        using var alice = app.CreateBrowser();

        var refused = await alice.SignInAsync("alice@acme.com");

        await AssertUnavailableAsync(app, alice, refused);
        app.Emulator.ClearFaults();
        Assert.True((await alice.SignInAsync("alice@acme.com")).SetsSessionCookie());
    }

    [Fact]
    public async Task A_token_from_WorkOS_signed_by_a_key_it_does_not_publish_stays_token_invalid()
    {
        await using var app = await StartAsync();
        using (var first = app.CreateBrowser())
        {
            await first.SignInAsync("alice@acme.com");
        }

        // WorkOS signs with a new key but its JWKS still lists only the old one: the keys were fetched and lack it.
        app.Emulator.RotateSigningKey();
        var (oldJwks, _) = await TestTokens.JwksAsync(app.Emulator);
        app.Emulator.RotateSigningKey(retireOld: true);
        app.Emulator.InjectFault("GET", Jwks, 200, oldJwks, count: -1);
        using var bob = app.CreateBrowser();

        var refused = await bob.SignInAsync("bob@acme.com");

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.False(refused.SetsSessionCookie());
        Assert.Contains("token_invalid", await refused.Content.ReadAsStringAsync());
        Assert.Contains(app.Logs.Entries, e => e.EventId.Id == SignInRefusedEvent && e.Message.Contains("token_invalid")
            && e.Message.Contains("a key WorkOS does not publish", StringComparison.Ordinal));
    }

    private static async Task AssertUnavailableAsync(AuthKitTestApp app, WorkOSTestClient browser, HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.False(response.SetsSessionCookie());
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains("workos_unavailable", body);
        Assert.DoesNotContain("token_invalid", body);
        Assert.DoesNotContain(" at WorkOS.", body);
        Assert.Contains(app.Logs.Entries, e => e.EventId.Id == SignInRefusedEvent && e.Message.Contains("workos_unavailable"));
        Assert.Equal(HttpStatusCode.Redirect, (await browser.GetAsync("/protected")).StatusCode); // still anonymous
    }

    private static Task<AuthKitTestApp> StartAsync() => AuthKitTestApp.StartAsync(
        services: services => services.AddAuthentication().AddWorkOSBearer(),
        map: web =>
        {
            web.MapGet("/token", async (HttpContext context) =>
            {
                return await context.GetWorkOSAccessTokenAsync();
            }).RequireAuthorization();
            web.MapGet("/api/me", () => "me")
                .RequireAuthorization(new AuthorizeAttribute { AuthenticationSchemes = WorkOSBearerDefaults.AuthenticationScheme });
        });

    private static async Task<string> TokenAsync(WorkOSTestClient browser)
    {
        var response = await browser.GetAsync("/token");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    private static async Task<HttpResponseMessage> BearerAsync(AuthKitTestApp app, string token)
    {
        using var client = app.App.GetTestServer().CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/me");
        request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + token);
        return await client.SendAsync(request);
    }

    private static string Forged(AuthKitTestApp app, string kid) =>
        TestTokens.SignWithForeignKey(TestTokens.ForgeryClaims(app.Emulator, app.Clock), kid);

    /// <summary>Fifty concurrent anonymous requests, each with a made-up key id; every one is refused.</summary>
    private static async Task FloodAsync(AuthKitTestApp app, string prefix)
    {
        var responses = await Task.WhenAll(Enumerable.Range(0, 50).Select(i => BearerAsync(app, Forged(app, $"{prefix}_{i}"))));
        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Unauthorized, r.StatusCode));
    }
}
