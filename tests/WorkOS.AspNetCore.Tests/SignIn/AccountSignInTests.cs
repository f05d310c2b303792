using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.WebUtilities;
using WorkOS.AspNetCore.Emulator;
using WorkOS.AspNetCore.Tests.Emulator;
using WorkOS.AspNetCore.Tests.Infrastructure;

namespace WorkOS.AspNetCore.Tests.SignIn;

/// <summary>Sign-up, invitations and password reset on custom pages.</summary>
public sealed class AccountSignInTests
{
    [Fact]
    public async Task Sign_up_creates_the_user_and_continues_with_the_verification_of_their_address()
    {
        await using var app = await SignInApp.StartAsync();
        var browser = app.CreateBrowser();

        var step = await browser.PostAsync("/signin/signup", ("email", "hana@example.com"), ("password", "hana-secret-1"), ("firstName", "Hana"));
        Assert.Equal("RequiresEmailVerification", step.Status);
        Assert.Equal("hana@example.com", step.Email);

        var code = app.Emulator.Outbox.Last(e => e.To == "hana@example.com" && e.Kind == EmulatorEmailKind.EmailVerificationCode).Code!;
        var page = await browser.PostAsync("/signin/verify-email", ("step", step.PendingStep!), ("code", code));

        Assert.Equal("SignedIn", page.Status);
        Assert.StartsWith("user_", page.UserId, StringComparison.Ordinal);
        Assert.Equal(1, app.Emulator.CountRequests("POST", "/user_management/users"));
    }

    [Fact]
    public async Task Sign_up_with_a_taken_address_fails_with_the_librarys_message()
    {
        await using var app = await SignInApp.StartAsync();
        var browser = app.CreateBrowser();

        var page = await browser.PostAsync("/signin/signup", ("email", "bob@acme.com"), ("password", "another-secret"));

        Assert.Equal("Failed", page.Status);
        Assert.Equal("email_not_available", page.ErrorCode);
        Assert.Equal("An account could not be created with this email address.", page.ErrorMessage);
        Assert.Equal(0, app.Emulator.CountRequests("POST", "/user_management/authenticate"));
    }

    [Fact]
    public async Task Sign_up_with_an_invitation_accepts_it_and_signs_in_to_its_organization()
    {
        await using var app = await SignInApp.StartAsync();
        var token = await InviteAsync(app, "hana@example.com", "org_globex");
        var browser = app.CreateBrowser();

        var invitation = await InvitationAsync(browser, token);
        Assert.Equal(("hana@example.com", "pending", "org_globex"), (invitation.GetProperty("email").GetString(),
            invitation.GetProperty("state").GetString(), invitation.GetProperty("organizationId").GetString()));

        var page = await browser.PostAsync("/signin/signup", ("email", "hana@example.com"), ("password", "hana-secret-1"), ("invitation", token));

        Assert.Equal("SignedIn", page.Status);
        Assert.Equal("org_globex", page.OrganizationId);
        Assert.Equal("accepted", (await InvitationAsync(browser, token)).GetProperty("state").GetString());
        var grant = app.Emulator.Requests.Last(r => r.Path == "/user_management/authenticate");
        Assert.Equal(token, grant.Body["invitation_token"]);
    }

    [Fact]
    public async Task A_password_sign_in_with_an_invitation_accepts_it()
    {
        await using var app = await SignInApp.StartAsync();
        var token = await InviteAsync(app, "carol@globex.com", "org_acme");
        var browser = app.CreateBrowser();

        var step = await browser.PostAsync("/signin/password", ("email", "carol@globex.com"), ("password", EmulatorSeed.DefaultPassword), ("invitation", token));
        var page = step.Status == "RequiresOrganizationSelection"
            ? await browser.PostAsync("/signin/organization", ("step", step.PendingStep!), ("organization", "org_acme"))
            : step;

        Assert.Equal("SignedIn", page.Status);
        Assert.Equal("accepted", (await InvitationAsync(browser, token)).GetProperty("state").GetString());
    }

    [Fact]
    public async Task An_unknown_invitation_token_finds_nothing()
    {
        await using var app = await SignInApp.StartAsync();
        var browser = app.CreateBrowser();

        var response = await browser.GetAsync("/signin/invitation?token=made-up");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task A_password_reset_link_sets_the_new_password_and_signs_in_once()
    {
        await using var app = await SignInApp.StartAsync();
        var browser = app.CreateBrowser();
        Assert.Equal("CodeSent", (await browser.PostAsync("/signin/reset/send", ("email", "bob@acme.com"))).Status);
        var link = new Uri(app.Emulator.Outbox.Last(e => e.To == "bob@acme.com" && e.Kind == EmulatorEmailKind.PasswordReset).Link);
        var token = QueryHelpers.ParseQuery(link.Query)["token"].ToString();

        var page = await browser.PostAsync("/signin/reset", ("token", token), ("password", "brand-new-secret"));
        var replay = await app.CreateBrowser().PostAsync("/signin/reset", ("token", token), ("password", "another-secret"));

        Assert.Equal("SignedIn", page.Status);
        Assert.Equal("user_bob", page.UserId);
        Assert.Equal("Failed", replay.Status);
        Assert.Equal("password_reset_token_invalid", replay.ErrorCode);
        Assert.Equal("SignedIn", (await app.CreateBrowser().PostAsync("/signin/password", ("email", "bob@acme.com"), ("password", "brand-new-secret"))).Status);
    }

    [Fact]
    public async Task A_password_reset_for_an_unknown_address_answers_like_a_known_one()
    {
        await using var app = await SignInApp.StartAsync();
        var browser = app.CreateBrowser();

        var page = await browser.PostAsync("/signin/reset/send", ("email", "nobody@example.com"));

        Assert.Equal("CodeSent", page.Status);
        Assert.Null(page.ErrorCode);
        Assert.Equal(404, Assert.Single(app.Emulator.Requests, r => r.Path == "/user_management/password_reset").StatusCode);
        Assert.DoesNotContain(app.Emulator.Outbox, e => e.To == "nobody@example.com");
        Assert.Contains(app.Logs.Entries, e => e.EventId.Id == 1980);
    }

    [Fact]
    public async Task Too_many_wrong_passwords_are_rate_limited_with_when_to_try_again()
    {
        await using var app = await SignInApp.StartAsync(configureEmulator: options => options.AuthenticateRateLimit = 2);
        var browser = app.CreateBrowser();
        for (var i = 0; i < 2; i++)
        {
            Assert.Equal("invalid_credentials", (await browser.PostAsync("/signin/password", ("email", "bob@acme.com"), ("password", "wrong"))).ErrorCode);
        }

        var page = await browser.PostAsync("/signin/password", ("email", "bob@acme.com"), ("password", EmulatorSeed.DefaultPassword));

        Assert.Equal("RateLimited", page.Status);
        Assert.InRange(page.RetryAfterSeconds!.Value, 1, 60);
        Assert.Null(page.UserId);
    }

    private static async Task<string> InviteAsync(AuthKitTestApp app, string email, string organizationId)
    {
        using var api = new AuthKitClient(app.Emulator);
        using var response = await api.SendWithApiKeyAsync(HttpMethod.Post, "/user_management/invitations", new { email, organization_id = organizationId });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await AuthKitClient.ReadJsonAsync(response)).GetProperty("token").GetString()!;
    }

    private static async Task<JsonElement> InvitationAsync(Testing.WorkOSTestClient browser, string token)
    {
        var response = await browser.GetAsync("/signin/invitation?token=" + Uri.EscapeDataString(token));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }
}
