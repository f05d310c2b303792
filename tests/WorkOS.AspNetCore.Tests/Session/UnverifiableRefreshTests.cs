using System.Net;
using WorkOS.AspNetCore.Tests.Infrastructure;

namespace WorkOS.AspNetCore.Tests.Session;

/// <summary>
/// A refreshed access token that cannot be checked because WorkOS's signing keys are unreachable or unknown is a
/// transient failure: the new refresh token is kept, the unchecked token is never used, nobody is signed out.
/// </summary>
public sealed class UnverifiableRefreshTests
{
    private const string Jwks = "/sso/jwks/client_emulator";

    private static List<EmulatorRequest> Refreshes(AuthKitTestApp app) =>
        [.. app.Emulator.Requests.Where(r => r.Path == "/user_management/authenticate" && r.Body["grant_type"] == "refresh_token")];

    private static bool DeletesSessionCookie(HttpResponseMessage response) =>
        response.SetCookies().Any(c => c.StartsWith(WorkOSAuthKitDefaults.SessionCookieName + "=;", StringComparison.Ordinal));

    [Fact]
    public async Task Refresh_signed_with_a_key_that_cannot_be_fetched_keeps_the_new_refresh_token_and_the_session()
    {
        var failures = new List<(bool Transient, string? Code)>();
        await using var app = await AuthKitTestApp.StartAsync(o => o.Events.OnSessionRefreshFailed = c =>
        {
            lock (failures)
            {
                failures.Add((c.IsTransient, (c.Error as WorkOS.AspNetCore.Api.WorkOSApiException)?.ErrorCode));
            }

            return Task.CompletedTask;
        });
        using var browser = app.CreateBrowser();
        await browser.SignInAsync("alice@acme.com");
        var original = browser.GetCookie(WorkOSAuthKitDefaults.SessionCookieName)!;
        var sid = (await browser.ClaimsAsync())["sid"].Single();
        app.Emulator.RotateSigningKey(retireOld: false);
        app.Emulator.InjectFault("GET", Jwks, 503, count: -1);

        // In the buffer: WorkOS rotates the refresh token, but the new access token's key cannot be fetched.
        app.Clock.Advance(TimeSpan.FromMinutes(4) + TimeSpan.FromSeconds(45));
        var first = await browser.GetAsync("/protected");

        Assert.Equal(HttpStatusCode.OK, first.StatusCode); // the old token is still valid
        Assert.True(first.SetsSessionCookie()); // re-issued with the new refresh token
        Assert.Equal(sid, (await browser.ClaimsAsync())["sid"].Single());
        Assert.Single(Refreshes(app));
        var failure = Assert.Single(failures);
        Assert.True(failure.Transient);
        Assert.Contains(failure.Code, new[] { "keys_unavailable", "unknown_key" });

        // The unchecked session is never handed out: a late request with the original cookie gets nothing new.
        using (var late = app.CreateBrowser())
        {
            late.Cookies.Add(new Cookie(WorkOSAuthKitDefaults.SessionCookieName, original, "/", "localhost"));
            var replay = await late.GetAsync("/protected");
            Assert.False(replay.SetsSessionCookie());
            Assert.Single(Refreshes(app));
        }

        // The old token has expired and the keys are still unreachable: anonymous, but the cookie is kept (and re-issued).
        app.Clock.Advance(TimeSpan.FromSeconds(25));
        var expired = await browser.GetAsync("/protected");

        Assert.Equal(HttpStatusCode.Redirect, expired.StatusCode);
        Assert.Equal("/user_management/authorize", browser.Location(expired).AbsolutePath);
        Assert.False(DeletesSessionCookie(expired));
        Assert.NotNull(browser.GetCookie(WorkOSAuthKitDefaults.SessionCookieName));
        Assert.Equal(2, Refreshes(app).Count);

        // Keys are back: the next refresh spends the newest refresh token and succeeds.
        app.Emulator.ClearFaults();
        app.Clock.Advance(TimeSpan.FromMinutes(6));
        var recovered = await browser.GetAsync("/protected");

        Assert.Equal(HttpStatusCode.OK, recovered.StatusCode);
        Assert.True(recovered.SetsSessionCookie());
        Assert.Equal(sid, (await browser.ClaimsAsync())["sid"].Single());
        var refreshes = Refreshes(app);
        Assert.Equal(3, refreshes.Count);
        Assert.All(refreshes, r => Assert.Equal(200, r.StatusCode)); // never a spent token: no invalid_grant
        Assert.Equal(3, refreshes.Select(r => r.Body["refresh_token"]).Distinct().Count());
        Assert.DoesNotContain(failures, f => !f.Transient);
        Assert.DoesNotContain(app.Logs.Entries, e => e.EventId.Id == 1205);
    }
}
