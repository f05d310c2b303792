using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.Logging;
using WorkOS.AspNetCore.Authentication;
using WorkOS.AspNetCore.Tests.Infrastructure;

namespace WorkOS.AspNetCore.Tests.Session;

/// <summary>
/// A refresh whose new session no longer fits in one iron session cookie (the user was given a role with many
/// permissions after signing in): the request continues as the refreshed user, the cookie is not re-issued, and the
/// browser's cookie works until its refresh token is spent, then signs the user out cleanly.
/// </summary>
public sealed class IronSessionRefreshSizeTests
{
    private const string Password = "iron-session-refresh-size-password-0123456789";
    private const string Cookie = WorkOSAuthKitDefaults.SessionCookieName;
    private static readonly TimeSpan IntoBuffer = TimeSpan.FromMinutes(4) + TimeSpan.FromSeconds(45);

    private static readonly string[] ManyPermissions =
        Enumerable.Range(0, 300).Select(i => $"document-collection-{i:000}:read-write").ToArray();

    private static Task<AuthKitTestApp> StartAsync() => AuthKitTestApp.StartAsync(
        options => { options.SessionCookieFormat = WorkOSSessionCookieFormat.Iron; options.CookiePassword = Password; },
        configureEmulator: o => o.Seed.AddRole("power-user", ManyPermissions));

    private static bool WritesSessionCookie(HttpResponseMessage response) =>
        response.SetCookies().Any(c => c.StartsWith(Cookie + "=", StringComparison.Ordinal) && !c.StartsWith(Cookie + "=;", StringComparison.Ordinal));

    [Fact]
    public async Task Refresh_that_outgrows_one_iron_cookie_serves_the_refreshed_user_keeps_the_cookie_and_logs_the_size()
    {
        await using var app = await StartAsync();
        using var browser = app.CreateBrowser();
        await browser.SignInAsync("bob@acme.com");
        var signedIn = browser.GetCookie(Cookie);
        app.Emulator.SetUserRoles("bob@acme.com", "org_acme", "power-user");
        app.Clock.Advance(IntoBuffer);

        var response = await browser.GetAsync("/protected");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(WritesSessionCookie(response));
        Assert.Equal(signedIn, browser.GetCookie(Cookie));
        var claims = await response.Content.ReadFromJsonAsync<Dictionary<string, string[]>>();
        Assert.Equal(["power-user"], claims!["role"]);
        Assert.Contains(ManyPermissions[299], claims["permission"]);
        var error = Assert.Single(app.Logs.Entries, e => e.EventId.Id == 1081);
        Assert.Equal(LogLevel.Error, error.Level);
        Assert.Matches(@"\b\d{4,5} bytes\b.*\b4096\b", error.Message);
        Assert.Equal(1, app.Emulator.CountRefreshes());
    }

    [Fact]
    public async Task After_a_refresh_that_did_not_fit_the_old_cookie_works_until_its_refresh_token_is_spent_then_signs_out_cleanly()
    {
        await using var app = await StartAsync();
        using var browser = app.CreateBrowser();
        await browser.SignInAsync("bob@acme.com");
        app.Emulator.SetUserRoles("bob@acme.com", "org_acme", "power-user");
        app.Clock.Advance(IntoBuffer);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/protected")).StatusCode);

        // Within the replay window the old cookie gets the session its refresh token was spent for, without spending again.
        var again = await browser.GetAsync("/protected");
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.False(WritesSessionCookie(again));
        Assert.Equal(1, app.Emulator.CountRefreshes());

        // Once that session has expired too, the old cookie's refresh token is spent: signed out, not a 500 on every request.
        app.Clock.Advance(TimeSpan.FromMinutes(10));
        var ended = await browser.GetAsync("/protected");

        Assert.Equal(HttpStatusCode.Redirect, ended.StatusCode);
        Assert.Contains(ended.SetCookies(), c => c.StartsWith(Cookie + "=;", StringComparison.Ordinal));
        Assert.Null(browser.GetCookie(Cookie));
        Assert.Contains(app.Logs.Entries, e => e.EventId.Id == 1205 && e.Message.Contains("invalid_grant", StringComparison.Ordinal));
        Assert.DoesNotContain(app.Logs.Entries, e => e.Level >= LogLevel.Error && e.EventId.Id != 1081);
    }

    [Fact]
    public async Task Refresh_that_outgrows_one_iron_cookie_when_the_cookie_is_also_due_for_sliding_renewal_re_issues_the_old_session()
    {
        await using var app = await StartAsync();
        using var browser = app.CreateBrowser();
        await browser.SignInAsync("bob@acme.com");
        var before = browser.GetCookie(Cookie);
        app.Emulator.SetUserRoles("bob@acme.com", "org_acme", "power-user");
        app.Clock.Advance(TimeSpan.FromDays(16)); // past half of the cookie's 30 days: the cookie handler renews it

        var response = await browser.GetAsync("/protected");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, app.Emulator.CountRefreshes());
        Assert.Contains(app.Logs.Entries, e => e.EventId.Id == 1081);
        Assert.True(WritesSessionCookie(response));
        Assert.NotEqual(before, browser.GetCookie(Cookie));
        Assert.DoesNotContain(app.Logs.Entries, e => e.EventId.Id == 1952);
    }
}
