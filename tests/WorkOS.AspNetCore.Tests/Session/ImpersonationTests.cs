using System.Net;
using WorkOS.AspNetCore.Tests.Infrastructure;

namespace WorkOS.AspNetCore.Tests.Session;

public sealed class ImpersonationTests
{
    [Fact]
    public async Task Dashboard_impersonation_through_the_sign_in_endpoint_exposes_the_impersonator()
    {
        await using var app = await AuthKitTestApp.StartAsync();
        using var browser = app.CreateBrowser();
        await browser.SignInAsync("alice@acme.com"); // an admin is signed in in this browser already
        app.Emulator.ImpersonateOnNextSignIn("bob@acme.com", "support@example.com", "Investigating a billing issue");

        // WorkOS sends the browser to the app's sign-in endpoint (initiate login URI) with no state of ours.
        var challenge = await browser.GetAsync("/auth/sign-in");
        var toCallback = await browser.GetAsync(browser.Location(challenge).ToString());
        var callback = await browser.GetAsync(browser.Location(toCallback).PathAndQuery);

        Assert.Equal(HttpStatusCode.Redirect, callback.StatusCode);
        var claims = await browser.ClaimsAsync();
        Assert.Equal(["user_bob"], claims["sub"]);
        Assert.Equal(["support@example.com"], claims["impersonator"]);
        Assert.Equal(["Investigating a billing issue"], claims["impersonator_reason"]);
        Assert.Equal(["Impersonation"], claims["authentication_method"]);

        // The impersonation survives a refresh (the act claim comes from the token).
        app.Clock.Advance(TimeSpan.FromMinutes(4) + TimeSpan.FromSeconds(45));
        Assert.Equal(["support@example.com"], (await browser.ClaimsAsync())["impersonator"]);
    }

    [Fact]
    public async Task Ordinary_sign_in_has_no_impersonator_and_carries_the_authentication_time()
    {
        await using var app = await AuthKitTestApp.StartAsync();
        using var browser = app.CreateBrowser();

        await browser.SignInAsync("alice@acme.com");

        var claims = await browser.ClaimsAsync();
        Assert.False(claims.ContainsKey("impersonator"));
        Assert.Equal([app.Clock.GetUtcNow().ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture)], claims["auth_time"]);
    }

    [Fact]
    public async Task Max_age_on_the_sign_in_endpoint_forces_a_recent_authentication()
    {
        await using var app = await AuthKitTestApp.StartAsync();
        using var browser = app.CreateBrowser();

        var challenge = await browser.GetAsync("/auth/sign-in?maxAge=300");

        Assert.Equal("300", HttpAssertions.Query(browser.Location(challenge))["max_age"]);
    }
}
