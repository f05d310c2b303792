using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.Logging;
using WorkOS.AspNetCore.Authentication;
using WorkOS.AspNetCore.Emulator;
using WorkOS.AspNetCore.Tests.Authentication;
using WorkOS.AspNetCore.Tests.Infrastructure;
using WorkOS.AspNetCore.Tests.SignIn;

namespace WorkOS.AspNetCore.Tests.Session;

/// <summary>
/// A new session that does not fit in one iron session cookie (a role with very many permissions), reached other than
/// through the AuthKit callback: an organization switch and a custom sign-in (the sign-in manager and the built-in step
/// page). Each answers <c>session_too_large</c> clearly, writes no cookie and leaves the browser's cookie as it was.
/// </summary>
public sealed class IronSessionTooLargeTests
{
    private const string CookiePassword = "iron-session-too-large-password-0123456789";
    private const string Cookie = WorkOSAuthKitDefaults.SessionCookieName;
    private const int SwitchTooLargeEvent = 1090, SwitchedBackEvent = 1092, SwitchBackFailedEvent = 1093, SignInTooLargeEvent = 1091, SealTooLargeEvent = 1952;
    private const string Message = "Your account has too many roles or permissions for this site to keep you signed in. Please contact the site's administrator.";

    private static readonly string[] ManyPermissions =
        Enumerable.Range(0, 300).Select(i => $"document-collection-{i:000}:read-write").ToArray();

    private static void Iron(WorkOSAuthKitOptions options)
    {
        options.SessionCookieFormat = WorkOSSessionCookieFormat.Iron;
        options.CookiePassword = CookiePassword;
    }

    private static void PowerUserRole(WorkOSEmulatorOptions options) => options.Seed.AddRole("power-user", ManyPermissions);

    private static bool WritesSessionCookie(HttpResponseMessage response) =>
        response.SetCookies().Any(c => c.StartsWith(Cookie, StringComparison.Ordinal));

    private static void AssertNoUnhandledException(AuthKitTestApp app) =>
        Assert.DoesNotContain(app.Logs.Entries, e => e.Exception is not null && e.Level >= LogLevel.Error);

    [Fact]
    public async Task Organization_switch_to_an_organization_whose_session_does_not_fit_answers_session_too_large_and_stays_in_the_organization()
    {
        await using var app = await AuthKitTestApp.StartAsync(Iron, PowerUserRole);
        using var browser = app.CreateBrowser();
        await browser.SignInAsync("alice@acme.com");
        var before = browser.GetCookie(Cookie);
        app.Emulator.SetUserRoles("alice@acme.com", "org_globex", "power-user");

        var response = await browser.SubmitFormAsync("/auth/switch-organization",
            new Dictionary<string, string> { ["organizationId"] = "org_globex", ["returnUrl"] = "/protected" });

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadAsStringAsync();
        Assert.Contains("session_too_large", problem, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", problem, StringComparison.Ordinal);
        Assert.NotEqual(before, browser.GetCookie(Cookie)); // the session switched back, from the token the switch got
        var logged = Assert.Single(app.Logs.Entries, e => e.EventId.Id == SwitchTooLargeEvent);
        Assert.Equal(LogLevel.Error, logged.Level);
        Assert.Contains("org_globex", logged.Message, StringComparison.Ordinal);
        Assert.Contains(app.Logs.Entries, e => e.EventId.Id == SealTooLargeEvent);
        AssertNoUnhandledException(app);

        // The browser is still signed in to the organization it was in, and so is WorkOS's session.
        var claims = await browser.ClaimsAsync();
        Assert.Equal(["org_acme"], claims["org_id"]);
        Assert.Equal("org_acme", Assert.Single(app.Emulator.Sessions).OrganizationId);
        Assert.Contains(app.Logs.Entries, e => e.EventId.Id == SwitchedBackEvent);
    }

    [Fact]
    public async Task After_a_switch_that_did_not_fit_the_session_stays_signed_in_past_its_access_token_expiry()
    {
        await using var app = await AuthKitTestApp.StartAsync(Iron, PowerUserRole);
        using var browser = app.CreateBrowser();
        await browser.SignInAsync("alice@acme.com");
        app.Emulator.SetUserRoles("alice@acme.com", "org_globex", "power-user");
        var refused = await browser.SubmitFormAsync("/auth/switch-organization", new Dictionary<string, string> { ["organizationId"] = "org_globex" });
        Assert.Equal(HttpStatusCode.InternalServerError, refused.StatusCode);

        // Past the access token's expiry: the cookie's refresh token is the switch-back's, unspent, so the session refreshes.
        app.Clock.Advance(TimeSpan.FromMinutes(6));
        var later = await browser.GetAsync("/protected");

        Assert.Equal(HttpStatusCode.OK, later.StatusCode);
        Assert.Equal(["org_acme"], (await later.Content.ReadFromJsonAsync<Dictionary<string, string[]>>())!["org_id"]);
        Assert.DoesNotContain(app.Logs.Entries, e => e.EventId.Id is 1205 or 1206);
        AssertNoUnhandledException(app);
    }

    [Fact]
    public async Task Switch_that_did_not_fit_and_cannot_switch_back_keeps_the_cookie_with_a_warning()
    {
        await using var app = await AuthKitTestApp.StartAsync(Iron, PowerUserRole);
        using var browser = app.CreateBrowser();
        await browser.SignInAsync("alice@acme.com");
        var before = browser.GetCookie(Cookie);
        app.Emulator.SetUserRoles("alice@acme.com", "org_globex", "power-user");
        app.Emulator.SetUserRoles("alice@acme.com", "org_acme", "power-user"); // since her sign-in: back in Acme no longer fits either

        var refused = await browser.SubmitFormAsync("/auth/switch-organization", new Dictionary<string, string> { ["organizationId"] = "org_globex" });

        Assert.Equal(HttpStatusCode.InternalServerError, refused.StatusCode);
        Assert.False(WritesSessionCookie(refused));
        Assert.Equal(before, browser.GetCookie(Cookie));
        Assert.Contains(app.Logs.Entries, e => e.EventId.Id == SwitchBackFailedEvent);
        Assert.Equal(["org_acme"], (await browser.ClaimsAsync())["org_id"]);
        AssertNoUnhandledException(app);
    }

    [Fact]
    public async Task Custom_sign_in_whose_session_does_not_fit_fails_with_session_too_large_and_no_session()
    {
        await using var app = await SignInApp.StartAsync(Iron, PowerUserRole);
        app.Emulator.SetUserRoles("bob@acme.com", "org_acme", "power-user");
        var browser = app.CreateBrowser();

        var page = await browser.PostAsync("/signin/password", ("email", "bob@acme.com"), ("password", EmulatorSeed.DefaultPassword));

        Assert.Equal("Failed", page.Status);
        Assert.Equal("session_too_large", page.ErrorCode);
        Assert.Equal(Message, page.ErrorMessage);
        Assert.Null(page.PendingStep);
        Assert.Null(page.UserId);
        Assert.Null(browser.GetCookie(Cookie));
        Assert.Equal(HttpStatusCode.Redirect, (await browser.GetAsync("/protected")).StatusCode);
        var logged = Assert.Single(app.Logs.Entries, e => e.EventId.Id == SignInTooLargeEvent);
        Assert.Equal(LogLevel.Error, logged.Level);
        Assert.Contains("user_bob", logged.Message, StringComparison.Ordinal);
        Assert.Contains(app.Logs.Entries, e => e.EventId.Id == SealTooLargeEvent);
        AssertNoUnhandledException(app);
    }

    [Fact]
    public async Task Built_in_step_page_whose_session_does_not_fit_shows_the_message_on_the_failure_page_without_a_cookie()
    {
        await using var app = await AuthKitTestApp.StartAsync(Iron, PowerUserRole);
        app.Emulator.SetUserRoles("alice@acme.com", "org_globex", "power-user");
        using var browser = app.CreateBrowser();
        var (_, form) = await browser.OpenStepAsync(app, "alice@acme.com", EmulatorAuthenticationError.OrganizationSelectionRequired);

        var chosen = await browser.SubmitAsync(form, ("organization_id", "org_globex"));

        Assert.Equal(HttpStatusCode.InternalServerError, chosen.StatusCode);
        var html = await chosen.Content.ReadAsStringAsync();
        Assert.Contains(WebUtility.HtmlEncode(Message), html, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", html, StringComparison.Ordinal);
        Assert.False(WritesSessionCookie(chosen));
        Assert.Null(browser.GetCookie(Cookie));
        Assert.Contains(app.Logs.Entries, e => e.EventId.Id == SignInTooLargeEvent && e.Message.Contains("user_alice", StringComparison.Ordinal));
        AssertNoUnhandledException(app);
    }
}
