using System.Net;
using WorkOS.AspNetCore.Tests.Infrastructure;

namespace WorkOS.AspNetCore.Tests.Sso;

/// <summary>Signing out of an SSO app: the local cookie always goes; with SSO logout, the identity provider's session too.</summary>
public sealed class SsoSignOutTests
{
    private static async Task<string> SignInAsync(SsoTestApp app, Testing.WorkOSTestClient browser)
    {
        var callback = await SsoSignInTests.CallbackUrlAsync(browser, "connection=conn_acme_saml&login_hint=alice@acme.com");
        await browser.GetAsync(callback.PathAndQuery);
        return (await browser.ClaimsAsync())["sub"].Single();
    }

    [Fact]
    public async Task Sign_out_with_sso_logout_ends_the_identity_providers_session()
    {
        await using var app = await SsoTestApp.StartAsync(options => options.UseSsoLogout = true);
        using var browser = app.CreateBrowser();
        var profileId = await SignInAsync(app, browser);

        var signOut = await browser.PostFormAsync("/sign-out", new Dictionary<string, string>());

        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);
        var logout = browser.Location(signOut);
        Assert.Equal(new Uri(app.Emulator.BaseUrl, "sso/logout").AbsoluteUri, logout.GetLeftPart(UriPartial.Path));
        Assert.False(string.IsNullOrEmpty(HttpAssertions.Query(logout)["token"].ToString()));
        var authorize = Assert.Single(app.Emulator.Requests, r => r is { Method: "POST", Path: "/sso/logout/authorize" });
        Assert.Equal(profileId, authorize.Body["profile_id"]);
        Assert.Contains(signOut.SetCookies(), c => c.StartsWith(SsoTestApp.CookieName + "=;", StringComparison.Ordinal));
        var atIdp = await browser.GetAsync(logout.ToString());
        Assert.Equal(HttpStatusCode.Redirect, atIdp.StatusCode); // the token was good: WorkOS ended the session
        Assert.Equal(HttpStatusCode.BadRequest, (await browser.GetAsync("/protected")).StatusCode); // challenged again (no selector)
        Assert.Contains(app.Logs.Entries, e => e.EventId.Id == 1966 && e.Message.Contains("True"));
    }

    [Fact]
    public async Task Sign_out_without_sso_logout_only_removes_the_apps_cookie()
    {
        await using var app = await SsoTestApp.StartAsync();
        using var browser = app.CreateBrowser();
        await SignInAsync(app, browser);

        var signOut = await browser.PostFormAsync("/sign-out", new Dictionary<string, string>());

        Assert.Equal("/signed-out", signOut.Headers.Location!.OriginalString);
        Assert.Equal(0, app.Emulator.CountRequests("POST", "/sso/logout/authorize"));
        Assert.Equal(HttpStatusCode.BadRequest, (await browser.GetAsync("/protected")).StatusCode); // challenged again (no selector)
    }

    [Fact]
    public async Task Sso_logout_that_workos_refuses_still_signs_out_locally()
    {
        await using var app = await SsoTestApp.StartAsync(options => options.UseSsoLogout = true);
        using var browser = app.CreateBrowser();
        await SignInAsync(app, browser);
        app.Emulator.InjectFault("POST", "/sso/logout/authorize", 500);

        var signOut = await browser.PostFormAsync("/sign-out", new Dictionary<string, string>());

        Assert.Equal("/signed-out", signOut.Headers.Location!.OriginalString);
        Assert.Contains(app.Logs.Entries, e => e.EventId.Id == 1967);
        Assert.Equal(HttpStatusCode.BadRequest, (await browser.GetAsync("/protected")).StatusCode); // challenged again (no selector)
    }
}
