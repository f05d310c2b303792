using WorkOS.AspNetCore.Emulator;
using WorkOS.AspNetCore.Tests.Infrastructure;

namespace WorkOS.AspNetCore.Tests.SignIn;

/// <summary>The steps whose code WorkOS emails: Magic Auth sign-in, and email verification of an unverified address.</summary>
public sealed class EmailCodeSignInTests
{
    [Fact]
    public async Task A_Magic_Auth_code_from_the_email_signs_in()
    {
        await using var app = await SignInApp.StartAsync();
        var browser = app.CreateBrowser();

        var sent = await browser.PostAsync("/signin/magic/send", ("email", "bob@acme.com"));
        Assert.Equal("CodeSent", sent.Status);
        Assert.Equal("bob@acme.com", sent.Email);
        var code = LastCode(app, "bob@acme.com", EmulatorEmailKind.MagicAuthCode);

        var page = await browser.PostAsync("/signin/magic", ("email", "bob@acme.com"), ("code", code), ("returnUrl", "/inbox"));

        Assert.Equal("SignedIn", page.Status);
        Assert.Equal("user_bob", page.UserId);
        Assert.Equal("/inbox", page.ReturnUrl);
        await PasswordSignInTests.ProtectedClaimsAsync(browser);
    }

    [Fact]
    public async Task A_wrong_Magic_Auth_code_fails_with_invalid_one_time_code()
    {
        await using var app = await SignInApp.StartAsync();
        var browser = app.CreateBrowser();
        await browser.PostAsync("/signin/magic/send", ("email", "bob@acme.com"));
        var code = LastCode(app, "bob@acme.com", EmulatorEmailKind.MagicAuthCode);

        var page = await browser.PostAsync("/signin/magic", ("email", "bob@acme.com"), ("code", code == "000000" ? "111111" : "000000"));

        Assert.Equal("Failed", page.Status);
        Assert.Equal("invalid_one_time_code", page.ErrorCode);
        Assert.Null(page.UserId);
    }

    [Fact]
    public async Task A_Magic_Auth_sign_in_of_a_user_of_two_organizations_continues_with_the_choice()
    {
        await using var app = await SignInApp.StartAsync();
        var browser = app.CreateBrowser();
        await browser.PostAsync("/signin/magic/send", ("email", "alice@acme.com"));

        var step = await browser.PostAsync("/signin/magic", ("email", "alice@acme.com"), ("code", LastCode(app, "alice@acme.com", EmulatorEmailKind.MagicAuthCode)));

        Assert.Equal("RequiresOrganizationSelection", step.Status);
        Assert.Equal("SignedIn", (await browser.PostAsync("/signin/organization", ("step", step.PendingStep!), ("organization", "org_acme"))).Status);
    }

    [Fact]
    public async Task An_unverified_address_is_verified_with_the_emailed_code_and_the_user_signed_in()
    {
        await using var app = await StartWithUnverifiedUserAsync();
        var browser = app.CreateBrowser();

        var step = await browser.PostAsync("/signin/password", ("email", "dana@acme.com"), ("password", EmulatorSeed.DefaultPassword));
        Assert.Equal("RequiresEmailVerification", step.Status);
        Assert.Equal("dana@acme.com", step.Email);

        var page = await browser.PostAsync("/signin/verify-email", ("step", step.PendingStep!),
            ("code", LastCode(app, "dana@acme.com", EmulatorEmailKind.EmailVerificationCode)));

        Assert.Equal("SignedIn", page.Status);
        Assert.Equal("user_dana", page.UserId);
    }

    [Fact]
    public async Task A_wrong_verification_code_fails_and_keeps_the_step_for_another_try()
    {
        await using var app = await StartWithUnverifiedUserAsync();
        var browser = app.CreateBrowser();
        var step = await browser.PostAsync("/signin/password", ("email", "dana@acme.com"), ("password", EmulatorSeed.DefaultPassword));
        var code = LastCode(app, "dana@acme.com", EmulatorEmailKind.EmailVerificationCode);

        var failed = await browser.PostAsync("/signin/verify-email", ("step", step.PendingStep!), ("code", code == "000000" ? "111111" : "000000"));

        Assert.Equal("Failed", failed.Status);
        Assert.Equal("invalid_one_time_code", failed.ErrorCode);
        Assert.Equal(step.PendingStep, failed.PendingStep);
        Assert.Equal("dana@acme.com", failed.Email);
        Assert.Equal("SignedIn", (await browser.PostAsync("/signin/verify-email", ("step", failed.PendingStep!), ("code", code))).Status);
    }

    private static Task<AuthKitTestApp> StartWithUnverifiedUserAsync() =>
        SignInApp.StartAsync(configureEmulator: options =>
        {
            options.Seed.Users.Add(new SeedUser { Id = "user_dana", Email = "dana@acme.com", EmailVerified = false, Password = EmulatorSeed.DefaultPassword });
            options.Seed.Memberships.Add(new SeedMembership { UserId = "user_dana", OrganizationId = "org_acme", Roles = ["member"] });
        });

    private static string LastCode(AuthKitTestApp app, string email, EmulatorEmailKind kind) =>
        app.Emulator.Outbox.Last(e => e.To == email && e.Kind == kind).Code!;
}
