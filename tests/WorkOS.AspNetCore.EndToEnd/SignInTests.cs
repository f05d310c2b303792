using Microsoft.Playwright;

namespace WorkOS.AspNetCore.EndToEnd;

public sealed class SignInTests(SampleAppFixture sample) : IClassFixture<SampleAppFixture>
{
    [Fact]
    public async Task Protected_page_sends_the_browser_through_authkit_and_back_as_the_chosen_user()
    {
        await using var context = await sample.Browser.NewContextAsync();
        var page = await context.NewPageAsync();

        await page.GotoAsync(new Uri(sample.AppUrl, "/Account/Profile").ToString());

        // The emulator's hosted sign-in page lists the seeded users.
        await page.WaitForSelectorAsync("[data-testid='user-alice@acme.com']");
        Assert.Contains("/user_management/authorize", page.Url);
        await page.ClickAsync("[data-testid='user-alice@acme.com']");

        await page.WaitForURLAsync(url => url.EndsWith("/Account/Profile", StringComparison.Ordinal));
        Assert.Equal("alice@acme.com", await page.InnerTextAsync("[data-testid='email']"));
        Assert.Equal("org_acme", await page.InnerTextAsync("[data-testid='organization']"));
        Assert.Equal("admin", await page.InnerTextAsync("[data-testid='role']"));
        Assert.Contains("posts:write", await page.InnerTextAsync("[data-testid='permissions']"));
        Assert.Equal("alice@acme.com", await page.InnerTextAsync("[data-testid='signed-in-as']"));
    }
}
