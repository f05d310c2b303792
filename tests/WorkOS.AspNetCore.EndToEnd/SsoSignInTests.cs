namespace WorkOS.AspNetCore.EndToEnd;

/// <summary>The SSO-only sample in a real browser: SSO by email domain through the emulator's connection page, and Magic Link through its outbox.</summary>
public sealed class SsoSignInTests(SsoSampleAppFixture sample) : IClassFixture<SsoSampleAppFixture>
{
    [Fact]
    public async Task Typing_a_work_email_and_picking_the_profile_at_the_identity_provider_signs_in_and_sign_out_returns_home()
    {
        await using var context = await sample.Browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(new Uri(sample.AppUrl, "/sign-in").ToString());

        await page.FillAsync("[data-testid='email']", "alice@acme.com");
        await page.CheckAsync("[data-testid='choose-account']");
        await page.ClickAsync("[data-testid='continue']");

        // The emulator's page for Acme's SAML connection lists its profiles.
        await page.WaitForSelectorAsync("[data-testid='profile-alice@acme.com']");
        Assert.StartsWith(new Uri(sample.EmulatorUrl, "/sso/authorize").ToString(), page.Url, StringComparison.Ordinal);
        await page.ClickAsync("[data-testid='profile-alice@acme.com']");

        await page.WaitForURLAsync(url => url.EndsWith("/profile", StringComparison.Ordinal));
        Assert.Contains("alice@acme.com (connection conn_acme_saml", await page.InnerTextAsync("[data-testid='app-user']"));
        Assert.Contains("OktaSAML", await page.InnerTextAsync("[data-testid='claims']"));

        await page.GotoAsync(sample.AppUrl.ToString());
        Assert.Equal("Signed in as alice@acme.com", await page.InnerTextAsync("[data-testid='signed-in-as']"));
        await page.ClickAsync("[data-testid='sign-out']");
        // SSO logout went through the emulator, which returned to the app's home page.
        await page.WaitForSelectorAsync("[data-testid='signed-out']");
        Assert.StartsWith(sample.AppUrl.GetLeftPart(UriPartial.Authority), page.Url, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sign_in_with_google_goes_through_the_google_provider_and_signs_in()
    {
        await using var context = await sample.Browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(new Uri(sample.AppUrl, "/sign-in").ToString());

        await page.ClickAsync("[data-testid='google']");
        await page.WaitForSelectorAsync("[data-testid='profile-carol@globex.com']");
        Assert.Contains("provider=GoogleOAuth", page.Url, StringComparison.Ordinal);
        await page.ClickAsync("[data-testid='profile-carol@globex.com']");

        await page.WaitForURLAsync(url => url.EndsWith("/profile", StringComparison.Ordinal));
        Assert.Contains("carol@globex.com", await page.InnerTextAsync("[data-testid='app-user']"));
        Assert.Contains("GoogleOAuth", await page.InnerTextAsync("[data-testid='claims']"));
    }

    [Fact]
    public async Task A_magic_link_opened_from_the_emulators_outbox_signs_in()
    {
        await using var context = await sample.Browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(new Uri(sample.AppUrl, "/sign-in").ToString());

        await page.FillAsync("[data-testid='magic-email']", "erin@example.com");
        await page.ClickAsync("[data-testid='send-magic-link']");
        await page.WaitForSelectorAsync("[data-testid='magic-link-sent']");
        await page.ClickAsync("[data-testid='outbox']");

        await page.WaitForSelectorAsync("[data-testid='link-erin@example.com']");
        Assert.StartsWith(new Uri(sample.EmulatorUrl, "/passwordless/outbox").ToString(), page.Url, StringComparison.Ordinal);
        await page.ClickAsync("[data-testid='link-erin@example.com']");

        await page.WaitForURLAsync(url => url.EndsWith("/profile", StringComparison.Ordinal));
        Assert.Contains("erin@example.com", await page.InnerTextAsync("[data-testid='app-user']"));
        Assert.Contains("MagicLink", await page.InnerTextAsync("[data-testid='claims']"));
    }
}
