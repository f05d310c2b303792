using System.Net;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.DataProtection;
using WorkOS.AspNetCore.Tests.Infrastructure;

namespace WorkOS.AspNetCore.Tests.Session;

/// <summary>What a browser sees when its session cookie was sealed in a format this version does not read.</summary>
public sealed class SessionCookieFormatTests
{
    private const string Cookie = WorkOSAuthKitDefaults.SessionCookieName;

    [Fact]
    public async Task Cookie_sealed_in_an_unknown_future_format_signs_the_user_in_again_and_is_logged()
    {
        var keys = new EphemeralDataProtectionProvider();
        await using var app = await AuthKitTestApp.StartAsync(dataProtection: keys);
        using var browser = app.CreateBrowser();
        await browser.SignInAsync("alice@acme.com");
        var protector = keys.CreateProtector("WorkOS.AspNetCore.Session", WorkOSAuthKitDefaults.CookieScheme, "v1");
        var cookie = browser.Cookies.GetAllCookies().First(c => c.Name == Cookie);
        var payload = protector.Unprotect(Base64UrlTextEncoder.Decode(cookie.Value));
        payload[0] = 0x82; // the next layout's format byte
        cookie.Value = Base64UrlTextEncoder.Encode(protector.Protect(payload));

        var response = await browser.GetAsync("/protected");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/user_management/authorize", browser.Location(response).AbsolutePath);
        Assert.Contains(app.Logs.Entries, e => e.EventId.Id == 1217 && e.Message.Contains("format this version does not know"));
    }

    [Fact]
    public async Task Tampered_cookie_is_logged_as_refused()
    {
        await using var app = await AuthKitTestApp.StartAsync();
        using var browser = app.CreateBrowser();
        await browser.SignInAsync("alice@acme.com");
        var cookie = browser.Cookies.GetAllCookies().First(c => c.Name == Cookie);
        cookie.Value = cookie.Value[..^6] + (cookie.Value[^6] == 'x' ? "y" : "x") + cookie.Value[^5..];

        var response = await browser.GetAsync("/protected");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains(app.Logs.Entries, e => e.EventId.Id == 1217 && e.Message.Contains("tampered"));
    }
}
