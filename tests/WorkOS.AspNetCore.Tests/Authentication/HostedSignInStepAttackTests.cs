using System.Net;
using WorkOS.AspNetCore.Emulator;
using WorkOS.AspNetCore.Tests.Infrastructure;

namespace WorkOS.AspNetCore.Tests.Authentication;

/// <summary>
/// The hosted sign-in's further step under attack: each bad step, replay, foreign browser or forged callback gets a
/// clear page and a log line, never a 500, and signs nobody in who should not be.
/// </summary>
public sealed class HostedSignInStepAttackTests
{
    private const string OrganizationSelection = "urn:workos:oauth:grant-type:organization-selection";
    private const string CodeExchange = "authorization_code";
    private const int StepRequiredEvent = 1990;
    private const int StepEndedEvent = 1996;

    private static async Task AssertEndedAsync(AuthKitTestApp app, HttpResponseMessage response, string error)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.False(response.SetsSessionCookie());
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains(error, html);
        Assert.Contains("sign in again", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<form", html);
        Assert.DoesNotContain(" at WorkOS.", html);
        Assert.Contains(app.Logs.Entries, e => e.EventId.Id == StepEndedEvent && e.Message.Contains(error));
    }

    [Fact]
    public async Task An_expired_step_is_refused_on_the_page_and_on_submit_without_asking_workos()
    {
        await using var app = await AuthKitTestApp.StartAsync();
        using var browser = app.CreateBrowser();
        var (stepUrl, form) = await browser.OpenStepAsync(app, "alice@acme.com", EmulatorAuthenticationError.OrganizationSelectionRequired);

        app.Clock.Advance(TimeSpan.FromMinutes(10) + TimeSpan.FromSeconds(1));
        var shown = await browser.GetAsync(stepUrl.PathAndQuery);
        var submitted = await browser.SubmitAsync(form, ("organization_id", "org_acme"));

        await AssertEndedAsync(app, shown, "step_expired");
        await AssertEndedAsync(app, submitted, "step_expired");
        Assert.Equal(0, app.Emulator.Grants(OrganizationSelection));
        Assert.Equal(HttpStatusCode.Redirect, (await browser.GetAsync("/protected")).StatusCode);
    }

    [Fact]
    public async Task A_step_replayed_after_it_signed_in_is_refused_and_the_session_stays_as_chosen()
    {
        await using var app = await AuthKitTestApp.StartAsync();
        using var browser = app.CreateBrowser();
        var (stepUrl, form) = await browser.OpenStepAsync(app, "alice@acme.com", EmulatorAuthenticationError.OrganizationSelectionRequired);
        Assert.Equal(HttpStatusCode.SeeOther, (await browser.SubmitAsync(form, ("organization_id", "org_globex"))).StatusCode);

        var replayed = await browser.SubmitAsync(form, ("organization_id", "org_acme"));
        var reopened = await browser.GetAsync(stepUrl.PathAndQuery);

        await AssertEndedAsync(app, replayed, "step_invalid");
        await AssertEndedAsync(app, reopened, "step_invalid");
        Assert.Equal(1, app.Emulator.Grants(OrganizationSelection));
        Assert.Equal(["org_globex"], (await browser.ClaimsAsync())["org_id"]);
    }

    [Fact]
    public async Task A_step_opened_in_another_browser_is_refused_there_and_still_completes_in_its_own()
    {
        await using var app = await AuthKitTestApp.StartAsync();
        using var browser = app.CreateBrowser();
        using var other = app.CreateBrowser();
        var (stepUrl, form) = await browser.OpenStepAsync(app, "alice@acme.com", EmulatorAuthenticationError.OrganizationSelectionRequired);

        var shown = await other.GetAsync(stepUrl.PathAndQuery);
        var submitted = await other.SubmitAsync(form, ("organization_id", "org_acme"));

        await AssertEndedAsync(app, shown, "step_invalid");
        await AssertEndedAsync(app, submitted, "step_invalid");
        Assert.Equal(0, app.Emulator.Grants(OrganizationSelection));
        Assert.Equal(HttpStatusCode.Redirect, (await other.GetAsync("/protected")).StatusCode);
        Assert.Equal(HttpStatusCode.SeeOther, (await browser.SubmitAsync(form, ("organization_id", "org_acme"))).StatusCode);
        Assert.Equal(["user_alice"], (await browser.ClaimsAsync())["sub"]);
    }

    [Fact]
    public async Task A_cross_site_post_of_the_attackers_step_does_not_sign_the_victim_in_to_the_attackers_account()
    {
        await using var app = await AuthKitTestApp.StartAsync();
        using var attacker = app.CreateBrowser();
        using var victim = app.CreateBrowser();
        var (_, attackersForm) = await attacker.OpenStepAsync(app, "alice@acme.com", EmulatorAuthenticationError.OrganizationSelectionRequired);
        // The victim has a step of their own in flight, so their browser holds a step cookie too: a different one.
        await victim.OpenStepAsync(app, "bob@acme.com", EmulatorAuthenticationError.EmailVerificationRequired);

        // A page on another site posts the attacker's form from the victim's browser.
        var forged = await victim.SubmitAsync(attackersForm, ("organization_id", "org_acme"));

        await AssertEndedAsync(app, forged, "step_invalid");
        Assert.Equal(0, app.Emulator.Grants(OrganizationSelection));
        Assert.Equal(HttpStatusCode.Redirect, (await victim.GetAsync("/protected")).StatusCode);
    }

    [Fact]
    public async Task A_tampered_step_a_step_of_another_kind_and_a_missing_step_are_refused()
    {
        await using var app = await AuthKitTestApp.StartAsync();
        using var browser = app.CreateBrowser();
        var (_, form) = await browser.OpenStepAsync(app, "alice@acme.com", EmulatorAuthenticationError.OrganizationSelectionRequired);
        var step = form.Step;
        var tampered = step[..^2] + (step[^2] == 'A' ? 'B' : 'A') + step[^1];

        await AssertEndedAsync(app, await browser.GetAsync($"{HostedSignInStepPage.BuiltInPath}?step={tampered}"), "step_invalid");
        await AssertEndedAsync(app, await browser.SubmitAsync(form, ("step", tampered), ("organization_id", "org_acme")), "step_invalid");
        await AssertEndedAsync(app, await browser.SubmitAsync(form, ("action", "email_verification"), ("code", "123456")), "step_invalid");
        await AssertEndedAsync(app, await browser.GetAsync(HostedSignInStepPage.BuiltInPath), "step_invalid");
        await AssertEndedAsync(app, await browser.GetAsync($"{HostedSignInStepPage.BuiltInPath}?step={new string('A', 20_000)}"), "step_invalid");
        Assert.Equal(0, app.Emulator.Grants(OrganizationSelection));
        Assert.Equal(0, app.Emulator.Grants("urn:workos:oauth:grant-type:email-verification:code"));
    }

    [Fact]
    public async Task The_step_page_answers_other_methods_with_405()
    {
        await using var app = await AuthKitTestApp.StartAsync();
        using var browser = app.CreateBrowser();

        var response = await browser.SendAsync(new HttpRequestMessage(HttpMethod.Put, HostedSignInStepPage.BuiltInPath));

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Equal(["GET", "HEAD", "POST"], response.Content.Headers.Allow.Order());
    }

    [Fact]
    public async Task A_forged_state_is_refused_before_the_code_is_exchanged_and_no_step_is_made()
    {
        await using var app = await AuthKitTestApp.StartAsync();
        using var browser = app.CreateBrowser();
        app.Emulator.FailAuthentication("alice@acme.com", EmulatorAuthenticationError.OrganizationSelectionRequired);
        var challenge = await browser.GetAsync(HostedSignInStepPage.ReturnUrl);
        var callback = browser.Location(await browser.GetAsync(browser.Location(challenge) + "&login_hint=alice%40acme.com"));
        var query = HttpAssertions.Query(callback);

        var forged = await browser.GetAsync($"/auth/callback?code={Uri.EscapeDataString(query["code"]!)}&state={Uri.EscapeDataString(query["state"] + "x")}");

        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Contains("invalid_state", await forged.Content.ReadAsStringAsync());
        Assert.Equal(0, app.Emulator.Grants(CodeExchange));
        Assert.DoesNotContain(forged.SetCookies(), c => c.Contains("-step="));
        Assert.DoesNotContain(app.Logs.Entries, e => e.EventId.Id == StepRequiredEvent);
    }

    [Fact]
    public async Task A_callback_replayed_or_opened_in_another_browser_is_refused_before_a_second_step_is_made()
    {
        await using var app = await AuthKitTestApp.StartAsync();
        using var browser = app.CreateBrowser();
        using var other = app.CreateBrowser();
        app.Emulator.FailAuthentication("alice@acme.com", EmulatorAuthenticationError.OrganizationSelectionRequired, count: 3);
        var challenge = await browser.GetAsync(HostedSignInStepPage.ReturnUrl);
        var callback = browser.Location(await browser.GetAsync(browser.Location(challenge) + "&login_hint=alice%40acme.com")).PathAndQuery;

        var elsewhere = await other.GetAsync(callback);
        var first = await browser.GetAsync(callback);
        var replayed = await browser.GetAsync(callback);

        Assert.Equal(HttpStatusCode.BadRequest, elsewhere.StatusCode);
        Assert.Contains("correlation_failed", await elsewhere.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.SeeOther, first.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, replayed.StatusCode);
        Assert.Contains("correlation_failed", await replayed.Content.ReadAsStringAsync());
        Assert.Equal(1, app.Emulator.Grants(CodeExchange));
        Assert.Single(app.Logs.Entries, e => e.EventId.Id == StepRequiredEvent);
    }
}
