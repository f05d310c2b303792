using System.Net;
using WorkOS.AspNetCore.Tests.Infrastructure;

namespace WorkOS.AspNetCore.Tests.Session;

public sealed class OrganizationSwitchTests
{
    [Fact]
    public async Task Switching_organization_changes_org_role_and_permissions_at_once()
    {
        await using var app = await AuthKitTestApp.StartAsync();
        using var browser = app.CreateBrowser();
        await browser.SignInAsync("alice@acme.com");
        Assert.Equal(["admin"], (await browser.ClaimsAsync())["role"]);

        var response = await browser.SubmitFormAsync("/auth/switch-organization",
            new Dictionary<string, string> { ["organizationId"] = "org_globex", ["returnUrl"] = "/protected" });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/protected", response.Headers.Location!.OriginalString);
        var claims = await browser.ClaimsAsync();
        Assert.Equal(["org_globex"], claims["org_id"]);
        Assert.Equal(["member"], claims["role"]);
        Assert.DoesNotContain("users:manage", claims["permission"]);
        Assert.False(claims.ContainsKey("entitlement")); // Globex has none
        var call = app.Emulator.Requests.Last(r => r.Path == "/user_management/authenticate");
        Assert.Equal("org_globex", call.Body["organization_id"]);
    }

    [Fact]
    public async Task Switching_to_an_organization_the_user_is_not_a_member_of_is_refused_and_keeps_the_session()
    {
        await using var app = await AuthKitTestApp.StartAsync();
        using var browser = app.CreateBrowser();
        await browser.SignInAsync("bob@acme.com");

        var response = await browser.SubmitFormAsync("/auth/switch-organization", new Dictionary<string, string> { ["organizationId"] = "org_globex" });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var claims = await browser.ClaimsAsync();
        Assert.Equal(["org_acme"], claims["org_id"]);

        // The session still refreshes normally afterwards.
        app.Clock.Advance(TimeSpan.FromMinutes(4) + TimeSpan.FromSeconds(45));
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/protected")).StatusCode);
    }

    [Theory]
    [InlineData("""{"error":"sso_required","error_description":"User must authenticate using one of the matching connections."}""")]
    [InlineData("""{"code":"mfa_enrollment","message":"The user must enroll in MFA to finish authenticating.","pending_authentication_token":"tok"}""")]
    public async Task Organization_that_needs_a_new_sign_in_sends_the_user_through_authkit_for_it(string error)
    {
        await using var app = await AuthKitTestApp.StartAsync();
        using var browser = app.CreateBrowser();
        await browser.SignInAsync("alice@acme.com");
        app.Emulator.InjectFault("POST", "/user_management/authenticate", 400, error);

        var response = await browser.SubmitFormAsync("/auth/switch-organization",
            new Dictionary<string, string> { ["organizationId"] = "org_globex", ["returnUrl"] = "/protected" });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var authorize = browser.Location(response);
        Assert.Equal("/user_management/authorize", authorize.AbsolutePath);
        Assert.Equal("org_globex", HttpAssertions.Query(authorize)["organization_id"]);
        Assert.NotNull(browser.GetCookie(WorkOSAuthKitDefaults.SessionCookieName)); // not signed out

        var toCallback = await browser.GetAsync(authorize + "&login_hint=alice%40acme.com");
        var callback = await browser.GetAsync(browser.Location(toCallback).PathAndQuery);
        Assert.Equal("/protected", callback.Headers.Location!.OriginalString);
        Assert.Equal(["org_globex"], (await browser.ClaimsAsync())["org_id"]);
    }

    [Fact]
    public async Task Switching_when_signed_out_starts_a_sign_in_for_the_organization()
    {
        await using var app = await AuthKitTestApp.StartAsync();
        using var browser = app.CreateBrowser();

        var response = await browser.SubmitFormAsync("/auth/switch-organization", new Dictionary<string, string> { ["organizationId"] = "org_globex" });

        Assert.Equal("org_globex", HttpAssertions.Query(browser.Location(response))["organization_id"]);
    }

    [Fact]
    public async Task Workos_unreachable_during_a_switch_answers_503_and_keeps_the_session()
    {
        await using var app = await AuthKitTestApp.StartAsync();
        using var browser = app.CreateBrowser();
        await browser.SignInAsync("alice@acme.com");
        app.Emulator.InjectFault("POST", "/user_management/authenticate", 502);

        var response = await browser.SubmitFormAsync("/auth/switch-organization", new Dictionary<string, string> { ["organizationId"] = "org_globex" });

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal(["org_acme"], (await browser.ClaimsAsync())["org_id"]);
    }
}
