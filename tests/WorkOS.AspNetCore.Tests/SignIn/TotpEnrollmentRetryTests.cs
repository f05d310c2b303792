using System.Net;
using System.Text.RegularExpressions;
using OtpNet;
using WorkOS.AspNetCore.Emulator;
using WorkOS.AspNetCore.Tests.Authentication;
using WorkOS.AspNetCore.Tests.Infrastructure;

namespace WorkOS.AspNetCore.Tests.SignIn;

/// <summary>
/// A wrong authenticator code right after enrolling: the user may not have scanned the QR code yet (or scanned it
/// wrongly), so the QR code and secret are shown again, from the pending step's protected data.
/// </summary>
public sealed partial class TotpEnrollmentRetryTests
{
    private static string Code(AuthKitTestApp app, string secret) =>
        new Totp(Base32Encoding.ToBytes(secret)).ComputeTotp(app.Clock.GetUtcNow().UtcDateTime);

    private static string Wrong(string right) => right == "123456" ? "654321" : "123456";

    [Fact]
    public async Task Wrong_code_after_enrolling_on_the_built_in_page_shows_the_same_qr_code_and_secret_again()
    {
        await using var app = await AuthKitTestApp.StartAsync();
        using var browser = app.CreateBrowser();
        var (_, start) = await browser.OpenStepAsync(app, "bob@acme.com", EmulatorAuthenticationError.MfaEnrollment);
        var challenge = await HostedSignInStepPage.Form.ReadAsync(await browser.SubmitAsync(start));
        var qr = QrImage().Match(challenge.Html).Groups[1].Value;
        var secret = Secret().Match(challenge.Html).Groups[1].Value;
        Assert.StartsWith("data:image/png;base64,", qr, StringComparison.Ordinal);

        var wrong = await browser.SubmitAsync(challenge, ("code", Wrong(Code(app, secret))));

        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        var again = await HostedSignInStepPage.Form.ReadAsync(wrong);
        Assert.Contains("<p class=\"error\" role=\"alert\">The code is incorrect or has expired.</p>", again.Html);
        Assert.Equal(qr, QrImage().Match(again.Html).Groups[1].Value);
        Assert.Equal(secret, Secret().Match(again.Html).Groups[1].Value);
        Assert.Equal(challenge.Step, again.Step);

        var signedIn = await browser.SubmitAsync(again, ("code", Code(app, secret)));
        Assert.Equal(HttpStatusCode.SeeOther, signedIn.StatusCode);
        Assert.Equal(["user_bob"], (await browser.ClaimsAsync())["sub"]);
    }

    [Fact]
    public async Task Wrong_code_after_enrolling_on_a_custom_page_returns_the_enrollment_with_the_failure()
    {
        await using var app = await SignInApp.StartAsync(configureEmulator: o => o.Seed.Users.Single(u => u.Id == "user_bob").RequireMfa = true);
        var browser = app.CreateBrowser();
        var enrollment = await browser.PostAsync("/signin/password", ("email", "bob@acme.com"), ("password", EmulatorSeed.DefaultPassword));
        var challenge = await browser.PostAsync("/signin/enroll", ("step", enrollment.PendingStep!));

        var failed = await browser.PostAsync("/signin/totp", ("step", challenge.PendingStep!), ("code", Wrong(Code(app, challenge.Totp!.Secret))));

        Assert.Equal("Failed", failed.Status);
        Assert.Equal(challenge.Totp, failed.Totp);
    }

    [Fact]
    public async Task Wrong_code_at_a_later_challenge_shows_no_qr_code()
    {
        await using var app = await AuthKitTestApp.StartAsync();
        string secret;
        using (var first = app.CreateBrowser())
        {
            var (_, start) = await first.OpenStepAsync(app, "bob@acme.com", EmulatorAuthenticationError.MfaEnrollment);
            var enrolled = await HostedSignInStepPage.Form.ReadAsync(await first.SubmitAsync(start));
            secret = Secret().Match(enrolled.Html).Groups[1].Value;
            Assert.Equal(HttpStatusCode.SeeOther, (await first.SubmitAsync(enrolled, ("code", Code(app, secret)))).StatusCode);
        }

        app.Clock.Advance(TimeSpan.FromSeconds(30));
        using var browser = app.CreateBrowser();
        var (_, form) = await browser.OpenStepAsync(app, "bob@acme.com", EmulatorAuthenticationError.MfaChallenge);
        var wrong = await browser.SubmitAsync(form, ("code", Wrong(Code(app, secret))));

        var again = await HostedSignInStepPage.Form.ReadAsync(wrong);
        Assert.Contains("class=\"error\"", again.Html);
        Assert.DoesNotContain("<img", again.Html);
        Assert.DoesNotContain(secret, again.Html);
    }

    [GeneratedRegex("<img alt=\"QR code for your authenticator app\" width=\"200\" height=\"200\" src=\"([^\"]+)\">")]
    private static partial Regex QrImage();

    [GeneratedRegex("Secret: <code>([^<]*)</code>")]
    private static partial Regex Secret();
}
