using System.Net;
using WorkOS.AspNetCore.Tests.Infrastructure;

namespace WorkOS.AspNetCore.Tests.Authentication;

public sealed class PendingSignInTests
{
    [Fact]
    public async Task Twenty_abandoned_sign_ins_leave_one_small_cookie_and_headers_under_8_KB()
    {
        await using var app = await AuthKitTestApp.StartAsync();
        using var browser = app.CreateBrowser();

        for (var i = 0; i < 20; i++)
        {
            var response = await browser.GetAsync("/protected?page=" + i);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        }

        var cookies = browser.Cookies.GetAllCookies().Where(c => !c.Expired).ToList();
        Assert.Single(cookies); // the pending-sign-in cookie, nothing else
        var pending = browser.GetCookie(WorkOSAuthKitDefaults.PendingSignInCookieName)!;
        Assert.Equal(5, pending.Split('.').Length);
        var callbackHeader = browser.Cookies.GetCookieHeader(new Uri(browser.BaseAddress!, "/auth/callback")).Length;
        Assert.True(callbackHeader < 8 * 1024, $"Cookie header is {callbackHeader} bytes");
        Assert.True(callbackHeader < 200, $"Cookie header is {callbackHeader} bytes");
    }

    [Fact]
    public async Task Recent_parallel_sign_ins_complete_and_forgotten_ones_are_refused()
    {
        await using var app = await AuthKitTestApp.StartAsync();
        using var browser = app.CreateBrowser();
        var authorizeUrls = new List<Uri>();
        for (var i = 0; i < 7; i++)
        {
            authorizeUrls.Add(browser.Location(await browser.GetAsync("/protected?tab=" + i)));
        }

        // The oldest two of seven were pushed out of the five-slot pending list.
        var oldest = await browser.GetAsync(authorizeUrls[0] + "&login_hint=bob%40acme.com");
        var refused = await browser.GetAsync(browser.Location(oldest).PathAndQuery);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.False(refused.SetsSessionCookie());

        // Two of the recent ones (as two tabs would) both complete, each back to its own page.
        var tab5 = await browser.GetAsync(authorizeUrls[5] + "&login_hint=bob%40acme.com");
        var tab6 = await browser.GetAsync(authorizeUrls[6] + "&login_hint=bob%40acme.com");
        var done6 = await browser.GetAsync(browser.Location(tab6).PathAndQuery);
        var done5 = await browser.GetAsync(browser.Location(tab5).PathAndQuery);
        Assert.Equal("/protected?tab=6", done6.Headers.Location!.OriginalString);
        Assert.Equal("/protected?tab=5", done5.Headers.Location!.OriginalString);
        Assert.True(done5.SetsSessionCookie());
        Assert.Equal(3, browser.GetCookie(WorkOSAuthKitDefaults.PendingSignInCookieName)!.Split('.').Length); // five kept, two finished
    }

    [Fact]
    public async Task Completed_sign_in_removes_the_pending_cookie()
    {
        await using var app = await AuthKitTestApp.StartAsync();
        using var browser = app.CreateBrowser();

        await browser.SignInAsync("alice@acme.com");

        Assert.Null(browser.GetCookie(WorkOSAuthKitDefaults.PendingSignInCookieName));
    }
}
