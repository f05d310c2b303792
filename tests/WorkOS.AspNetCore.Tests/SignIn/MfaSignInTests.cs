using OtpNet;
using WorkOS.AspNetCore.Emulator;
using WorkOS.AspNetCore.Tests.Infrastructure;

namespace WorkOS.AspNetCore.Tests.SignIn;

/// <summary>MFA on custom sign-in pages: enrolling an authenticator app, then the challenge of later sign-ins.</summary>
public sealed class MfaSignInTests
{
    private const string Password = EmulatorSeed.DefaultPassword;

    [Fact]
    public async Task A_user_who_must_enroll_scans_the_QR_code_enters_a_code_and_is_signed_in()
    {
        await using var app = await StartAsync();
        var browser = app.CreateBrowser();

        var enrollment = await browser.PostAsync("/signin/password", ("email", "bob@acme.com"), ("password", Password));
        Assert.Equal("RequiresMfaEnrollment", enrollment.Status);

        var challenge = await browser.PostAsync("/signin/enroll", ("step", enrollment.PendingStep!), ("issuer", "Acme Portal"));
        Assert.Equal("RequiresMfaChallenge", challenge.Status);
        var totp = challenge.Totp!;
        Assert.StartsWith("data:image/png;base64,", totp.QrCode, StringComparison.Ordinal);
        Assert.StartsWith("otpauth://totp/", totp.Uri, StringComparison.Ordinal);
        Assert.Contains("Acme%20Portal", totp.Uri, StringComparison.Ordinal);
        Assert.StartsWith("auth_factor_", totp.FactorId, StringComparison.Ordinal);

        var page = await browser.PostAsync("/signin/totp", ("step", challenge.PendingStep!), ("code", Code(totp.Secret, app)));

        Assert.Equal("SignedIn", page.Status);
        Assert.Equal("user_bob", page.UserId);
        await PasswordSignInTests.ProtectedClaimsAsync(browser);
    }

    [Fact]
    public async Task A_wrong_authenticator_code_fails_and_the_step_can_be_tried_again()
    {
        await using var app = await StartAsync();
        var browser = app.CreateBrowser();
        var enrollment = await browser.PostAsync("/signin/password", ("email", "bob@acme.com"), ("password", Password));
        var challenge = await browser.PostAsync("/signin/enroll", ("step", enrollment.PendingStep!));
        var right = Code(challenge.Totp!.Secret, app);
        var wrong = right == "000000" ? "111111" : "000000";

        var failed = await browser.PostAsync("/signin/totp", ("step", challenge.PendingStep!), ("code", wrong));

        Assert.Equal("Failed", failed.Status);
        Assert.Equal("invalid_one_time_code", failed.ErrorCode);
        Assert.Equal("The code is incorrect or has expired.", failed.ErrorMessage);
        Assert.Equal(challenge.PendingStep, failed.PendingStep);
        Assert.Equal("SignedIn", (await browser.PostAsync("/signin/totp", ("step", failed.PendingStep!), ("code", right))).Status);
    }

    [Fact]
    public async Task An_enrolled_user_gets_a_challenge_the_library_already_started_and_only_enters_the_code()
    {
        await using var app = await StartAsync();
        var first = app.CreateBrowser();
        var enrollment = await first.PostAsync("/signin/password", ("email", "bob@acme.com"), ("password", Password));
        var enrolled = await first.PostAsync("/signin/enroll", ("step", enrollment.PendingStep!));
        Assert.Equal("SignedIn", (await first.PostAsync("/signin/totp", ("step", enrolled.PendingStep!), ("code", Code(enrolled.Totp!.Secret, app)))).Status);
        app.Clock.Advance(TimeSpan.FromSeconds(30)); // the next time step: each code works once

        var browser = app.CreateBrowser();
        var challenge = await browser.PostAsync("/signin/password", ("email", "bob@acme.com"), ("password", Password));

        Assert.Equal("RequiresMfaChallenge", challenge.Status);
        Assert.Null(challenge.Totp);
        Assert.Equal(1, app.Emulator.CountRequests("POST", $"/auth/factors/{enrolled.Totp.FactorId}/challenge"));
        var page = await browser.PostAsync("/signin/totp", ("step", challenge.PendingStep!), ("code", Code(enrolled.Totp.Secret, app)));
        Assert.Equal("SignedIn", page.Status);
    }

    [Fact]
    public async Task An_enrollment_step_cannot_be_used_as_a_challenge_step()
    {
        await using var app = await StartAsync();
        var browser = app.CreateBrowser();
        var enrollment = await browser.PostAsync("/signin/password", ("email", "bob@acme.com"), ("password", Password));

        var page = await browser.PostAsync("/signin/totp", ("step", enrollment.PendingStep!), ("code", "123456"));

        Assert.Equal("step_invalid", page.ErrorCode);
        Assert.Equal(0, app.Emulator.CountRequests("POST", "/user_management/users/user_bob/auth_factors"));
    }

    private static Task<AuthKitTestApp> StartAsync() =>
        SignInApp.StartAsync(configureEmulator: options => options.Seed.Users.Single(u => u.Id == "user_bob").RequireMfa = true);

    /// <summary>What an authenticator app shows now for the enrolled secret (RFC 6238, computed here with Otp.NET).</summary>
    private static string Code(string secret, AuthKitTestApp app) =>
        new Totp(Base32Encoding.ToBytes(secret)).ComputeTotp(app.Clock.GetUtcNow().UtcDateTime);
}
