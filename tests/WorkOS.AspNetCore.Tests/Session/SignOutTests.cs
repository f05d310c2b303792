using System.Net;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using WorkOS.AspNetCore.Session;
using WorkOS.AspNetCore.Tests.Infrastructure;

namespace WorkOS.AspNetCore.Tests.Session;

public sealed class SignOutTests
{
    [Fact]
    public async Task Sign_out_ends_the_local_and_the_workos_session_and_returns_to_the_app()
    {
        await using var app = await AuthKitTestApp.StartAsync();
        using var browser = app.CreateBrowser();
        await browser.SignInAsync("alice@acme.com");
        var sid = (await browser.ClaimsAsync())["sid"].Single();

        var response = await browser.SubmitFormAsync("/auth/sign-out", new Dictionary<string, string> { ["returnUrl"] = "/public" });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var logout = browser.Location(response);
        Assert.Equal("/user_management/sessions/logout", logout.AbsolutePath);
        var query = HttpAssertions.Query(logout);
        Assert.Equal(sid, query["session_id"]);
        Assert.Equal("http://localhost/public", query["return_to"]);
        Assert.Contains(response.SetCookies(), c => c.StartsWith(WorkOSAuthKitDefaults.SessionCookieName + "=;", StringComparison.Ordinal));

        var back = await browser.GetAsync(logout.ToString());
        Assert.Equal("http://localhost/public", browser.Location(back).ToString());
        Assert.False(app.Emulator.Sessions.Single(s => s.Id == sid).IsActive);
        var next = await browser.GetAsync("/protected");
        Assert.Equal(HttpStatusCode.Redirect, next.StatusCode);
        Assert.Equal("/user_management/authorize", browser.Location(next).AbsolutePath);
    }

    [Fact]
    public async Task Sign_out_through_SignOutAsync_on_the_authkit_scheme_does_the_same()
    {
        await using var app = await AuthKitTestApp.StartAsync(map: web => web.MapPost("/custom-sign-out", async (HttpContext context) =>
        {
            await Microsoft.AspNetCore.Authentication.AuthenticationHttpContextExtensions.SignOutAsync(context, WorkOSAuthKitDefaults.AuthenticationScheme);
        }));
        using var browser = app.CreateBrowser();
        await browser.SignInAsync("bob@acme.com");

        var response = await browser.PostFormAsync("/custom-sign-out", new Dictionary<string, string>());

        Assert.Equal("/user_management/sessions/logout", browser.Location(response).AbsolutePath);
        Assert.Null(browser.GetCookie(WorkOSAuthKitDefaults.SessionCookieName));
    }

    [Fact]
    public async Task Sign_out_without_a_session_just_redirects_locally_and_never_off_site()
    {
        await using var app = await AuthKitTestApp.StartAsync();
        using var browser = app.CreateBrowser();

        var response = await browser.SubmitFormAsync("/auth/sign-out", new Dictionary<string, string> { ["returnUrl"] = "https://evil.example/" });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Get_sign_out_is_refused_unless_enabled()
    {
        await using var app = await AuthKitTestApp.StartAsync();
        using var browser = app.CreateBrowser();
        await browser.SignInAsync("alice@acme.com");

        var response = await browser.GetAsync("/auth/sign-out");

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/protected")).StatusCode);

        await using var enabled = await AuthKitTestApp.StartAsync(o => o.AllowGetSignOut = true);
        using var browser2 = enabled.CreateBrowser();
        await browser2.SignInAsync("alice@acme.com");
        var allowed = await browser2.GetAsync("/auth/sign-out");
        Assert.Equal("/user_management/sessions/logout", browser2.Location(allowed).AbsolutePath);
    }

    [Fact]
    public async Task Sign_out_post_without_the_antiforgery_token_is_refused_when_antiforgery_is_on()
    {
        await using var app = await AuthKitTestApp.StartAsync(services: s => s.AddAntiforgery(),
            map: web => web.MapGet("/form", (HttpContext context, IAntiforgery antiforgery) =>
                Results.Text(antiforgery.GetAndStoreTokens(context).RequestToken!)));
        using var browser = app.CreateBrowser();
        await browser.SignInAsync("alice@acme.com");

        var forged = await browser.PostFormAsync("/auth/sign-out", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/protected")).StatusCode);
        Assert.Contains(app.Logs.Entries, e => e.EventId.Id == 1101);

        var token = await (await browser.GetAsync("/form")).Content.ReadAsStringAsync();
        var real = await browser.PostFormAsync("/auth/sign-out", new Dictionary<string, string> { ["__RequestVerificationToken"] = token });
        Assert.Equal("/user_management/sessions/logout", browser.Location(real).AbsolutePath);
    }

    [Fact]
    public async Task Revoking_the_session_from_the_server_signs_the_browser_out_at_its_next_refresh()
    {
        await using var app = await AuthKitTestApp.StartAsync();
        using var browser = app.CreateBrowser();
        await browser.SignInAsync("alice@acme.com");
        var claims = await browser.ClaimsAsync();
        var sessions = app.Services.GetRequiredService<WorkOSSessionService>();

        var listed = await sessions.ListAsync(claims["sub"].Single());
        Assert.Contains(listed, s => s.Id == claims["sid"].Single());
        await sessions.RevokeAsync(claims["sid"].Single());
        app.Clock.Advance(TimeSpan.FromMinutes(4) + TimeSpan.FromSeconds(45));

        Assert.Equal(HttpStatusCode.Redirect, (await browser.GetAsync("/protected")).StatusCode);
        Assert.Equal("***", app.Emulator.Requests.Last(r => r.Path == "/user_management/sessions/revoke").Body.GetValueOrDefault("client_secret", "***"));
    }
}
