using System.Net;
using System.Text.Json;
using WorkOS.AspNetCore.Claims;
using WorkOS.AspNetCore.Emulator;
using WorkOS.AspNetCore.Testing;
using WorkOS.AspNetCore.Tests.Infrastructure;

namespace WorkOS.AspNetCore.Tests.SignIn;

/// <summary>The password grant of a custom sign-in page, and the session it ends in.</summary>
public sealed class PasswordSignInTests
{
    private const string Password = EmulatorSeed.DefaultPassword;

    [Fact]
    public async Task A_correct_password_signs_in_with_the_AuthKit_session_cookie()
    {
        await using var app = await SignInApp.StartAsync();
        var browser = app.CreateBrowser();

        var page = await browser.PostAsync("/signin/password", ("email", "bob@acme.com"), ("password", Password), ("returnUrl", "/reports?q=1"));

        Assert.Equal("SignedIn", page.Status);
        Assert.Equal("user_bob", page.UserId);
        Assert.Equal("org_acme", page.OrganizationId);
        Assert.Equal("/reports?q=1", page.ReturnUrl);
        var claims = await ProtectedClaimsAsync(browser);
        Assert.Equal("user_bob", claims.GetProperty(WorkOSClaimTypes.UserId)[0].GetString());
        Assert.Contains(app.Logs.Entries, e => e.EventId.Id == 1005 && e.Message.Contains("user_bob"));
    }

    [Fact]
    public async Task A_wrong_password_fails_with_invalid_credentials_and_no_session()
    {
        await using var app = await SignInApp.StartAsync();
        var browser = app.CreateBrowser();

        var page = await browser.PostAsync("/signin/password", ("email", "bob@acme.com"), ("password", "not-the-password"));

        Assert.Equal("Failed", page.Status);
        Assert.Equal("invalid_credentials", page.ErrorCode);
        Assert.Equal("The email address or password is incorrect.", page.ErrorMessage);
        Assert.Null(page.PendingStep);
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.GetAsync("/protected", r => r.Headers.Add("Accept", "application/json"))).StatusCode);
    }

    [Fact]
    public async Task A_return_url_of_another_site_is_replaced_by_the_apps_root()
    {
        await using var app = await SignInApp.StartAsync();
        var browser = app.CreateBrowser();

        var page = await browser.PostAsync("/signin/password", ("email", "bob@acme.com"), ("password", Password), ("returnUrl", "https://evil.example/"));

        Assert.Equal("SignedIn", page.Status);
        Assert.Equal("/", page.ReturnUrl);
        Assert.Contains(app.Logs.Entries, e => e.EventId.Id == 1006);
    }

    [Fact]
    public async Task A_custom_sign_in_raises_the_token_response_and_ticket_events_once_each_in_order_as_a_hosted_one_does()
    {
        var seen = new List<string>();
        await using var app = await SignInApp.StartAsync(options =>
        {
            options.Events.OnTokenResponseReceived = context =>
            {
                seen.Add("token:" + context.TokenResponse.User.Email);
                return Task.CompletedTask;
            };
            options.Events.OnTicketReceived = context =>
            {
                seen.Add("ticket:" + context.Principal!.FindFirst("sub")!.Value);
                context.ReturnUri = "/welcome";
                return Task.CompletedTask;
            };
        });
        var browser = app.CreateBrowser();

        var page = await browser.PostAsync("/signin/password", ("email", "bob@acme.com"), ("password", Password));

        Assert.Equal("SignedIn", page.Status);
        Assert.Equal(["token:bob@acme.com", "ticket:user_bob"], seen);
        Assert.Equal("/welcome", page.ReturnUrl);
    }

    [Fact]
    public async Task A_token_response_event_that_refuses_the_user_leaves_them_signed_out()
    {
        await using var app = await SignInApp.StartAsync(options =>
            options.Events.OnTokenResponseReceived = context =>
            {
                context.Fail("Bob may not use this app.");
                return Task.CompletedTask;
            });
        var browser = app.CreateBrowser();

        var page = await browser.PostAsync("/signin/password", ("email", "bob@acme.com"), ("password", Password));

        Assert.Equal("Failed", page.Status);
        Assert.Equal("sign_in_refused", page.ErrorCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.GetAsync("/protected", r => r.Headers.Add("Accept", "application/json"))).StatusCode);
        Assert.Contains(app.Logs.Entries, e => e.EventId.Id == 1982);
    }

    [Fact]
    public async Task A_custom_sign_in_whose_access_token_expires_is_refreshed_by_the_cookie_scheme()
    {
        await using var app = await SignInApp.StartAsync();
        app.Emulator.SetAccessTokenLifetime(TimeSpan.FromMinutes(5));
        var browser = app.CreateBrowser();
        Assert.Equal("SignedIn", (await browser.PostAsync("/signin/password", ("email", "bob@acme.com"), ("password", Password))).Status);
        Assert.Equal(0, app.Emulator.CountRefreshes());

        app.Clock.Advance(TimeSpan.FromMinutes(6));
        var claims = await ProtectedClaimsAsync(browser);

        Assert.Equal("user_bob", claims.GetProperty(WorkOSClaimTypes.UserId)[0].GetString());
        Assert.Equal(1, app.Emulator.CountRefreshes());
    }

    [Fact]
    public async Task Missing_fields_fail_without_calling_WorkOS()
    {
        await using var app = await SignInApp.StartAsync();
        var browser = app.CreateBrowser();

        var page = await browser.PostAsync("/signin/password", ("email", "bob@acme.com"), ("password", ""));

        Assert.Equal("Failed", page.Status);
        Assert.Equal("invalid_request", page.ErrorCode);
        Assert.Equal(0, app.Emulator.CountRequests("POST", "/user_management/authenticate"));
        Assert.Contains(app.Logs.Entries, e => e.EventId.Id == 1983);
    }

    internal static async Task<JsonElement> ProtectedClaimsAsync(WorkOSTestClient browser)
    {
        var response = await browser.GetAsync("/protected", r => r.Headers.Add("Accept", "application/json"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
    }
}
