using System.Net;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using WorkOS.AspNetCore.Testing;
using WorkOS.AspNetCore.Tests.Infrastructure;

namespace WorkOS.AspNetCore.Tests.Session;

/// <summary>
/// API clients (fetch, XHR, services) on cookie-authenticated endpoints get 401 or 403 with a status they can act on,
/// never a redirect to an HTML sign-in page; browser page navigations are still redirected.
/// </summary>
public sealed class ApiClientChallengeTests
{
    private const string AuthKitChallenge = "WorkOS-AuthKit realm=\"WorkOS\", sign_in=\"/auth/sign-in\"";

    public static TheoryData<string, string, string?> ApiRequests => new()
    {
        { "GET", "Accept", "application/json" },
        { "GET", "Accept", "text/html;q=0, application/json" },
        { "GET", "Accept", "*/*" },
        { "GET", "X-Requested-With", "XMLHttpRequest" },
        { "GET", "Sec-Fetch-Mode", "cors" },
        { "POST", "Content-Type", null },
    };

    public static TheoryData<string, string?, string?> Navigations => new()
    {
        { "GET", null, null },
        { "GET", "Accept", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8" },
        { "GET", "Sec-Fetch-Mode", "navigate" },
        { "POST", "Accept", "text/html" },
    };

    [Theory]
    [MemberData(nameof(ApiRequests))]
    public async Task An_api_request_without_a_session_gets_401_with_where_to_sign_in_not_a_redirect(string method, string header, string? value)
    {
        await using var app = await StartAsync();
        using var browser = app.CreateBrowser();

        var response = await SendAsync(browser, method, "/api/items", header, value);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Null(response.Headers.Location);
        Assert.Equal(AuthKitChallenge, response.Headers.WwwAuthenticate.ToString());
        Assert.Equal(0, app.Emulator.CountRequests("GET", "/user_management/authorize"));
    }

    [Theory]
    [MemberData(nameof(Navigations))]
    public async Task A_page_navigation_without_a_session_is_redirected_to_authkit(string method, string? header, string? value)
    {
        await using var app = await StartAsync();
        using var browser = app.CreateBrowser();

        var response = await SendAsync(browser, method, "/api/items", header, value);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/user_management/authorize", browser.Location(response).AbsolutePath);
    }

    [Fact]
    public async Task An_api_request_with_a_stale_session_gets_401_and_keeps_the_cookie()
    {
        await using var app = await StartAsync();
        using var browser = app.CreateBrowser();
        await browser.SignInAsync("alice@acme.com");
        app.Emulator.InjectFault("POST", "/user_management/authenticate", 503, count: -1);
        app.Clock.Advance(TimeSpan.FromMinutes(6)); // the access token expired; WorkOS cannot refresh it

        var response = await SendAsync(browser, "GET", "/api/items", "Accept", "application/json");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(AuthKitChallenge, response.Headers.WwwAuthenticate.ToString());
        Assert.NotNull(browser.GetCookie(WorkOSAuthKitDefaults.SessionCookieName));
    }

    [Fact]
    public async Task The_session_cookie_scheme_answers_an_api_request_with_401_and_redirects_a_navigation_to_the_sign_in_endpoint()
    {
        await using var app = await StartAsync();
        using var browser = app.CreateBrowser();

        var api = await SendAsync(browser, "GET", "/cookie-only", "Accept", "application/json");
        var page = await SendAsync(browser, "GET", "/cookie-only", "Accept", "text/html");

        Assert.Equal(HttpStatusCode.Unauthorized, api.StatusCode);
        Assert.Null(api.Headers.Location);
        Assert.Equal(AuthKitChallenge, api.Headers.WwwAuthenticate.ToString());
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.Equal("/auth/sign-in", browser.Location(page).AbsolutePath);
        Assert.Equal("/cookie-only", HttpAssertions.Query(browser.Location(page))["returnUrl"]);
    }

    [Fact]
    public async Task The_sign_in_location_in_the_401_includes_the_path_base()
    {
        await using var app = await StartAsync(pathBase: "/app");
        using var browser = app.CreateBrowser();

        var authKit = await SendAsync(browser, "GET", "/app/api/items", "Accept", "application/json");
        var cookie = await SendAsync(browser, "GET", "/app/cookie-only", "Accept", "application/json");

        Assert.Equal("WorkOS-AuthKit realm=\"WorkOS\", sign_in=\"/app/auth/sign-in\"", authKit.Headers.WwwAuthenticate.ToString());
        Assert.Equal("WorkOS-AuthKit realm=\"WorkOS\", sign_in=\"/app/auth/sign-in\"", cookie.Headers.WwwAuthenticate.ToString());
    }

    [Fact]
    public async Task A_forbidden_api_request_gets_403_even_when_the_app_has_an_access_denied_page()
    {
        await using var app = await StartAsync(services: s => s.Configure<CookieAuthenticationOptions>(WorkOSAuthKitDefaults.CookieScheme,
            o => o.AccessDeniedPath = "/denied"));
        using var browser = app.CreateBrowser();
        await browser.SignInAsync("alice@acme.com");

        var api = await SendAsync(browser, "GET", "/admin", "Accept", "application/json");
        var page = await SendAsync(browser, "GET", "/admin", "Accept", "text/html");

        Assert.Equal(HttpStatusCode.Forbidden, api.StatusCode);
        Assert.Null(api.Headers.Location);
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.Equal("/denied", browser.Location(page).AbsolutePath);
    }

    [Fact]
    public async Task A_forbidden_request_gets_403_without_an_access_denied_page()
    {
        await using var app = await StartAsync();
        using var browser = app.CreateBrowser();
        await browser.SignInAsync("alice@acme.com");

        Assert.Equal(HttpStatusCode.Forbidden, (await SendAsync(browser, "GET", "/admin", "Accept", "application/json")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await SendAsync(browser, "GET", "/admin", "Accept", "text/html")).StatusCode);
    }

    private static Task<AuthKitTestApp> StartAsync(Action<IServiceCollection>? services = null, string? pathBase = null) =>
        AuthKitTestApp.StartAsync(services: services, pathBase: pathBase, map: web =>
        {
            web.MapMethods("/api/items", ["GET", "POST"], () => "items").RequireAuthorization();
            web.MapGet("/cookie-only", () => "cookie").RequireAuthorization(new AuthorizeAttribute { AuthenticationSchemes = WorkOSAuthKitDefaults.CookieScheme });
            web.MapGet("/admin", () => "admin").RequireAuthorization(policy => policy.RequireClaim("role", "superuser"));
        });

    private static Task<HttpResponseMessage> SendAsync(WorkOSTestClient browser, string method, string path, string? header, string? value)
    {
        var request = new HttpRequestMessage(new HttpMethod(method), new Uri(browser.BaseAddress!, path));
        if (method == "POST")
        {
            request.Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["name"] = "x" });
        }

        if (header is not null && value is not null)
        {
            request.Headers.TryAddWithoutValidation(header, value);
        }

        return browser.SendAsync(request);
    }
}
