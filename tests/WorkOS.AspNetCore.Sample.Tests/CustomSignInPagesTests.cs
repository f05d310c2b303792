using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using OtpNet;
using WorkOS.AspNetCore.Emulator;
using WorkOS.AspNetCore.Sample.SignIn;
using WorkOS.AspNetCore.Testing;

namespace WorkOS.AspNetCore.Sample.Tests;

/// <summary>
/// The sample's own sign-in pages (Pages/SignIn/) through the HTTP client, forms posted with their antiforgery token,
/// against the in-process emulator: its default users sign in with <see cref="EmulatorSeed.DefaultPassword"/>; alice
/// belongs to Acme and Globex, bob to Acme only; the sample adds mia@acme.com (MFA required) and uma@acme.com (email not
/// verified).
/// </summary>
public sealed class CustomSignInPagesTests(WebApplicationFactory<Program> baseFactory) : IClassFixture<WebApplicationFactory<Program>>
{
    private const string Password = EmulatorSeed.DefaultPassword;

    private readonly WebApplicationFactory<Program> _factory = baseFactory.WithWorkOSEmulator(configure: options =>
    {
        var seed = options.Seed; // the default seed, the sample's own additions, and an organization with a hostile name:
        SignInSampleEmulator.Configure(options, new Uri("http://localhost")); // the test server's address
        seed.AddOrganization("<script>alert(1)</script> & Co", id: "org_evil");
        seed.AddUser(new SeedUser { Id = "user_erin", Email = "erin@acme.com", Password = Password });
        seed.AddMembership("erin@acme.com", "org_acme", "member");
        seed.AddMembership("erin@acme.com", "org_evil", "member");
    });

    private WorkOSEmulator Emulator => _factory.GetWorkOSEmulator();

    [Fact]
    public async Task A_password_sign_in_lands_signed_in_on_the_local_return_url()
    {
        using var bob = _factory.CreateWorkOSClient();
        var form = await bob.OpenAsync("/SignIn?returnUrl=%2FAccount%2FProfile");

        using var landing = await bob.PostFormAsync(form, "/SignIn", ("Email", "bob@acme.com"), ("Password", Password), ("ReturnUrl", "/Account/Profile"));

        Assert.Equal(HttpStatusCode.OK, landing.StatusCode);
        Assert.Equal("/Account/Profile", landing.RequestMessage!.RequestUri!.AbsolutePath);
        Assert.Contains("""<dd data-testid="email">bob@acme.com</dd>""", await landing.Content.ReadAsStringAsync());
        Assert.NotNull(bob.GetCookie("wos-session"));
        Assert.Single(Emulator.Sessions, s => s.UserId == "user_bob" && s.IsActive);
        Assert.Equal(0, Emulator.CountRequests("GET", "/user_management/authorize")); // no hosted sign-in
    }

    [Fact]
    public async Task A_wrong_password_shows_the_librarys_message_and_signs_nobody_in()
    {
        using var bob = _factory.CreateWorkOSClient();
        var form = await bob.OpenAsync("/SignIn");

        using var refused = await bob.PostFormAsync(form, "/SignIn", ("Email", "bob@acme.com"), ("Password", "not-the-password"));

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var html = await refused.Content.ReadAsStringAsync();
        Assert.Contains("data-error-code=\"invalid_credentials\"", html);
        Assert.Contains("The email address or password is incorrect.", html);
        Assert.Null(bob.GetCookie("wos-session"));
        Assert.DoesNotContain(Emulator.Sessions, s => s.UserId == "user_bob");
    }

    [Fact]
    public async Task A_return_url_to_another_site_is_not_followed_after_sign_in()
    {
        using var bob = _factory.CreateWorkOSClient();
        bob.FollowRedirects = false;
        var form = await bob.OpenAsync("/SignIn");

        using var signedIn = await bob.PostFormAsync(form, "/SignIn", ("Email", "bob@acme.com"), ("Password", Password),
            ("ReturnUrl", "https://attacker.example/phish"));

        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Equal("/", signedIn.Headers.Location!.OriginalString);
        Assert.NotNull(bob.GetCookie("wos-session"));
    }

    [Fact]
    public async Task A_post_without_the_antiforgery_token_is_refused_before_workos_is_called()
    {
        using var bob = _factory.CreateWorkOSClient();

        using var refused = await bob.PostAsync("/SignIn", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Email"] = "bob@acme.com",
            ["Password"] = Password,
        }));

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal(0, Emulator.CountRequests("POST", "/user_management/authenticate"));
        Assert.Null(bob.GetCookie("wos-session"));
    }

    [Fact]
    public async Task Alice_chooses_one_of_her_two_organizations_and_is_signed_in_to_it()
    {
        using var alice = _factory.CreateWorkOSClient();
        var form = await alice.OpenAsync("/SignIn");

        using var picker = await alice.PostFormAsync(form, "/SignIn", ("Email", "alice@acme.com"), ("Password", Password));
        var html = await picker.Content.ReadAsStringAsync();
        Assert.Contains("data-testid=\"organization-selection\"", html);
        Assert.Equal(["Acme Corp", "Globex"], SignInPageForms.TestIdTexts(html, "organization").Order());
        Assert.Null(alice.GetCookie("wos-session"));

        using var landing = await alice.PostFormAsync(html, "/SignIn/Step?handler=SelectOrganization",
            ("step", SignInPageForms.Step(html)), ("organizationId", "org_globex"));

        Assert.Equal("/", landing.RequestMessage!.RequestUri!.AbsolutePath);
        var me = await alice.GetFromJsonAsync<Me>("/api/me");
        Assert.Equal("org_globex", me!.OrganizationId);
        Assert.Equal("member", me.Role);
    }

    [Fact]
    public async Task A_hosted_sign_in_that_needs_an_organization_finishes_on_the_samples_step_page()
    {
        Emulator.FailAuthentication("alice@acme.com", EmulatorAuthenticationError.OrganizationSelectionRequired);
        using var alice = _factory.CreateWorkOSClient();
        alice.FollowRedirects = false;

        using var challenge = await alice.GetAsync("/auth/sign-in?returnUrl=%2FAccount%2FProfile");
        using var toCallback = await alice.GetAsync(challenge.Headers.Location + "&login_hint=alice%40acme.com");
        using var callback = await alice.GetAsync(toCallback.Headers.Location);

        Assert.Equal(HttpStatusCode.SeeOther, callback.StatusCode);
        Assert.StartsWith("/SignIn/Step?step=", callback.Headers.Location!.OriginalString);
        Assert.Null(alice.GetCookie("wos-session"));
        using var picker = await alice.GetAsync(callback.Headers.Location);
        var html = await picker.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, picker.StatusCode);
        Assert.Equal(["Acme Corp", "Globex"], SignInPageForms.TestIdTexts(html, "organization").Order());

        using var chosen = await alice.PostFormAsync(html, "/SignIn/Step?handler=SelectOrganization",
            ("step", SignInPageForms.Step(html)), ("organizationId", "org_globex"));

        Assert.Equal("/Account/Profile", chosen.Headers.Location!.OriginalString);
        alice.FollowRedirects = true;
        Assert.Equal("org_globex", (await alice.GetFromJsonAsync<Me>("/api/me"))!.OrganizationId);
    }

    [Fact]
    public async Task An_organization_that_was_not_offered_is_refused_and_the_choice_is_shown_again()
    {
        using var bob = _factory.CreateWorkOSClient();
        using var alice = _factory.CreateWorkOSClient();
        var form = await alice.OpenAsync("/SignIn");
        using var picker = await alice.PostFormAsync(form, "/SignIn", ("Email", "alice@acme.com"), ("Password", Password));
        var html = await picker.Content.ReadAsStringAsync();

        using var refused = await alice.PostFormAsync(html, "/SignIn/Step?handler=SelectOrganization",
            ("step", SignInPageForms.Step(html)), ("organizationId", "org_evil"));

        var again = await refused.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("data-error-code=\"organization_not_offered\"", again);
        Assert.Equal(["Acme Corp", "Globex"], SignInPageForms.TestIdTexts(again, "organization").Order());
        Assert.Null(alice.GetCookie("wos-session"));
        Assert.DoesNotContain(Emulator.Sessions, s => s.UserId == "user_alice");
    }

    [Fact]
    public async Task A_step_taken_to_another_browser_is_refused_there()
    {
        using var alice = _factory.CreateWorkOSClient();
        using var attacker = _factory.CreateWorkOSClient();
        var form = await alice.OpenAsync("/SignIn");
        using var picker = await alice.PostFormAsync(form, "/SignIn", ("Email", "alice@acme.com"), ("Password", Password));
        var step = SignInPageForms.Step(await picker.Content.ReadAsStringAsync());
        var attackerForm = await attacker.OpenAsync("/SignIn");

        using var refused = await attacker.PostFormAsync(attackerForm, "/SignIn/Step?handler=SelectOrganization",
            ("step", step), ("organizationId", "org_acme"));

        var html = await refused.Content.ReadAsStringAsync();
        Assert.Contains("data-error-code=\"step_invalid\"", html);
        Assert.DoesNotContain("data-testid=\"organization-selection\"", html);
        Assert.Null(attacker.GetCookie("wos-session"));
        Assert.DoesNotContain(Emulator.Sessions, s => s.UserId == "user_alice");
    }

    [Fact]
    public async Task Organization_names_from_workos_are_html_encoded_on_the_picker()
    {
        using var erin = _factory.CreateWorkOSClient();
        var form = await erin.OpenAsync("/SignIn");

        using var picker = await erin.PostFormAsync(form, "/SignIn", ("Email", "erin@acme.com"), ("Password", Password));

        var html = await picker.Content.ReadAsStringAsync();
        Assert.Contains("data-testid=\"organization-selection\"", html);
        Assert.DoesNotContain("<script>alert(1)</script>", html);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; Co", html);
    }

    [Fact]
    public async Task A_code_from_the_outbox_signs_in_with_magic_auth()
    {
        using var bob = _factory.CreateWorkOSClient();
        var form = await bob.OpenAsync("/SignIn/MagicCode");

        using var sent = await bob.PostFormAsync(form, "/SignIn/MagicCode?handler=Send", ("Email", "bob@acme.com"));
        var codeForm = await sent.Content.ReadAsStringAsync();
        Assert.Contains("data-testid=\"code-sent\"", codeForm);
        Assert.Contains("data-testid=\"outbox\"", codeForm);
        var email = Assert.Single(Emulator.Outbox, e => e is { To: "bob@acme.com", Kind: EmulatorEmailKind.MagicAuthCode });

        using var landing = await bob.PostFormAsync(codeForm, "/SignIn/MagicCode?handler=Verify",
            ("Email", SignInPageForms.Field(codeForm, "Email")!), ("code", email.Code!));

        Assert.Equal("/", landing.RequestMessage!.RequestUri!.AbsolutePath);
        Assert.NotNull(bob.GetCookie("wos-session"));
        Assert.Equal("bob@acme.com", (await bob.GetFromJsonAsync<Me>("/api/me"))!.Email);
    }

    [Fact]
    public async Task A_wrong_magic_code_shows_the_error_and_asks_for_the_code_again()
    {
        using var bob = _factory.CreateWorkOSClient();
        var form = await bob.OpenAsync("/SignIn/MagicCode");
        using var sent = await bob.PostFormAsync(form, "/SignIn/MagicCode?handler=Send", ("Email", "bob@acme.com"));
        var codeForm = await sent.Content.ReadAsStringAsync();
        var code = Assert.Single(Emulator.Outbox, e => e.To == "bob@acme.com").Code!;
        var wrong = code == "000000" ? "111111" : "000000";

        using var refused = await bob.PostFormAsync(codeForm, "/SignIn/MagicCode?handler=Verify", ("Email", "bob@acme.com"), ("code", wrong));

        var html = await refused.Content.ReadAsStringAsync();
        Assert.Contains("data-error-code=\"invalid_one_time_code\"", html);
        Assert.Contains("data-testid=\"magic-code-verify\"", html);
        Assert.Null(bob.GetCookie("wos-session"));
    }

    [Fact]
    public async Task A_user_with_an_unverified_email_verifies_it_with_the_emailed_code_and_is_signed_in()
    {
        using var uma = _factory.CreateWorkOSClient();
        var form = await uma.OpenAsync("/SignIn?returnUrl=%2FAccount%2FProfile");

        using var verify = await uma.PostFormAsync(form, "/SignIn", ("Email", "uma@acme.com"), ("Password", Password), ("ReturnUrl", "/Account/Profile"));
        var html = await verify.Content.ReadAsStringAsync();
        Assert.Contains("data-testid=\"email-verification\"", html);
        Assert.Equal(["uma@acme.com"], SignInPageForms.TestIdTexts(html, "verification-email"));
        var email = Assert.Single(Emulator.Outbox, e => e is { To: "uma@acme.com", Kind: EmulatorEmailKind.EmailVerificationCode });

        using var landing = await uma.PostFormAsync(html, "/SignIn/Step?handler=VerifyEmail",
            ("step", SignInPageForms.Step(html)), ("code", email.Code!));

        Assert.Equal("/Account/Profile", landing.RequestMessage!.RequestUri!.AbsolutePath);
        Assert.Contains("""<dd data-testid="email">uma@acme.com</dd>""", await landing.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_rate_limited_sign_in_answers_429_with_the_retry_time_on_the_page()
    {
        using var bob = _factory.CreateWorkOSClient();
        var form = await bob.OpenAsync("/SignIn");
        Emulator.InjectFault("POST", "/user_management/authenticate", 429,
            """{"code":"rate_limit_exceeded","message":"Too many requests"}""", contentType: "application/json",
            headers: new Dictionary<string, string> { ["Retry-After"] = "42" });

        using var limited = await bob.PostFormAsync(form, "/SignIn", ("Email", "bob@acme.com"), ("Password", Password));

        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(42), limited.Headers.RetryAfter?.Delta);
        var html = await limited.Content.ReadAsStringAsync();
        Assert.Equal(["42"], SignInPageForms.TestIdTexts(html, "retry-after"));
        Assert.Contains("data-testid=\"password-sign-in\"", html); // the form, to try again later
        Assert.Null(bob.GetCookie("wos-session"));
    }

    [Fact]
    public async Task Mfa_enrollment_shows_the_qr_code_and_secret_and_a_later_sign_in_asks_for_a_code()
    {
        using var mia = _factory.CreateWorkOSClient();
        var form = await mia.OpenAsync("/SignIn");

        using var enroll = await mia.PostFormAsync(form, "/SignIn", ("Email", SignInSampleEmulator.MfaUser), ("Password", Password));
        var enrollHtml = await enroll.Content.ReadAsStringAsync();
        Assert.Contains("data-testid=\"mfa-enrollment\"", enrollHtml);
        using var challenge = await mia.PostFormAsync(enrollHtml, "/SignIn/Step?handler=EnrollTotp", ("step", SignInPageForms.Step(enrollHtml)));
        var challengeHtml = await challenge.Content.ReadAsStringAsync();
        Assert.Contains("src=\"data:image/png;base64,", challengeHtml);
        var secret = Assert.Single(SignInPageForms.TestIdTexts(challengeHtml, "totp-secret"));
        var totp = new Totp(Base32Encoding.ToBytes(secret));

        using var wrong = await mia.PostFormAsync(challengeHtml, "/SignIn/Step?handler=VerifyTotp",
            ("step", SignInPageForms.Step(challengeHtml)), ("code", WrongCode(totp)));
        var wrongHtml = await wrong.Content.ReadAsStringAsync();
        Assert.Contains("data-testid=\"sign-in-error\"", wrongHtml);
        Assert.Contains("data-testid=\"mfa-challenge\"", wrongHtml); // the code form again, same step
        Assert.Null(mia.GetCookie("wos-session"));

        using var landing = await mia.PostFormAsync(wrongHtml, "/SignIn/Step?handler=VerifyTotp",
            ("step", SignInPageForms.Step(wrongHtml)), ("code", totp.ComputeTotp(DateTime.UtcNow)));
        Assert.Equal("/", landing.RequestMessage!.RequestUri!.AbsolutePath);
        Assert.Equal(SignInSampleEmulator.MfaUser, (await mia.GetFromJsonAsync<Me>("/api/me"))!.Email);

        // A later sign-in in another browser: no enrollment, the code of the app set up above (the next time step,
        // within the emulator's one step of drift: each step's code is accepted once).
        using var later = _factory.CreateWorkOSClient();
        var laterForm = await later.OpenAsync("/SignIn");
        using var asked = await later.PostFormAsync(laterForm, "/SignIn", ("Email", SignInSampleEmulator.MfaUser), ("Password", Password));
        var askedHtml = await asked.Content.ReadAsStringAsync();
        Assert.Contains("data-testid=\"mfa-challenge\"", askedHtml);
        Assert.DoesNotContain("data-testid=\"totp-secret\"", askedHtml);
        using var laterLanding = await later.PostFormAsync(askedHtml, "/SignIn/Step?handler=VerifyTotp",
            ("step", SignInPageForms.Step(askedHtml)), ("code", totp.ComputeTotp(DateTime.UtcNow.AddSeconds(30))));
        Assert.Equal("/", laterLanding.RequestMessage!.RequestUri!.AbsolutePath);
        Assert.NotNull(later.GetCookie("wos-session"));
    }

    [Fact]
    public async Task A_password_reset_link_from_the_outbox_sets_a_new_password_and_signs_in_with_it()
    {
        using var bob = _factory.CreateWorkOSClient();
        var form = await bob.OpenAsync("/SignIn/ForgotPassword");

        using var sent = await bob.PostFormAsync(form, "/SignIn/ForgotPassword", ("Email", "bob@acme.com"));
        Assert.Contains("data-testid=\"reset-sent\"", await sent.Content.ReadAsStringAsync());
        var email = Assert.Single(Emulator.Outbox, e => e is { To: "bob@acme.com", Kind: EmulatorEmailKind.PasswordReset });
        Assert.StartsWith("http://localhost/SignIn/ResetPassword?token=", email.Link, StringComparison.Ordinal);
        var resetForm = await bob.OpenAsync(email.Link);
        using var landing = await bob.PostFormAsync(resetForm, new Uri(email.Link).PathAndQuery,
            ("Token", SignInPageForms.Field(resetForm, "Token")!), ("NewPassword", "a-brand-new-passphrase-42"));

        Assert.Equal("/", landing.RequestMessage!.RequestUri!.AbsolutePath);
        Assert.Equal("bob@acme.com", (await bob.GetFromJsonAsync<Me>("/api/me"))!.Email);
        using var later = _factory.CreateWorkOSClient();
        var signIn = await later.OpenAsync("/SignIn");
        using var oldPassword = await later.PostFormAsync(signIn, "/SignIn", ("Email", "bob@acme.com"), ("Password", Password));
        Assert.Contains("data-error-code=\"invalid_credentials\"", await oldPassword.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_password_reset_for_an_unknown_address_answers_the_same_and_sends_nothing()
    {
        using var browser = _factory.CreateWorkOSClient();
        var form = await browser.OpenAsync("/SignIn/ForgotPassword");

        using var sent = await browser.PostFormAsync(form, "/SignIn/ForgotPassword", ("Email", "nobody@acme.com"));

        Assert.Equal(HttpStatusCode.OK, sent.StatusCode);
        Assert.Contains("If <strong>nobody@acme.com</strong> has an account, we emailed it a link", await sent.Content.ReadAsStringAsync());
        Assert.DoesNotContain(Emulator.Outbox, e => e.To == "nobody@acme.com");
    }

    [Fact]
    public async Task Sign_up_creates_the_account_verifies_its_email_and_signs_in()
    {
        using var fay = _factory.CreateWorkOSClient();
        var form = await fay.OpenAsync("/SignIn/SignUp");

        using var created = await fay.PostFormAsync(form, "/SignIn/SignUp", ("Email", "fay@initech.com"), ("Password", "a-brand-new-passphrase-42"),
            ("FirstName", "Fay"), ("LastName", "New"));
        var html = await created.Content.ReadAsStringAsync();
        Assert.Contains("data-testid=\"email-verification\"", html);
        var code = Assert.Single(Emulator.Outbox, e => e is { To: "fay@initech.com", Kind: EmulatorEmailKind.EmailVerificationCode }).Code!;
        using var landing = await fay.PostFormAsync(html, "/SignIn/Step?handler=VerifyEmail", ("step", SignInPageForms.Step(html)), ("code", code));

        Assert.Equal("/", landing.RequestMessage!.RequestUri!.AbsolutePath);
        Assert.Equal("fay@initech.com", (await fay.GetFromJsonAsync<Me>("/api/me"))!.Email);
    }

    [Fact]
    public async Task An_invitation_link_accepted_with_a_new_account_joins_the_inviting_organization()
    {
        var link = await InviteAsync("gus@example.com", "org_globex");
        using var gus = _factory.CreateWorkOSClient();
        var page = await gus.OpenAsync(link);
        Assert.Equal(["gus@example.com"], SignInPageForms.TestIdTexts(page, "invited-email"));

        using var landing = await gus.PostFormAsync(page, new Uri(link).PathAndQuery + "&handler=SignUp", ("Password", "a-brand-new-passphrase-42"));

        Assert.Equal("/", landing.RequestMessage!.RequestUri!.AbsolutePath);
        var me = await gus.GetFromJsonAsync<Me>("/api/me");
        Assert.Equal("gus@example.com", me!.Email);
        Assert.Equal("org_globex", me.OrganizationId);
        using var reopened = await gus.GetAsync(link);
        Assert.Contains("This invitation has already been accepted.", await reopened.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task An_invitation_link_accepted_with_a_sign_in_makes_bob_a_member_of_globex()
    {
        var link = await InviteAsync("bob@acme.com", "org_globex");
        using var bob = _factory.CreateWorkOSClient();
        var page = await bob.OpenAsync(link);

        using var landing = await bob.PostFormAsync(page, new Uri(link).PathAndQuery + "&handler=SignIn", ("Password", Password));

        Assert.Equal("/", landing.RequestMessage!.RequestUri!.AbsolutePath);
        Assert.Equal("bob@acme.com", (await bob.GetFromJsonAsync<Me>("/api/me"))!.Email);
        Assert.Contains(Emulator.Requests, r => r.Method == "POST" && r.Path == "/user_management/authenticate");
        var invitation = Assert.Single(Emulator.Outbox, e => e is { To: "bob@acme.com", Kind: EmulatorEmailKind.Invitation });
        using var reopened = await bob.GetAsync(invitation.Link);
        Assert.Contains("This invitation has already been accepted.", await reopened.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task An_unknown_invitation_token_shows_that_the_link_is_not_valid()
    {
        using var browser = _factory.CreateWorkOSClient();

        var page = await browser.OpenAsync("/SignIn/Invitation?invitation_token=not-a-real-token");

        Assert.Equal(["This invitation link is not valid."], SignInPageForms.TestIdTexts(page, "invitation-problem"));
        Assert.DoesNotContain("data-testid=\"invitation-sign-up\"", page);
    }

    /// <summary>Invites <paramref name="email"/> to <paramref name="organizationId"/> through the emulator's API, as an admin would; answers the emailed link.</summary>
    private async Task<string> InviteAsync(string email, string organizationId)
    {
        using var api = Emulator.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/user_management/invitations")
        {
            Content = JsonContent.Create(new { email, organization_id = organizationId }),
        };
        request.Headers.Authorization = new("Bearer", Emulator.ApiKey);
        using var sent = await api.SendAsync(request);
        Assert.True(sent.IsSuccessStatusCode, $"The emulator refused the invitation: {(int)sent.StatusCode} {await sent.Content.ReadAsStringAsync()}");
        var invitation = Assert.Single(Emulator.Outbox, e => e is { Kind: EmulatorEmailKind.Invitation } && e.To == email);
        Assert.StartsWith("http://localhost/SignIn/Invitation?invitation_token=", invitation.Link, StringComparison.Ordinal);
        return invitation.Link;
    }

    private static string WrongCode(Totp totp)
    {
        var now = DateTime.UtcNow;
        var valid = new[] { -30, 0, 30 }.Select(s => totp.ComputeTotp(now.AddSeconds(s))).ToHashSet();
        return Enumerable.Range(0, 10).Select(d => new string((char)('0' + d), 6)).First(code => !valid.Contains(code));
    }

    private sealed record Me(string Email, string? OrganizationId, string? Role);
}
