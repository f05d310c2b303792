using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Playwright;

namespace WorkOS.AspNetCore.EndToEnd;

public sealed class SessionLifecycleTests(ShortTokenSampleFixture sample) : IClassFixture<ShortTokenSampleFixture>
{
    [Fact]
    public async Task Session_survives_token_expiry_switches_organization_and_signs_out_of_workos()
    {
        await using var context = await sample.Browser.NewContextAsync();
        var page = await context.NewPageAsync();
        var profile = new Uri(sample.AppUrl, "/Account/Profile").ToString();

        await page.GotoAsync(profile);
        await page.ClickAsync("[data-testid='user-alice@acme.com']");
        await Assertions.Expect(page).ToHaveURLAsync(profile, new() { Timeout = 30_000 });
        var sessionId = await page.InnerTextAsync("[data-testid='session-id']");
        Assert.Equal("org_acme", await page.InnerTextAsync("[data-testid='organization']"));

        // Keep using the app until its 4-second access token has been refreshed twice; every page works meanwhile.
        var refreshed = sample.Refreshes.WaitForAsync(sample.Refreshes.Count + 2, TimeSpan.FromSeconds(30));
        while (!refreshed.IsCompleted)
        {
            await page.GotoAsync(profile);
            Assert.Equal(profile, page.Url);
            Assert.Equal("alice@acme.com", await page.InnerTextAsync("[data-testid='email']"));
            Assert.Equal(sessionId, await page.InnerTextAsync("[data-testid='session-id']"));
        }

        await refreshed;

        await page.FillAsync("[data-testid='organization-input']", "org_globex");
        await page.ClickAsync("[data-testid='switch-organization']");
        // The form posts from the profile page and redirects back to it: wait for the new page's content, since the
        // URL matches before the navigation has even started.
        await Assertions.Expect(page.GetByTestId("organization")).ToHaveTextAsync("org_globex", new() { Timeout = 30_000 });
        Assert.Equal(profile, page.Url);
        Assert.Equal("member", await page.InnerTextAsync("[data-testid='role']"));

        await page.ClickAsync("[data-testid='sign-out']");
        await page.WaitForSelectorAsync("[data-testid='signed-out']");
        Assert.EndsWith("/SignedOut", page.Url, StringComparison.Ordinal);
        Assert.False(await IsActiveAtWorkOSAsync(sessionId));

        // Signed out here too: the protected page sends the browser to sign in again.
        await page.GotoAsync(profile);
        await page.WaitForSelectorAsync("[data-testid='user-alice@acme.com']");
    }

    private async Task<bool> IsActiveAtWorkOSAsync(string sessionId)
    {
        using var http = new HttpClient { BaseAddress = new Uri(sample.WorkOS.ApiBaseUrl + "/") };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", sample.WorkOS.ApiKey);
        using var document = JsonDocument.Parse(await http.GetStringAsync("user_management/users/user_alice/sessions"));
        return document.RootElement.GetProperty("data").EnumerateArray().Any(s => s.GetProperty("id").GetString() == sessionId);
    }
}
