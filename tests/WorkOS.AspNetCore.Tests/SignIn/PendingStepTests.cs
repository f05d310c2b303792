using System.Net;
using WorkOS.AspNetCore.Emulator;
using WorkOS.AspNetCore.Tests.Infrastructure;

namespace WorkOS.AspNetCore.Tests.SignIn;

/// <summary>
/// Organization selection, and what protects a pending step: it works once, in the browser that started the sign-in,
/// for <c>SignInStepLifetime</c>, and only as issued.
/// </summary>
public sealed class PendingStepTests
{
    private const string Password = EmulatorSeed.DefaultPassword;
    private const string Authenticate = "/user_management/authenticate";

    [Fact]
    public async Task A_user_of_two_organizations_chooses_one_and_is_signed_in_to_it()
    {
        await using var app = await SignInApp.StartAsync();
        var browser = app.CreateBrowser();

        var step = await browser.PostAsync("/signin/password", ("email", "alice@acme.com"), ("password", Password), ("returnUrl", "/reports"));
        Assert.Equal("RequiresOrganizationSelection", step.Status);
        Assert.Equal([new("org_acme", "Acme Corp"), new("org_globex", "Globex")], step.Organizations);
        Assert.Equal("/reports", step.ReturnUrl);
        Assert.NotNull(step.PendingStep);
        Assert.Contains(app.Logs.Entries, e => e.EventId.Id == 1974);

        var page = await browser.PostAsync("/signin/organization", ("step", step.PendingStep!), ("organization", "org_globex"));

        Assert.Equal("SignedIn", page.Status);
        Assert.Equal("org_globex", page.OrganizationId);
        Assert.Equal("/reports", page.ReturnUrl);
        var claims = await PasswordSignInTests.ProtectedClaimsAsync(browser);
        Assert.Equal("org_globex", claims.GetProperty("org_id")[0].GetString());
    }

    [Fact]
    public async Task An_organization_the_step_did_not_offer_is_refused_without_calling_WorkOS()
    {
        await using var app = await SignInApp.StartAsync();
        var browser = app.CreateBrowser();
        var step = await browser.PostAsync("/signin/password", ("email", "alice@acme.com"), ("password", Password));
        var grants = app.Emulator.CountRequests("POST", Authenticate);

        var page = await browser.PostAsync("/signin/organization", ("step", step.PendingStep!), ("organization", "org_initech"));

        Assert.Equal("Failed", page.Status);
        Assert.Equal("organization_not_offered", page.ErrorCode);
        Assert.Equal(step.PendingStep, page.PendingStep); // the page may offer the choice again
        Assert.Equal(2, page.Organizations.Count);
        Assert.Equal(grants, app.Emulator.CountRequests("POST", Authenticate));
        Assert.Contains(app.Logs.Entries, e => e.EventId.Id == 1979);
    }

    [Fact]
    public async Task A_step_from_another_browser_is_refused_as_step_invalid_without_calling_WorkOS()
    {
        await using var app = await SignInApp.StartAsync();
        var victim = app.CreateBrowser();
        var step = await victim.PostAsync("/signin/password", ("email", "alice@acme.com"), ("password", Password));
        var attacker = app.CreateBrowser();
        var grants = app.Emulator.CountRequests("POST", Authenticate);

        var page = await attacker.PostAsync("/signin/organization", ("step", step.PendingStep!), ("organization", "org_acme"));

        Assert.Equal("Failed", page.Status);
        Assert.Equal("step_invalid", page.ErrorCode);
        Assert.Null(page.PendingStep);
        Assert.Equal(grants, app.Emulator.CountRequests("POST", Authenticate));
        Assert.Equal(HttpStatusCode.Unauthorized, (await attacker.GetAsync("/protected", r => r.Headers.Add("Accept", "application/json"))).StatusCode);
        Assert.Contains(app.Logs.Entries, e => e.EventId.Id == 1972 && e.Message.Contains("another browser"));
    }

    [Fact]
    public async Task A_browser_with_its_own_step_cookie_cannot_use_another_browsers_step()
    {
        await using var app = await SignInApp.StartAsync();
        var victim = app.CreateBrowser();
        var step = await victim.PostAsync("/signin/password", ("email", "alice@acme.com"), ("password", Password));
        var attacker = app.CreateBrowser();
        Assert.Equal("RequiresOrganizationSelection", (await attacker.PostAsync("/signin/password", ("email", "alice@acme.com"), ("password", Password))).Status);

        var page = await attacker.PostAsync("/signin/organization", ("step", step.PendingStep!), ("organization", "org_acme"));

        Assert.Equal("step_invalid", page.ErrorCode);
        Assert.Contains(app.Logs.Entries, e => e.EventId.Id == 1972 && e.Message.Contains("started in another browser"));
    }

    [Fact]
    public async Task A_step_replayed_after_its_sign_in_completed_is_refused_before_WorkOS_sees_it()
    {
        await using var app = await SignInApp.StartAsync();
        var browser = app.CreateBrowser();
        var step = await browser.PostAsync("/signin/password", ("email", "alice@acme.com"), ("password", Password));
        Assert.Equal("SignedIn", (await browser.PostAsync("/signin/organization", ("step", step.PendingStep!), ("organization", "org_acme"))).Status);
        var grants = app.Emulator.CountRequests("POST", Authenticate);

        var replay = await browser.PostAsync("/signin/organization", ("step", step.PendingStep!), ("organization", "org_globex"));

        Assert.Equal("Failed", replay.Status);
        Assert.Equal("step_invalid", replay.ErrorCode);
        Assert.Equal(grants, app.Emulator.CountRequests("POST", Authenticate));
        var claims = await PasswordSignInTests.ProtectedClaimsAsync(browser);
        Assert.Equal("org_acme", claims.GetProperty("org_id")[0].GetString());
    }

    [Fact]
    public async Task A_step_older_than_its_lifetime_is_refused_as_step_expired()
    {
        await using var app = await SignInApp.StartAsync(options => options.SignInStepLifetime = TimeSpan.FromMinutes(5));
        var browser = app.CreateBrowser();
        var step = await browser.PostAsync("/signin/password", ("email", "alice@acme.com"), ("password", Password));

        app.Clock.Advance(TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(1));
        var page = await browser.PostAsync("/signin/organization", ("step", step.PendingStep!), ("organization", "org_acme"));

        Assert.Equal("Failed", page.Status);
        Assert.Equal("step_expired", page.ErrorCode);
        Assert.Equal("This sign-in step has expired. Please sign in again.", page.ErrorMessage);
        Assert.Contains(app.Logs.Entries, e => e.EventId.Id == 1973);
    }

    [Fact]
    public async Task A_step_within_its_lifetime_still_works()
    {
        await using var app = await SignInApp.StartAsync(options => options.SignInStepLifetime = TimeSpan.FromMinutes(5));
        var browser = app.CreateBrowser();
        var step = await browser.PostAsync("/signin/password", ("email", "alice@acme.com"), ("password", Password));

        app.Clock.Advance(TimeSpan.FromMinutes(4));
        var page = await browser.PostAsync("/signin/organization", ("step", step.PendingStep!), ("organization", "org_acme"));

        Assert.Equal("SignedIn", page.Status);
    }

    [Theory]
    [InlineData("flip")]
    [InlineData("truncate")]
    [InlineData("garbage")]
    [InlineData("oversized")]
    [InlineData("empty")]
    public async Task A_tampered_step_is_refused_as_step_invalid(string tampering)
    {
        await using var app = await SignInApp.StartAsync();
        var browser = app.CreateBrowser();
        var step = (await browser.PostAsync("/signin/password", ("email", "alice@acme.com"), ("password", Password))).PendingStep!;
        var tampered = tampering switch
        {
            "flip" => step[..20] + (step[20] == 'A' ? 'B' : 'A') + step[21..],
            "truncate" => step[..(step.Length / 2)],
            "garbage" => "not a step at all!",
            "oversized" => new string('A', 64 * 1024),
            _ => "",
        };

        var page = await browser.PostAsync("/signin/organization", ("step", tampered), ("organization", "org_acme"));

        Assert.Equal("Failed", page.Status);
        Assert.Equal("step_invalid", page.ErrorCode);
        Assert.Contains(app.Logs.Entries, e => e.EventId.Id == 1972);
    }

    [Fact]
    public async Task A_step_of_one_kind_is_refused_where_another_kind_is_needed()
    {
        await using var app = await SignInApp.StartAsync();
        var browser = app.CreateBrowser();
        var step = await browser.PostAsync("/signin/password", ("email", "alice@acme.com"), ("password", Password));

        var page = await browser.PostAsync("/signin/verify-email", ("step", step.PendingStep!), ("code", "123456"));

        Assert.Equal("step_invalid", page.ErrorCode);
        Assert.Contains(app.Logs.Entries, e => e.EventId.Id == 1978);
    }

    [Fact]
    public async Task A_step_of_another_app_is_refused()
    {
        await using var first = await SignInApp.StartAsync();
        await using var second = await SignInApp.StartAsync();
        var browser = first.CreateBrowser();
        var step = await browser.PostAsync("/signin/password", ("email", "alice@acme.com"), ("password", Password));

        var elsewhere = second.CreateBrowser();
        var page = await elsewhere.PostAsync("/signin/organization", ("step", step.PendingStep!), ("organization", "org_acme"));

        Assert.Equal("step_invalid", page.ErrorCode);
    }

    [Fact]
    public async Task The_step_cookie_is_HttpOnly_and_SameSite_Lax_and_Secure_over_https()
    {
        await using var app = await SignInApp.StartAsync();
        var browser = app.CreateBrowser(new Uri("https://localhost/"));

        var response = await browser.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/signin/password")
        {
            Content = new FormUrlEncodedContent([new("email", "alice@acme.com"), new("password", Password)]),
        });

        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith("wos-auth-pending-step=", StringComparison.Ordinal));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("secure", cookie, StringComparison.OrdinalIgnoreCase);
    }
}
