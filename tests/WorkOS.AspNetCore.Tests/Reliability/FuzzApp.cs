using System.Net;
using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using WorkOS.AspNetCore.Bearer;
using WorkOS.AspNetCore.Emulator;
using WorkOS.AspNetCore.Testing;
using WorkOS.AspNetCore.Tests.Infrastructure;

namespace WorkOS.AspNetCore.Tests.Reliability;

/// <summary>
/// The app the fuzzer attacks: the AuthKit test app on the in-process emulator, plus the bearer scheme on
/// <c>/api/me</c> (answers the caller's claims) and <c>/token</c> (the signed-in user's access token, as a page hands
/// it to its script). Users with a role of 300 permissions (Bob in Globex, Carol) get chunked session cookies.
/// Requests the fuzzer sends go through <see cref="Raw"/>: no cookie jar, no redirects, exactly the headers given.
/// </summary>
internal sealed class FuzzApp : IAsyncDisposable
{
    public const string ChunkedOrganization = "org_globex";

    private FuzzApp(AuthKitTestApp app, ErrorLogWatch errors)
    {
        App = app;
        Errors = errors;
        Raw = app.App.GetTestServer().CreateClient();
    }

    public AuthKitTestApp App { get; }

    public ErrorLogWatch Errors { get; }

    public HttpClient Raw { get; }

    public static async Task<FuzzApp> StartAsync()
    {
        var errors = new ErrorLogWatch();
        var many = Enumerable.Range(0, 300).Select(i => $"document-collection-{i:000}:read-write").ToArray();
        var app = await AuthKitTestApp.StartAsync(
            configureEmulator: o => o.Seed.AddRole("power-user", many).AddMembership("bob@acme.com", ChunkedOrganization, "power-user"),
            services: services =>
            {
                services.AddSingleton<ILoggerProvider>(errors);
                services.AddAuthentication().AddWorkOSBearer();
            },
            map: web =>
            {
                web.MapGet("/token", async (HttpContext context) =>
                {
                    return await context.GetWorkOSAccessTokenAsync();
                }).RequireAuthorization();
                web.MapGet("/api/me", (ClaimsPrincipal user) => Results.Json(user.Claims
                        .GroupBy(c => c.Type)
                        .ToDictionary(g => g.Key, g => g.Select(c => c.Value).ToArray())))
                    .RequireAuthorization(new AuthorizeAttribute { AuthenticationSchemes = WorkOSBearerDefaults.AuthenticationScheme });
            });
        app.Emulator.SetUserRoles("carol@globex.com", ChunkedOrganization, "power-user");
        return new FuzzApp(app, errors);
    }

    /// <summary>
    /// Starts a sign-in in a fresh browser and signs in at the emulator's page, stopping before the callback:
    /// returns the callback URL (a valid code and state) and the <c>Cookie</c> header the browser would send with it.
    /// </summary>
    public async Task<(Uri Callback, string Cookies)> StartSignInAsync(string email)
    {
        using var browser = App.CreateBrowser();
        var challenge = await browser.GetAsync("/auth/sign-in");
        Assert.Equal(HttpStatusCode.Redirect, challenge.StatusCode);
        var toCallback = await browser.GetAsync(browser.Location(challenge) + "&login_hint=" + Uri.EscapeDataString(email));
        Assert.Equal(HttpStatusCode.Redirect, toCallback.StatusCode);
        var callback = browser.Location(toCallback);
        return (callback, browser.Cookies.GetCookieHeader(callback));
    }

    /// <summary>The session cookies of a real sign-in, as the <c>name=value</c> pairs a browser sends.</summary>
    public async Task<(WorkOSTestClient Browser, List<KeyValuePair<string, string>> Cookies)> SignInAsync(string email, string? organizationId = null)
    {
        var browser = App.CreateBrowser();
        var path = organizationId is null ? "/auth/sign-in" : "/auth/sign-in?organizationId=" + organizationId;
        var callback = await browser.SignInAsync(email, path);
        Assert.True(callback.SetsSessionCookie(), $"the sign-in of {email} set no session cookie ({(int)callback.StatusCode})");
        return (browser, SessionCookies(browser));
    }

    public static List<KeyValuePair<string, string>> SessionCookies(WorkOSTestClient browser) =>
        browser.Cookies.GetAllCookies()
            .Where(c => !c.Expired && c.Name.StartsWith(WorkOSAuthKitDefaults.SessionCookieName, StringComparison.Ordinal))
            .OrderBy(c => c.Name.Length).ThenBy(c => c.Name, StringComparer.Ordinal)
            .Select(c => KeyValuePair.Create(c.Name, c.Value))
            .ToList();

    public static string CookieHeader(IEnumerable<KeyValuePair<string, string>> cookies) =>
        string.Join("; ", cookies.Select(c => c.Key + "=" + c.Value));

    public async ValueTask DisposeAsync()
    {
        Raw.Dispose();
        await App.DisposeAsync();
    }
}
