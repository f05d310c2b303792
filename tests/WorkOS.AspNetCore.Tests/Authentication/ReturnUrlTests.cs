using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using WorkOS.AspNetCore.Testing;
using WorkOS.AspNetCore.Tests.Infrastructure;

namespace WorkOS.AspNetCore.Tests.Authentication;

/// <summary>
/// Return URLs on an app mounted under <c>UsePathBase("/app")</c>: sign-in, sign-out and organization switch resolve them by one rule,
/// and a hostile one never leaves the app nor makes WorkOS's logout request invalid.
/// </summary>
public sealed class ReturnUrlTests
{
    private const string Refresh = "/user_management/authenticate";
    private const string Logout = "/user_management/sessions/logout";

    public static TheoryData<string, string> ReturnUrls => new()
    {
        { "", "/app/" },
        { "~/", "/app/" },
        { "~/reports", "/app/reports" },
        { "/reports", "/app/reports" },
        { "/reports?year=2026#q4", "/app/reports?year=2026#q4" },
        { "/app/reports", "/app/reports" },
        { "/APP", "/APP" },
        { "/apple", "/app/apple" },
        { "/caf\u00e9 menu", "/app/caf%C3%A9%20menu" },
        { "/x\u2028y\u202Ez", "/app/x%E2%80%A8y%E2%80%AEz" },
    };

    public static TheoryData<string> HostileReturnUrls => new()
    {
        "reports",
        "//evil.com",
        "/\\evil.com",
        "~//evil.com",
        "https://evil.com",
        "javascript:alert(1)",
        "/reports\r\nSet-Cookie: wos-session=forged",
        "/" + new string('a', 5000),
    };

    [Theory]
    [MemberData(nameof(ReturnUrls))]
    public async Task Sign_in_return_url_resolves_against_the_path_base(string returnUrl, string expected)
    {
        await using var app = await AuthKitTestApp.StartAsync(pathBase: "/app");
        using var browser = app.CreateBrowser();

        var callback = await browser.SignInAsync("alice@acme.com", "/app/auth/sign-in?returnUrl=" + Uri.EscapeDataString(returnUrl));

        Assert.Equal(HttpStatusCode.Redirect, callback.StatusCode);
        Assert.Equal("/app/auth/callback", callback.RequestMessage!.RequestUri!.AbsolutePath);
        Assert.Equal(expected, callback.Headers.Location!.OriginalString);
        Assert.True(callback.SetsSessionCookie());
    }

    [Theory]
    [MemberData(nameof(HostileReturnUrls))]
    [InlineData("/reports\u0000")]
    public async Task Sign_in_with_a_hostile_return_url_lands_on_the_app_root_and_logs_the_refusal(string returnUrl)
    {
        await using var app = await AuthKitTestApp.StartAsync(pathBase: "/app");
        using var browser = app.CreateBrowser();

        var callback = await browser.SignInAsync("alice@acme.com", "/app/auth/sign-in?returnUrl=" + Uri.EscapeDataString(returnUrl));

        Assert.Equal("/app/", callback.Headers.Location!.OriginalString);
        Assert.True(callback.SetsSessionCookie());
        Assert.Single(app.Logs.Entries, e => e.EventId.Id == 1006);
    }

    [Theory]
    [InlineData("/my app/reports", "/my%20app/reports")]
    [InlineData("/my%20app/reports", "/my%20app/reports")]
    [InlineData("~/reports", "/my%20app/reports")]
    public async Task A_path_base_that_needs_escaping_is_recognised_and_never_doubled(string returnUrl, string expected)
    {
        await using var app = await AuthKitTestApp.StartAsync(pathBase: "/my app");
        using var browser = app.CreateBrowser();

        var callback = await browser.SignInAsync("alice@acme.com", "/my%20app/auth/sign-in?returnUrl=" + Uri.EscapeDataString(returnUrl));

        Assert.Equal(expected, callback.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task A_protected_page_under_the_path_base_returns_to_itself_after_sign_in()
    {
        await using var app = await AuthKitTestApp.StartAsync(pathBase: "/app");
        using var browser = app.CreateBrowser();

        var callback = await browser.SignInAsync("alice@acme.com", "/app/protected?tab=2");

        Assert.Equal("/app/protected?tab=2", callback.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/app/protected")).StatusCode);
    }

    [Theory]
    [MemberData(nameof(ReturnUrls))]
    public async Task Sign_out_sends_workos_an_absolute_return_to_under_the_path_base(string returnUrl, string expected)
    {
        await using var app = await AuthKitTestApp.StartAsync(pathBase: "/app",
            configureEmulator: o => o.LogoutRedirectUris.Add("http://localhost" + expected));
        using var browser = app.CreateBrowser();
        var sid = await SignInAsync(browser);

        var response = await browser.SubmitFormAsync("/app/auth/sign-out", new Dictionary<string, string> { ["returnUrl"] = returnUrl }, tokenPage: "/app" + TestBrowser.AntiforgeryTokenPath);

        var logout = browser.Location(response);
        Assert.Equal(Logout, logout.AbsolutePath);
        Assert.Equal(sid, HttpAssertions.Query(logout)["session_id"]);
        Assert.Equal("http://localhost" + expected, HttpAssertions.Query(logout)["return_to"]);
        var back = await browser.GetAsync(logout.ToString());
        Assert.Equal(HttpStatusCode.Redirect, back.StatusCode);
        Assert.Equal("http://localhost" + expected, browser.Location(back).AbsoluteUri);
        Assert.False(app.Emulator.Sessions.Single(s => s.Id == sid).IsActive);
    }

    [Theory]
    [MemberData(nameof(HostileReturnUrls))]
    public async Task Sign_out_with_a_hostile_return_url_still_ends_the_workos_session_and_returns_to_the_app(string returnUrl)
    {
        await using var app = await AuthKitTestApp.StartAsync(pathBase: "/app",
            configureEmulator: o => o.LogoutRedirectUris.Add("http://localhost/app/"));
        using var browser = app.CreateBrowser();
        var sid = await SignInAsync(browser);

        var response = await browser.SubmitFormAsync("/app/auth/sign-out", new Dictionary<string, string> { ["returnUrl"] = returnUrl }, tokenPage: "/app" + TestBrowser.AntiforgeryTokenPath);

        var logout = browser.Location(response);
        Assert.Equal("http://localhost/app/", HttpAssertions.Query(logout)["return_to"]);
        var back = await browser.GetAsync(logout.ToString());
        Assert.Equal("http://localhost/app/", browser.Location(back).ToString());
        Assert.False(app.Emulator.Sessions.Single(s => s.Id == sid).IsActive);
        Assert.Contains(app.Logs.Entries, e => e.EventId.Id == 1006);
    }

    [Fact]
    public async Task Sign_out_form_that_cannot_be_parsed_is_refused_with_400_and_the_session_is_kept()
    {
        await using var app = await AuthKitTestApp.StartAsync();
        using var browser = app.CreateBrowser();
        await SignInAsync(browser, "/");

        var response = await browser.SendAsync(new HttpRequestMessage(HttpMethod.Post, "http://localhost/auth/sign-out")
        {
            Content = new StringContent("returnUrl=%2Freports%00", System.Text.Encoding.ASCII, "application/x-www-form-urlencoded"),
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/protected")).StatusCode);
        Assert.DoesNotContain(app.Logs.Entries, e => e.Level >= Microsoft.Extensions.Logging.LogLevel.Error);
    }

    [Fact]
    public async Task Sign_out_without_a_session_redirects_to_the_app_root_under_the_path_base()
    {
        await using var app = await AuthKitTestApp.StartAsync(pathBase: "/app");
        using var browser = app.CreateBrowser();

        var response = await browser.SubmitFormAsync("/app/auth/sign-out", new Dictionary<string, string> { ["returnUrl"] = "https://evil.com/" }, tokenPage: "/app" + TestBrowser.AntiforgeryTokenPath);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/app/", response.Headers.Location!.OriginalString);
        Assert.Equal(0, app.Emulator.CountRequests("GET", Logout));
    }

    [Fact]
    public async Task Sign_out_of_a_session_that_no_longer_authenticates_still_ends_the_workos_session()
    {
        await using var app = await AuthKitTestApp.StartAsync();
        using var browser = app.CreateBrowser();
        var sid = await SignInAsync(browser, "/");
        var token = await browser.AntiforgeryTokenAsync(); // the page with the sign-out form, rendered while signed in
        app.Emulator.InjectFault("POST", Refresh, 503, count: -1);
        app.Clock.Advance(TimeSpan.FromMinutes(6)); // the access token expired; WorkOS cannot refresh it
        Assert.Equal(HttpStatusCode.Redirect, (await browser.GetAsync("/protected")).StatusCode);

        var response = await browser.SubmitFormAsync("/auth/sign-out", new Dictionary<string, string> { ["returnUrl"] = "/public" }, token);

        var logout = browser.Location(response);
        Assert.Equal(Logout, logout.AbsolutePath);
        Assert.Equal(sid, HttpAssertions.Query(logout)["session_id"]);
        Assert.Null(browser.GetCookie(WorkOSAuthKitDefaults.SessionCookieName));
        await browser.GetAsync(logout.ToString());
        Assert.False(app.Emulator.Sessions.Single(s => s.Id == sid).IsActive);
    }

    [Fact]
    public async Task Sign_out_of_a_server_side_session_that_no_longer_authenticates_still_ends_the_workos_session()
    {
        await using var app = await AuthKitTestApp.StartAsync(services: s =>
        {
            s.AddDistributedMemoryCache();
            s.AddAuthentication().AddWorkOSServerSideSessions();
        });
        using var browser = app.CreateBrowser();
        var sid = await SignInAsync(browser, "/");
        var token = await browser.AntiforgeryTokenAsync(); // the page with the sign-out form, rendered while signed in
        app.Emulator.InjectFault("POST", Refresh, 503, count: -1);
        app.Clock.Advance(TimeSpan.FromMinutes(6));

        var response = await browser.SubmitFormAsync("/auth/sign-out", new Dictionary<string, string>(), token);

        Assert.Equal(sid, HttpAssertions.Query(browser.Location(response))["session_id"]);
    }

    [Fact]
    public async Task Sign_out_with_a_tampered_session_cookie_ends_no_session()
    {
        await using var app = await AuthKitTestApp.StartAsync();
        using var browser = app.CreateBrowser();
        await SignInAsync(browser, "/");
        var cookie = browser.GetCookie(WorkOSAuthKitDefaults.SessionCookieName)!;
        var tampered = cookie[..^4] + (cookie[^4] == 'A' ? 'B' : 'A') + cookie[^3..];
        browser.Cookies.Add(new Uri("http://localhost/"), new System.Net.Cookie(WorkOSAuthKitDefaults.SessionCookieName, tampered));

        var response = await browser.SubmitFormAsync("/auth/sign-out", new Dictionary<string, string>());

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location!.OriginalString);
        Assert.Equal(0, app.Emulator.CountRequests("GET", Logout));
    }

    [Theory]
    [MemberData(nameof(ReturnUrls))]
    public async Task Organization_switch_returns_to_the_return_url_resolved_against_the_path_base(string returnUrl, string expected)
    {
        await using var app = await AuthKitTestApp.StartAsync(pathBase: "/app");
        using var browser = app.CreateBrowser();
        await SignInAsync(browser);

        var response = await browser.SubmitFormAsync("/app/auth/switch-organization",
            new Dictionary<string, string> { ["organizationId"] = "org_globex", ["returnUrl"] = returnUrl }, tokenPage: "/app" + TestBrowser.AntiforgeryTokenPath);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(expected, response.Headers.Location!.OriginalString);
        var claims = await (await browser.GetAsync("/app/protected")).Content.ReadFromJsonAsync<Dictionary<string, string[]>>();
        Assert.Equal(["org_globex"], claims!["org_id"]);
        Assert.DoesNotContain(app.Logs.Entries, e => e.EventId.Id == 1006);
    }

    [Theory]
    [MemberData(nameof(HostileReturnUrls))]
    public async Task Organization_switch_with_a_hostile_return_url_lands_on_the_app_root_and_logs_the_refusal(string returnUrl)
    {
        await using var app = await AuthKitTestApp.StartAsync(pathBase: "/app");
        using var browser = app.CreateBrowser();
        await SignInAsync(browser);

        var response = await browser.SubmitFormAsync("/app/auth/switch-organization",
            new Dictionary<string, string> { ["organizationId"] = "org_globex", ["returnUrl"] = returnUrl }, tokenPage: "/app" + TestBrowser.AntiforgeryTokenPath);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/app/", response.Headers.Location!.OriginalString);
        Assert.Single(app.Logs.Entries, e => e.EventId.Id == 1006);
    }

    private static async Task<string> SignInAsync(WorkOSTestClient browser, string pathBase = "/app/")
    {
        await browser.SignInAsync("alice@acme.com", pathBase + "auth/sign-in");
        var claims = await (await browser.GetAsync(pathBase + "protected")).Content.ReadFromJsonAsync<Dictionary<string, string[]>>();
        return claims!["sid"].Single();
    }
}
