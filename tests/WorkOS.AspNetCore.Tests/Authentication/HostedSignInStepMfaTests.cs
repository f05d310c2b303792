using System.Net;
using System.Text.RegularExpressions;
using WorkOS.AspNetCore.Emulator;
using WorkOS.AspNetCore.Testing;
using WorkOS.AspNetCore.Tests.Emulator;
using WorkOS.AspNetCore.Tests.Infrastructure;

namespace WorkOS.AspNetCore.Tests.Authentication;

/// <summary>
/// A hosted sign-in WorkOS answers with <c>mfa_enrollment</c> or <c>mfa_challenge</c> finishes on the built-in page: the
/// user enrolls an authenticator app (QR code and secret shown) and types its code, computed here per RFC 6238.
/// </summary>
public sealed partial class HostedSignInStepMfaTests
{
    private const string MfaTotp = "urn:workos:oauth:grant-type:mfa-totp";

    private static string Code(AuthKitTestApp app, string secret) => Rfc6238.Code(Rfc6238.FromBase32(secret), app.Clock.GetUtcNow());

    /// <summary>Enrolls on the built-in page; returns the page asking for the first code and the secret it shows.</summary>
    private static async Task<(HostedSignInStepPage.Form Form, string Secret)> EnrollAsync(AuthKitTestApp app, WorkOSTestClient browser)
    {
        var (_, form) = await browser.OpenStepAsync(app, "bob@acme.com", EmulatorAuthenticationError.MfaEnrollment);
        Assert.Equal("mfa_enrollment", form.Hidden["action"]);
        var enrolled = await browser.SubmitAsync(form);
        Assert.Equal(HttpStatusCode.OK, enrolled.StatusCode);
        var challenge = await HostedSignInStepPage.Form.ReadAsync(enrolled);
        return (challenge, Secret().Match(challenge.Html).Groups[1].Value);
    }

    [Fact]
    public async Task Mfa_enrollment_shows_the_qr_code_and_secret_and_the_authenticators_code_signs_in_on_the_original_page()
    {
        await using var app = await AuthKitTestApp.StartAsync();
        using var browser = app.CreateBrowser();

        var (form, secret) = await EnrollAsync(app, browser);

        Assert.Equal("mfa_challenge", form.Hidden["action"]);
        Assert.Matches("<img alt=\"QR code for your authenticator app\" width=\"200\" height=\"200\" src=\"data:image/png;base64,[A-Za-z0-9+/=]+\">", form.Html);
        Assert.Matches("^[A-Z2-7]{16,}=*$", secret);
        var signedIn = await browser.SubmitAsync(form, ("code", Code(app, secret)));

        Assert.Equal(HttpStatusCode.SeeOther, signedIn.StatusCode);
        Assert.Equal(HostedSignInStepPage.ReturnUrl, browser.Location(signedIn).PathAndQuery);
        Assert.Equal(["user_bob"], (await browser.ClaimsAsync())["sub"]);
        Assert.Equal(1, app.Emulator.Grants(MfaTotp));
    }

    [Fact]
    public async Task A_later_mfa_challenge_asks_only_for_the_code_and_a_wrong_code_asks_again_with_the_error()
    {
        await using var app = await AuthKitTestApp.StartAsync();
        string secret;
        using (var first = app.CreateBrowser())
        {
            var enrollment = await EnrollAsync(app, first);
            secret = enrollment.Secret;
            Assert.Equal(HttpStatusCode.SeeOther, (await first.SubmitAsync(enrollment.Form, ("code", Code(app, secret)))).StatusCode);
        }

        app.Clock.Advance(TimeSpan.FromSeconds(30));
        using var browser = app.CreateBrowser();
        var (_, form) = await browser.OpenStepAsync(app, "bob@acme.com", EmulatorAuthenticationError.MfaChallenge);

        Assert.Equal("mfa_challenge", form.Hidden["action"]);
        Assert.DoesNotContain("<img", form.Html);
        Assert.DoesNotContain(secret, form.Html);
        var right = Code(app, secret);
        var wrong = await browser.SubmitAsync(form, ("code", right == "123456" ? "654321" : "123456"));

        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        Assert.False(wrong.SetsSessionCookie());
        var again = await HostedSignInStepPage.Form.ReadAsync(wrong);
        Assert.Contains("<p class=\"error\" role=\"alert\">The code is incorrect or has expired.</p>", again.Html);
        Assert.Equal("mfa_challenge", again.Hidden["action"]);

        var signedIn = await browser.SubmitAsync(again, ("code", right));

        Assert.Equal(HttpStatusCode.SeeOther, signedIn.StatusCode);
        Assert.Equal(["user_bob"], (await browser.ClaimsAsync())["sub"]);
    }

    [GeneratedRegex("Secret: <code>([^<]*)</code>")]
    private static partial Regex Secret();
}
