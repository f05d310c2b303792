using System.Diagnostics.Metrics;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using WorkOS.AspNetCore.Emulator;
using WorkOS.AspNetCore.Tests.Infrastructure;

namespace WorkOS.AspNetCore.Tests.Authentication;

/// <summary>
/// A hosted AuthKit sign-in that WorkOS answers with a further step finishes on the scheme's built-in step page:
/// end to end through the emulator, from the protected page the user asked for to that page, signed in.
/// </summary>
public sealed class HostedSignInStepTests
{
    private const string OrganizationSelection = "urn:workos:oauth:grant-type:organization-selection";
    private const string EmailVerification = "urn:workos:oauth:grant-type:email-verification:code";
    private const int StepRequiredEvent = 1990;

    [Fact]
    public async Task A_user_with_two_organizations_picks_one_on_the_built_in_page_and_lands_signed_in_to_it_on_the_original_page()
    {
        await using var app = await AuthKitTestApp.StartAsync();
        using var signIns = new MetricCollector<long>(app.Services.GetRequiredService<IMeterFactory>(), WorkOSAuthKitDefaults.MeterName, "workos.sign_ins");
        using var browser = app.CreateBrowser();

        var callback = await browser.SignInUntilStepAsync(app, "alice@acme.com", EmulatorAuthenticationError.OrganizationSelectionRequired);

        Assert.Equal(HttpStatusCode.SeeOther, callback.StatusCode);
        Assert.False(callback.SetsSessionCookie());
        Assert.Contains("no-store", callback.Headers.CacheControl?.ToString());
        var stepUrl = browser.Location(callback);
        Assert.Equal(HostedSignInStepPage.BuiltInPath, stepUrl.AbsolutePath);
        Assert.Contains(app.Logs.Entries, e => e.EventId.Id == StepRequiredEvent && e.Message.Contains("organization_selection"));
        Assert.Contains(signIns.GetMeasurementSnapshot(), m => m.Tags.TryGetValue("workos.outcome", out var outcome) && (string?)outcome == "step_required");

        var page = await browser.GetAsync(stepUrl.PathAndQuery);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var form = await HostedSignInStepPage.Form.ReadAsync(page);
        Assert.Equal([("org_acme", "Acme Corp"), ("org_globex", "Globex")], form.Buttons.OrderBy(b => b.Value));

        var chosen = await browser.SubmitAsync(form, ("organization_id", "org_globex"));

        Assert.Equal(HttpStatusCode.SeeOther, chosen.StatusCode);
        Assert.Equal(HostedSignInStepPage.ReturnUrl, browser.Location(chosen).PathAndQuery);
        Assert.True(chosen.SetsSessionCookie());
        var claims = await browser.ClaimsAsync();
        Assert.Equal(["org_globex"], claims["org_id"]);
        Assert.Equal(["member"], claims["role"]);
        var grant = Assert.Single(app.Emulator.Requests, r => r.Path == HostedSignInStepPage.Authenticate
            && r.Body.GetValueOrDefault("grant_type") == OrganizationSelection);
        Assert.Equal("org_globex", grant.Body["organization_id"]);
    }

    [Fact]
    public async Task The_step_page_is_html_encoded_unframed_uncached_and_runs_no_script()
    {
        const string hostile = "<script>alert(1)</script>\" onclick=\"x";
        await using var app = await AuthKitTestApp.StartAsync(configureEmulator: o => o.Seed = EmulatorSeed.CreateDefault()
            .AddOrganization(new SeedOrganization { Id = "org_hostile", Name = hostile })
            .AddMembership("alice@acme.com", "org_hostile", "member"));
        using var browser = app.CreateBrowser();
        var callback = await browser.SignInUntilStepAsync(app, "alice@acme.com", EmulatorAuthenticationError.OrganizationSelectionRequired);

        var page = await browser.GetAsync(browser.Location(callback).PathAndQuery);

        var html = await page.Content.ReadAsStringAsync();
        Assert.DoesNotContain("<script", html);
        Assert.DoesNotContain("\" onclick=", html);
        Assert.Contains(WebUtility.HtmlEncode(hostile), html);
        Assert.Contains((await HostedSignInStepPage.Form.ReadAsync(page)).Buttons, b => b == ("org_hostile", hostile));
        var csp = page.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("default-src 'none'", csp);
        Assert.Contains("frame-ancestors 'none'", csp);
        Assert.Contains("form-action 'self'", csp);
        Assert.DoesNotContain("unsafe-inline", csp);
        Assert.DoesNotContain("script-src", csp);
        Assert.Equal("DENY", page.Headers.GetValues("X-Frame-Options").Single());
        Assert.Equal("no-referrer", page.Headers.GetValues("Referrer-Policy").Single());
        Assert.Contains("no-store", page.Headers.CacheControl?.ToString());
    }

    [Fact]
    public async Task Email_verification_finishes_with_the_code_from_the_outbox()
    {
        await using var app = await AuthKitTestApp.StartAsync();
        using var browser = app.CreateBrowser();

        var (_, form) = await browser.OpenStepAsync(app, "bob@acme.com", EmulatorAuthenticationError.EmailVerificationRequired);

        Assert.Contains("bob@acme.com", form.Html);
        var code = app.Emulator.Outbox.Last(e => e.Kind == EmulatorEmailKind.EmailVerificationCode && e.To == "bob@acme.com").Code!;
        var verified = await browser.SubmitAsync(form, ("code", code));

        Assert.Equal(HttpStatusCode.SeeOther, verified.StatusCode);
        Assert.Equal(HostedSignInStepPage.ReturnUrl, browser.Location(verified).PathAndQuery);
        Assert.Equal(["user_bob"], (await browser.ClaimsAsync())["sub"]);
        Assert.Equal(1, app.Emulator.Grants(EmailVerification));
    }

    [Fact]
    public async Task A_wrong_code_shows_the_step_again_with_the_error_and_the_step_still_completes()
    {
        await using var app = await AuthKitTestApp.StartAsync();
        using var browser = app.CreateBrowser();
        var (_, form) = await browser.OpenStepAsync(app, "bob@acme.com", EmulatorAuthenticationError.EmailVerificationRequired);
        var code = app.Emulator.Outbox.Last(e => e.Kind == EmulatorEmailKind.EmailVerificationCode).Code!;

        var wrong = await browser.SubmitAsync(form, ("code", code == "000000" ? "111111" : "000000"));

        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        Assert.False(wrong.SetsSessionCookie());
        var again = await HostedSignInStepPage.Form.ReadAsync(wrong);
        Assert.Contains("The code is incorrect or has expired.", again.Html);
        Assert.Contains("bob@acme.com", again.Html);
        Assert.Equal("email_verification", again.Hidden["action"]);
        Assert.Equal(HttpStatusCode.Redirect, (await browser.GetAsync("/protected")).StatusCode);
        Assert.Contains(app.Logs.Entries, e => e.EventId.Id == 1994);

        var right = await browser.SubmitAsync(again, ("code", code));

        Assert.Equal(HttpStatusCode.SeeOther, right.StatusCode);
        Assert.Equal(["user_bob"], (await browser.ClaimsAsync())["sub"]);
    }

    [Fact]
    public async Task An_organization_that_was_not_offered_is_refused_and_the_choice_is_shown_again()
    {
        await using var app = await AuthKitTestApp.StartAsync(configureEmulator: o => o.Seed = EmulatorSeed.CreateDefault()
            .AddOrganization(new SeedOrganization { Id = "org_initech", Name = "Initech" }));
        using var browser = app.CreateBrowser();
        var (_, form) = await browser.OpenStepAsync(app, "alice@acme.com", EmulatorAuthenticationError.OrganizationSelectionRequired);

        var refused = await browser.SubmitAsync(form, ("organization_id", "org_initech"));

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.False(refused.SetsSessionCookie());
        var again = await HostedSignInStepPage.Form.ReadAsync(refused);
        Assert.Contains("Choose one of the organizations offered.", again.Html);
        Assert.Equal(["org_acme", "org_globex"], again.Buttons.Select(b => b.Value).Order());
        Assert.Equal(0, app.Emulator.Grants(OrganizationSelection));
        Assert.Equal(HttpStatusCode.Redirect, (await browser.GetAsync("/protected")).StatusCode);
    }

    [Fact]
    public async Task A_workos_outage_during_the_step_shows_the_step_again_with_a_clear_error_and_not_a_500()
    {
        await using var app = await AuthKitTestApp.StartAsync();
        using var browser = app.CreateBrowser();
        var (_, form) = await browser.OpenStepAsync(app, "alice@acme.com", EmulatorAuthenticationError.OrganizationSelectionRequired);
        app.Emulator.InjectFault("POST", HostedSignInStepPage.Authenticate, 503, "<html><body>Service Unavailable</body></html>", contentType: "text/html");

        var down = await browser.SubmitAsync(form, ("organization_id", "org_acme"));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, down.StatusCode);
        Assert.False(down.SetsSessionCookie());
        var again = await HostedSignInStepPage.Form.ReadAsync(down);
        Assert.Contains("The sign-in service could not be reached. Please try again.", again.Html);
        Assert.DoesNotContain("Service Unavailable", again.Html);
        Assert.Equal(2, again.Buttons.Count);

        var retried = await browser.SubmitAsync(again, ("organization_id", "org_acme"));

        Assert.Equal(HttpStatusCode.SeeOther, retried.StatusCode);
        Assert.Equal(["org_acme"], (await browser.ClaimsAsync())["org_id"]);
    }

    [Fact]
    public async Task A_code_exchange_refused_for_another_reason_still_ends_on_the_failure_page()
    {
        await using var app = await AuthKitTestApp.StartAsync();
        using var browser = app.CreateBrowser();
        var challenge = await browser.GetAsync(HostedSignInStepPage.ReturnUrl);
        var toCallback = await browser.GetAsync(browser.Location(challenge) + "&login_hint=alice%40acme.com");
        app.Emulator.InjectFault("POST", HostedSignInStepPage.Authenticate, 400, """{"error":"invalid_grant","error_description":"The code has expired."}""");

        var response = await browser.GetAsync(browser.Location(toCallback).PathAndQuery);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("code_exchange_failed", await response.Content.ReadAsStringAsync());
        Assert.DoesNotContain(app.Logs.Entries, e => e.EventId.Id == StepRequiredEvent);
    }

    [Fact]
    public async Task Sso_required_with_one_connection_restarts_the_sign_in_through_it_once_then_says_sso_is_required()
    {
        await using var app = await AuthKitTestApp.StartAsync();
        using var browser = app.CreateBrowser();
        app.Emulator.FailAuthentication("bob@acme.com", EmulatorAuthenticationError.SsoRequired, count: 2);
        var challenge = await browser.GetAsync(HostedSignInStepPage.ReturnUrl);
        var toCallback = await browser.GetAsync(browser.Location(challenge) + "&login_hint=bob%40acme.com");

        var restarted = await browser.GetAsync(browser.Location(toCallback).PathAndQuery);

        Assert.Equal(HttpStatusCode.Redirect, restarted.StatusCode);
        var authorize = browser.Location(restarted);
        Assert.Equal("/user_management/authorize", authorize.AbsolutePath);
        Assert.Equal("conn_emulator_org_acme", HttpAssertions.Query(authorize)["connection_id"].ToString());
        Assert.Contains(app.Logs.Entries, e => e.EventId.Id == 1992);

        var again = await browser.GetAsync(authorize + "&login_hint=bob%40acme.com");
        var refused = await browser.GetAsync(browser.Location(again).PathAndQuery);

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Contains("sso_required", await refused.Content.ReadAsStringAsync());
        Assert.False(refused.SetsSessionCookie());
    }

    [Fact]
    public async Task Sso_required_with_several_connections_says_sso_is_required()
    {
        await using var app = await AuthKitTestApp.StartAsync();
        using var browser = app.CreateBrowser();

        var refused = await browser.SignInUntilStepAsync(app, "alice@acme.com", EmulatorAuthenticationError.SsoRequired);

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Contains("single sign-on", await refused.Content.ReadAsStringAsync());
        Assert.False(refused.SetsSessionCookie());
    }
}
