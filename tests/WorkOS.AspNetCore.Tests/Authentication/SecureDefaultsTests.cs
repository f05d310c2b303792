using System.Net;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using WorkOS.AspNetCore.Tests.Infrastructure;

namespace WorkOS.AspNetCore.Tests.Authentication;

/// <summary>
/// Defaults that hold whatever the app forgot: antiforgery on sign-out and organization switch, and Secure cookies
/// outside Development. Apps here never call AddAntiforgery themselves.
/// </summary>
public sealed class SecureDefaultsTests
{
    private const string Pending = WorkOSAuthKitDefaults.PendingSignInCookieName;
    private const string Session = WorkOSAuthKitDefaults.SessionCookieName;

    private static string SetCookie(HttpResponseMessage response, string name) =>
        Assert.Single(response.SetCookies(), c => c.StartsWith(name + "=", StringComparison.Ordinal));

    private static bool IsSecure(string setCookie) =>
        setCookie.Split(';').Any(part => part.Trim().Equals("secure", StringComparison.OrdinalIgnoreCase));

    /// <summary>The in-process emulator answers on http; outside Development the options validator refuses that (rightly).</summary>
    private static void AllowTheHttpEmulator(IServiceCollection services) =>
        services.RemoveAll<Microsoft.Extensions.Options.IValidateOptions<WorkOS.AspNetCore.Authentication.WorkOSAuthKitOptions>>();

    [Fact]
    public async Task An_app_that_never_added_antiforgery_still_refuses_a_sign_out_post_without_a_token()
    {
        await using var app = await AuthKitTestApp.StartAsync();
        using var browser = app.CreateBrowser();
        await browser.SignInAsync("alice@acme.com");

        var forged = await browser.PostFormAsync("/auth/sign-out", new Dictionary<string, string> { ["returnUrl"] = "/public" });

        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal("application/problem+json", forged.Content.Headers.ContentType?.MediaType);
        Assert.Contains(app.Logs.Entries, e => e.EventId.Id == 1101);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/protected")).StatusCode);
        Assert.Equal(0, app.Emulator.CountRequests("GET", "/user_management/sessions/logout"));

        var real = await browser.SubmitFormAsync("/auth/sign-out", new Dictionary<string, string> { ["returnUrl"] = "/public" });
        Assert.Equal("/user_management/sessions/logout", browser.Location(real).AbsolutePath);
    }

    [Fact]
    public async Task A_sign_out_token_from_another_browser_is_refused()
    {
        await using var app = await AuthKitTestApp.StartAsync();
        using var victim = app.CreateBrowser();
        using var attacker = app.CreateBrowser();
        await victim.SignInAsync("alice@acme.com");
        var attackersToken = await attacker.AntiforgeryTokenAsync();

        var forged = await victim.PostFormAsync("/auth/sign-out", new Dictionary<string, string> { ["__RequestVerificationToken"] = attackersToken });

        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await victim.GetAsync("/protected")).StatusCode);
    }

    [Fact]
    public async Task An_app_that_never_added_antiforgery_still_refuses_an_organization_switch_without_a_token()
    {
        await using var app = await AuthKitTestApp.StartAsync();
        using var browser = app.CreateBrowser();
        await browser.SignInAsync("alice@acme.com");

        var forged = await browser.PostFormAsync("/auth/switch-organization", new Dictionary<string, string> { ["organizationId"] = "org_globex" });

        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Contains(app.Logs.Entries, e => e.EventId.Id == 1103);
        Assert.Equal(["org_acme"], (await browser.ClaimsAsync())["org_id"]);
        Assert.Equal(0, app.Emulator.Requests.Count(r => r.Body.TryGetValue("organization_id", out var org) && org == "org_globex"));
    }

    [Fact]
    public async Task An_organization_switch_form_that_cannot_be_parsed_is_refused_with_400_not_500()
    {
        await using var app = await AuthKitTestApp.StartAsync();
        using var browser = app.CreateBrowser();
        await browser.SignInAsync("alice@acme.com");

        var response = await browser.SendAsync(new HttpRequestMessage(HttpMethod.Post, "http://localhost/auth/switch-organization")
        {
            Content = new StringContent("organizationId=org_globex%00", System.Text.Encoding.ASCII, "application/x-www-form-urlencoded"),
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(app.Logs.Entries, e => e.EventId.Id == 1103 && e.Message.Contains("could not be read", StringComparison.Ordinal));
        Assert.DoesNotContain(app.Logs.Entries, e => e.Level >= Microsoft.Extensions.Logging.LogLevel.Error);
        Assert.Equal(["org_acme"], (await browser.ClaimsAsync())["org_id"]);
    }

    [Fact]
    public async Task In_production_the_pending_sign_in_and_session_cookies_are_secure_and_sign_in_works_over_https()
    {
        await using var app = await AuthKitTestApp.StartAsync(environment: "Production", services: AllowTheHttpEmulator);
        using var browser = app.CreateBrowser(new Uri("https://localhost/"));

        var challenge = await browser.GetAsync("/protected");
        var toCallback = await browser.GetAsync(browser.Location(challenge) + "&login_hint=alice%40acme.com");
        var callback = await browser.GetAsync(browser.Location(toCallback).ToString());

        Assert.True(IsSecure(SetCookie(challenge, Pending)), SetCookie(challenge, Pending));
        Assert.Equal(HttpStatusCode.Redirect, callback.StatusCode);
        Assert.True(IsSecure(SetCookie(callback, Session)), SetCookie(callback, Session));
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("https://localhost/protected")).StatusCode);
    }

    [Fact]
    public async Task In_production_the_cookies_are_secure_even_on_an_http_request()
    {
        await using var app = await AuthKitTestApp.StartAsync(environment: "Production", services: AllowTheHttpEmulator);
        using var browser = app.CreateBrowser();

        var challenge = await browser.GetAsync("/protected");

        Assert.True(IsSecure(SetCookie(challenge, Pending)), SetCookie(challenge, Pending));
    }

    [Fact]
    public async Task In_development_sign_in_works_over_http_with_cookies_that_are_not_secure()
    {
        await using var app = await AuthKitTestApp.StartAsync();
        using var browser = app.CreateBrowser();

        var challenge = await browser.GetAsync("/protected");
        var toCallback = await browser.GetAsync(browser.Location(challenge) + "&login_hint=alice%40acme.com");
        var callback = await browser.GetAsync(browser.Location(toCallback).ToString());

        Assert.False(IsSecure(SetCookie(challenge, Pending)));
        Assert.False(IsSecure(SetCookie(callback, Session)));
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/protected")).StatusCode);
    }

    [Fact]
    public async Task In_development_an_https_request_still_gets_secure_cookies()
    {
        await using var app = await AuthKitTestApp.StartAsync();
        using var browser = app.CreateBrowser(new Uri("https://localhost/"));

        var challenge = await browser.GetAsync("/protected");

        Assert.True(IsSecure(SetCookie(challenge, Pending)));
    }

    [Fact]
    public async Task In_development_a_pending_sign_in_cookie_policy_the_app_chose_is_kept()
    {
        await using var app = await AuthKitTestApp.StartAsync(configure: o => o.CorrelationCookie.SecurePolicy = CookieSecurePolicy.Always);
        using var browser = app.CreateBrowser();

        var challenge = await browser.GetAsync("/protected");

        Assert.True(IsSecure(SetCookie(challenge, Pending)));
    }

    [Fact]
    public async Task In_development_a_session_cookie_policy_the_app_chose_is_kept()
    {
        await using var app = await AuthKitTestApp.StartAsync(services: s => s.Configure<CookieAuthenticationOptions>(WorkOSAuthKitDefaults.CookieScheme,
            o => o.Cookie.SecurePolicy = CookieSecurePolicy.Always));
        using var browser = app.CreateBrowser();

        var callback = await browser.SignInAsync("alice@acme.com");

        Assert.Equal(HttpStatusCode.Redirect, callback.StatusCode);
        Assert.True(IsSecure(SetCookie(callback, Session)));
    }
}
