using System.Net;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using WorkOS.AspNetCore.Sso;
using WorkOS.AspNetCore.Testing;
using WorkOS.AspNetCore.Tests.Infrastructure;

namespace WorkOS.AspNetCore.Tests.Sso;

/// <summary>Bad input at the SSO callback: a clear non-500 answer, a log line, no code exchanged, nobody signed in.</summary>
public sealed class SsoCallbackAttackTests
{
    private const int SignInRefusedEvent = 1962;

    /// <summary>Starts a sign-in through a connection and returns the state the app issued.</summary>
    internal static async Task<string> StartAsync(WorkOSTestClient browser, string query = "connection=conn_01TEST")
    {
        var challenge = await browser.GetAsync("/sign-in?" + query);
        Assert.Equal(HttpStatusCode.Redirect, challenge.StatusCode);
        return HttpAssertions.Query(browser.Location(challenge))["state"].ToString();
    }

    internal static async Task AssertRefusedAsync(SsoTestApp app, WorkOSTestClient browser, HttpResponseMessage response, HttpStatusCode status, string error)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.DoesNotContain(response.SetCookies(), c => c.StartsWith(SsoTestApp.CookieName + "=", StringComparison.Ordinal));
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains(error, body);
        Assert.DoesNotContain(" at WorkOS.", body);
        Assert.Contains(app.Logs.Entries, e => e.EventId.Id == SignInRefusedEvent && e.Message.Contains(error));
        var after = await browser.GetAsync("/protected");
        Assert.NotEqual(HttpStatusCode.OK, after.StatusCode);
    }

    [Fact]
    public async Task Tampered_state_is_refused_without_exchanging_the_code()
    {
        await using var app = await SsoTestApp.StartAsync();
        using var browser = app.CreateBrowser();
        var state = await StartAsync(browser);
        var tampered = state[..^4] + (state[^4] == 'A' ? "B" : "A") + state[^3..];

        var response = await browser.GetAsync($"/auth/sso/callback?code=abc&state={tampered}");

        await AssertRefusedAsync(app, browser, response, HttpStatusCode.BadRequest, "invalid_state");
        Assert.Equal(0, app.Emulator.CountRequests("POST", "/sso/token"));
    }

    [Fact]
    public async Task Callback_without_a_state_is_refused_without_exchanging_the_code()
    {
        await using var app = await SsoTestApp.StartAsync();
        using var browser = app.CreateBrowser();

        var response = await browser.GetAsync("/auth/sso/callback?code=abc");

        await AssertRefusedAsync(app, browser, response, HttpStatusCode.BadRequest, "invalid_state");
        Assert.Equal(0, app.Emulator.CountRequests("POST", "/sso/token"));
    }

    [Fact]
    public async Task State_issued_by_another_app_is_refused()
    {
        await using var app = await SsoTestApp.StartAsync();
        await using var other = await SsoTestApp.StartAsync();
        using var browser = app.CreateBrowser();
        var foreign = await StartAsync(other.CreateBrowser());

        var response = await browser.GetAsync($"/auth/sso/callback?code=abc&state={Uri.EscapeDataString(foreign)}");

        await AssertRefusedAsync(app, browser, response, HttpStatusCode.BadRequest, "invalid_state");
    }

    [Fact]
    public async Task State_started_in_another_browser_fails_the_correlation_check()
    {
        await using var app = await SsoTestApp.StartAsync();
        using var attacker = app.CreateBrowser();
        using var victim = app.CreateBrowser();
        var state = await StartAsync(attacker);

        var response = await victim.GetAsync($"/auth/sso/callback?code=abc&state={Uri.EscapeDataString(state)}");

        await AssertRefusedAsync(app, victim, response, HttpStatusCode.BadRequest, "correlation_failed");
        Assert.Equal(0, app.Emulator.CountRequests("POST", "/sso/token"));
    }

    [Fact]
    public async Task Expired_state_is_refused()
    {
        await using var app = await SsoTestApp.StartAsync();
        using var browser = app.CreateBrowser();
        var state = await StartAsync(browser);
        app.Clock.Advance(TimeSpan.FromMinutes(16));

        var response = await browser.GetAsync($"/auth/sso/callback?code=abc&state={Uri.EscapeDataString(state)}");

        await AssertRefusedAsync(app, browser, response, HttpStatusCode.BadRequest, "state_expired");
    }

    [Fact]
    public async Task Callback_without_a_code_is_refused()
    {
        await using var app = await SsoTestApp.StartAsync();
        using var browser = app.CreateBrowser();
        var state = await StartAsync(browser);

        var response = await browser.GetAsync($"/auth/sso/callback?state={Uri.EscapeDataString(state)}");

        await AssertRefusedAsync(app, browser, response, HttpStatusCode.BadRequest, "invalid_request");
    }

    [Theory]
    [InlineData("ambiguous_connection_selector", HttpStatusCode.BadRequest, "More than one connection")]
    [InlineData("connection_domain_invalid", HttpStatusCode.BadRequest, "No SSO connection is set up for this email domain")]
    [InlineData("connection_invalid", HttpStatusCode.BadRequest, "does not exist or is not active")]
    [InlineData("connection_strategy_invalid", HttpStatusCode.BadRequest, "sign-in method is not supported")]
    [InlineData("connection_unlinked", HttpStatusCode.BadRequest, "not linked to an organization")]
    [InlineData("domain_connection_selector_not_allowed", HttpStatusCode.BadRequest, "Signing in by domain is not allowed")]
    [InlineData("invalid_connection_selector", HttpStatusCode.BadRequest, "is not valid")]
    [InlineData("organization_invalid", HttpStatusCode.BadRequest, "has no SSO connection")]
    [InlineData("oauth_failed", HttpStatusCode.BadRequest, "identity provider could not complete")]
    [InlineData("profile_not_allowed_outside_organization", HttpStatusCode.BadRequest, "outside its organization")]
    [InlineData("server_error", HttpStatusCode.BadGateway, "Please try again")]
    [InlineData("access_denied", HttpStatusCode.Forbidden, "cancelled")]
    public async Task Each_sso_error_code_ends_the_sign_in_with_its_own_outcome(string code, HttpStatusCode status, string text)
    {
        await using var app = await SsoTestApp.StartAsync();
        using var browser = app.CreateBrowser();
        var state = await StartAsync(browser);

        var response = await browser.GetAsync($"/auth/sso/callback?error={code}&error_description=ignored&state={Uri.EscapeDataString(state)}");

        await AssertRefusedAsync(app, browser, response, status, code);
        Assert.Contains(text, await response.Content.ReadAsStringAsync());
        Assert.Equal(0, app.Emulator.CountRequests("POST", "/sso/token"));
    }

    [Fact]
    public async Task Unknown_error_code_is_not_echoed_and_fails_the_sign_in()
    {
        await using var app = await SsoTestApp.StartAsync();
        using var browser = app.CreateBrowser();
        var state = await StartAsync(browser);

        var response = await browser.GetAsync($"/auth/sso/callback?error=%3Cscript%3Eevil&state={Uri.EscapeDataString(state)}");

        await AssertRefusedAsync(app, browser, response, HttpStatusCode.BadRequest, "sso_failed");
        Assert.DoesNotContain("<script>", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Cancelled_sign_in_goes_to_the_access_denied_path_when_one_is_set()
    {
        await using var app = await SsoTestApp.StartAsync(options => options.AccessDeniedPath = "/cancelled");
        using var browser = app.CreateBrowser();
        var state = await StartAsync(browser);

        var response = await browser.GetAsync($"/auth/sso/callback?error=access_denied&state={Uri.EscapeDataString(state)}");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/cancelled", browser.Location(response).AbsolutePath);
    }

    [Fact]
    public async Task Failed_sign_in_redirects_to_the_error_path_with_the_code()
    {
        await using var app = await SsoTestApp.StartAsync(options => options.ErrorPath = "/sso-error");
        using var browser = app.CreateBrowser();
        var state = await StartAsync(browser);

        var response = await browser.GetAsync($"/auth/sso/callback?error=connection_invalid&state={Uri.EscapeDataString(state)}");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!.OriginalString;
        Assert.StartsWith("/sso-error?error=connection_invalid", location);
    }

    [Fact]
    public async Task State_protected_for_the_authkit_scheme_of_the_same_app_is_refused()
    {
        await using var app = await SsoTestApp.StartAsync();
        using var browser = app.CreateBrowser();
        var state = await StartAsync(browser);
        var sso = app.Services.GetRequiredService<IOptionsMonitor<WorkOSSsoOptions>>().Get(WorkOSSsoDefaults.AuthenticationScheme).StateDataFormat;
        var authKit = new PropertiesDataFormat(app.Services.GetRequiredService<IDataProtectionProvider>()
            .CreateProtector("WorkOS.AspNetCore.AuthKit.State", WorkOSSsoDefaults.AuthenticationScheme, "v1"));
        var reprotected = authKit.Protect(sso.Unprotect(state)!);

        var response = await browser.GetAsync($"/auth/sso/callback?code=abc&state={Uri.EscapeDataString(reprotected)}");

        await AssertRefusedAsync(app, browser, response, HttpStatusCode.BadRequest, "invalid_state");
    }

    [Fact]
    public async Task Redirect_event_may_add_parameters_or_answer_the_challenge_itself()
    {
        await using var app = await SsoTestApp.StartAsync(options => options.Events.OnRedirectToAuthorize = context =>
        {
            if (context.Request.Query.ContainsKey("stop"))
            {
                context.Response.StatusCode = StatusCodes.Status204NoContent;
                context.HandleResponse();
            }

            context.Parameters["custom"] = "1";
            return Task.CompletedTask;
        });
        using var browser = app.CreateBrowser();

        var redirected = await browser.GetAsync("/sign-in?connection=conn_01TEST");
        var handled = await browser.GetAsync("/sign-in?connection=conn_01TEST&stop=1");

        Assert.Equal("1", HttpAssertions.Query(browser.Location(redirected))["custom"].ToString());
        Assert.Equal(HttpStatusCode.NoContent, handled.StatusCode);
        Assert.Null(handled.Headers.Location);
    }
}
