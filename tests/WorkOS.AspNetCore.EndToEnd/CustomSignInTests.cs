using System.Net.Http.Json;
using Microsoft.Playwright;
using OtpNet;
using WorkOS.AspNetCore.Emulator;
using WorkOS.AspNetCore.Sample.SignIn;

namespace WorkOS.AspNetCore.EndToEnd;

/// <summary>
/// The sample's own sign-in pages (Pages/SignIn/) in Chromium against its offline emulator: a password with an
/// authenticator app (enrolled, then asked for on a later sign-in), a code by email read from the emulator's outbox
/// page, and an organization chosen after a sign-in. Every wait is bounded and says what it waited for.
/// </summary>
public sealed class CustomSignInTests(SampleAppFixture sample) : IClassFixture<SampleAppFixture>
{
    private const float Wait = 15_000;

    [Fact]
    public async Task A_password_sign_in_enrolls_an_authenticator_app_and_a_later_sign_in_asks_for_its_code()
    {
        await using var first = await sample.Browser.NewContextAsync();
        var page = await OpenAsync(first, "/SignIn?returnUrl=%2FAccount%2FProfile");
        await SignInWithPasswordAsync(page, SignInSampleEmulator.MfaUser);

        await ExpectAsync(page, "[data-testid='mfa-enrollment']", "the MFA enrollment step after the password");
        await page.ClickAsync("[data-testid='enroll-totp']");
        await ExpectAsync(page, "[data-testid='totp-secret']", "the authenticator app's secret after enrolling");
        Assert.StartsWith("data:image/png;base64,", await page.GetAttributeAsync("[data-testid='totp-qr-code']", "src"), StringComparison.Ordinal);
        Assert.True(await page.EvalOnSelectorAsync<bool>("[data-testid='totp-qr-code']", "img => img.complete && img.naturalWidth > 0"),
            "The QR code image did not load.");
        var totp = new Totp(Base32Encoding.ToBytes(await page.InnerTextAsync("[data-testid='totp-secret']")));
        await page.FillAsync("[data-testid='code']", totp.ComputeTotp(DateTime.UtcNow));
        await page.ClickAsync("[data-testid='verify']");

        await ExpectUrlAsync(page, "/Account/Profile", "the return URL after the first code");
        Assert.Equal(SignInSampleEmulator.MfaUser, await page.InnerTextAsync("[data-testid='email']"));

        // Later, in a browser with no session: the same password, then a code from the app set up above (the next
        // time step, as the emulator accepts each step's code once, with one step of drift).
        await using var later = await sample.Browser.NewContextAsync();
        var again = await OpenAsync(later, "/SignIn?returnUrl=%2FAccount%2FProfile");
        await SignInWithPasswordAsync(again, SignInSampleEmulator.MfaUser);
        await ExpectAsync(again, "[data-testid='mfa-challenge']", "the MFA challenge on the later sign-in");
        Assert.Equal(0, await again.Locator("[data-testid='totp-secret']").CountAsync());
        await again.FillAsync("[data-testid='code']", totp.ComputeTotp(DateTime.UtcNow.AddSeconds(30)));
        await again.ClickAsync("[data-testid='verify']");

        await ExpectUrlAsync(again, "/Account/Profile", "the return URL after the challenge");
        Assert.Equal(SignInSampleEmulator.MfaUser, await again.InnerTextAsync("[data-testid='signed-in-as']"));
    }

    [Fact]
    public async Task A_code_read_from_the_emulators_outbox_signs_in()
    {
        await using var context = await sample.Browser.NewContextAsync();
        var page = await OpenAsync(context, "/SignIn/MagicCode?returnUrl=%2FAccount%2FProfile");

        await page.FillAsync("[data-testid='email']", "bob@acme.com");
        await page.ClickAsync("[data-testid='send-code']");
        await ExpectAsync(page, "[data-testid='code-sent']", "the code form after sending the code");

        // The developer opens the outbox the page links to, in another tab, and copies the code.
        var outboxUrl = await page.GetAttributeAsync("[data-testid='outbox']", "href");
        Assert.StartsWith(new Uri(sample.EmulatorUrl, "/passwordless/outbox").ToString(), outboxUrl, StringComparison.Ordinal);
        var outbox = await context.NewPageAsync();
        await outbox.GotoAsync(outboxUrl!);
        await ExpectAsync(outbox, "[data-testid='code-bob@acme.com']", "bob's code on the emulator's outbox page");
        var code = await outbox.Locator("[data-testid='code-bob@acme.com']").First.InnerTextAsync();

        await page.FillAsync("[data-testid='code']", code);
        await page.ClickAsync("[data-testid='verify']");

        await ExpectUrlAsync(page, "/Account/Profile", "the return URL after the code");
        Assert.Equal("bob@acme.com", await page.InnerTextAsync("[data-testid='email']"));
    }

    [Fact]
    public async Task Alice_chooses_an_organization_on_the_samples_page_after_her_password()
    {
        await using var context = await sample.Browser.NewContextAsync();
        var page = await OpenAsync(context, "/SignIn?returnUrl=%2FAccount%2FProfile");

        await SignInWithPasswordAsync(page, "alice@acme.com");
        await ExpectAsync(page, "[data-testid='organization-selection']", "the organization picker for alice's two organizations");
        Assert.Equal(["Acme Corp", "Globex"], (await page.Locator("[data-testid='organization']").AllInnerTextsAsync()).Order());
        await page.ClickAsync("[data-testid='organization'][value='org_globex']");

        await ExpectUrlAsync(page, "/Account/Profile", "the return URL after choosing Globex");
        Assert.Equal("org_globex", await page.InnerTextAsync("[data-testid='organization']"));
        Assert.Equal("member", await page.InnerTextAsync("[data-testid='role']"));
    }

    [Fact]
    public async Task Alice_chooses_an_organization_after_a_hosted_sign_in()
    {
        // WorkOS answers the hosted sign-in's code exchange with organization_selection_required, as it does for a user
        // of several organizations when the app names none.
        using (var control = new HttpClient { BaseAddress = sample.EmulatorUrl })
        {
            using var failed = await control.PostAsJsonAsync("/_emulator/users/alice@acme.com/authentication_errors",
                new { error = "organization_selection_required" });
            Assert.True(failed.IsSuccessStatusCode, $"The emulator's control API answered {(int)failed.StatusCode}.");
        }

        await using var context = await sample.Browser.NewContextAsync();
        var page = await OpenAsync(context, "/Account/Profile");
        await ExpectAsync(page, "[data-testid='user-alice@acme.com']", "the emulator's hosted sign-in page");
        await page.ClickAsync("[data-testid='user-alice@acme.com']");

        // The callback goes on to the sample's step page (WorkOS:SignInStepPath), which offers her two organizations.
        await ExpectAsync(page, "button[name='organizationId'][value='org_globex']", "the organization choice after the hosted sign-in");
        Assert.Equal(["Acme Corp", "Globex"], (await page.Locator("button[name='organizationId']").AllInnerTextsAsync()).Order());
        await page.ClickAsync("button[name='organizationId'][value='org_globex']");

        await ExpectUrlAsync(page, "/Account/Profile", "the page the sign-in started from, after choosing Globex");
        Assert.Equal("org_globex", await page.InnerTextAsync("[data-testid='organization']"));
        Assert.Equal("alice@acme.com", await page.InnerTextAsync("[data-testid='signed-in-as']"));
    }

    private async Task<IPage> OpenAsync(IBrowserContext context, string path)
    {
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(Wait);
        await page.GotoAsync(new Uri(sample.AppUrl, path).ToString());
        return page;
    }

    private static async Task SignInWithPasswordAsync(IPage page, string email)
    {
        await page.FillAsync("[data-testid='email']", email);
        await page.FillAsync("[data-testid='password']", EmulatorSeed.DefaultPassword);
        await page.ClickAsync("[data-testid='sign-in-with-password']");
    }

    private static async Task ExpectAsync(IPage page, string selector, string what)
    {
        try
        {
            await page.WaitForSelectorAsync(selector, new() { Timeout = Wait });
        }
        catch (TimeoutException)
        {
            Assert.Fail($"Waited {Wait / 1000} s for {what} ({selector}); the page is {page.Url}: {await BodyTextAsync(page)}");
        }
    }

    private static async Task ExpectUrlAsync(IPage page, string path, string what)
    {
        try
        {
            await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == path, new() { Timeout = Wait });
        }
        catch (TimeoutException)
        {
            Assert.Fail($"Waited {Wait / 1000} s for {what} ({path}); the page is {page.Url}: {await BodyTextAsync(page)}");
        }
    }

    private static async Task<string> BodyTextAsync(IPage page)
    {
        var text = await page.InnerTextAsync("body");
        return text.Length > 600 ? text[..600] : text;
    }
}
