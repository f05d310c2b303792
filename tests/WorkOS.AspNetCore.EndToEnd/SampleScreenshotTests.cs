using Microsoft.Playwright;

namespace WorkOS.AspNetCore.EndToEnd;

/// <summary>
/// The sample's main pages in a real browser, each saved as a PNG in <c>docs/screenshots/</c> (linked from the
/// README): home, profile, the access-denied page and the Blazor dashboard.
/// </summary>
public sealed class SampleScreenshotTests(SampleAppFixture sample) : IClassFixture<SampleAppFixture>
{
    private static readonly string ScreenshotFolder = Path.Combine(RepositoryRoot(), "docs", "screenshots");

    [Fact]
    public async Task Alice_sees_home_profile_and_a_live_blazor_dashboard_served_by_the_frameworks_script()
    {
        await using var context = await NewContextAsync();
        var page = await context.NewPageAsync();
        await SignInAsync(page, "alice@acme.com", "/");

        await Assertions.Expect(page.GetByTestId("signed-in-as")).ToHaveTextAsync("alice@acme.com");
        await ScreenshotAsync(page, "home.png");

        await page.GotoAsync(Url("/Account/Profile"));
        await Assertions.Expect(page.GetByTestId("role")).ToHaveTextAsync("admin");
        await ScreenshotAsync(page, "profile.png", page.GetByTestId("session-id"));

        // The page loads the framework's own blazor.web.js; the circuit it opens renders the interactive marker.
        var script = page.WaitForResponseAsync(response => response.Url.EndsWith("/_framework/blazor.web.js", StringComparison.Ordinal));
        await page.GotoAsync(Url("/blazor"));
        var scriptResponse = await script;
        Assert.Equal(200, scriptResponse.Status);
        Assert.Contains("javascript", scriptResponse.Headers["content-type"], StringComparison.Ordinal);
        await page.WaitForSelectorAsync("[data-testid='interactive']", new() { Timeout = 15_000 });
        await page.ClickAsync("[data-testid='call-api']");
        await Assertions.Expect(page.GetByTestId("api-result")).ToHaveTextAsync("Call 1: 200 as user_alice", new() { Timeout = 15_000 });
        await ScreenshotAsync(page, "blazor.png");
    }

    [Fact]
    public async Task Bob_opening_the_admin_page_sees_the_access_denied_page()
    {
        await using var context = await NewContextAsync();
        var page = await context.NewPageAsync();
        await SignInAsync(page, "bob@acme.com", "/");

        var response = await page.GotoAsync(Url("/Admin"));

        Assert.Equal(403, response!.Status);
        await Assertions.Expect(page.GetByTestId("access-denied")).ToBeVisibleAsync();
        await ScreenshotAsync(page, "access-denied.png");
    }

    private Task<IBrowserContext> NewContextAsync() =>
        sample.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1100, Height = 720 } });

    private async Task SignInAsync(IPage page, string email, string returnUrl)
    {
        await page.GotoAsync(Url("/auth/sign-in?returnUrl=" + Uri.EscapeDataString(returnUrl)));
        await page.ClickAsync($"[data-testid='user-{email}']");
        try
        {
            await page.WaitForURLAsync(Url(returnUrl));
        }
        catch (TimeoutException ex)
        {
            // Say where the sign-in ended instead of only that it did not end at the return URL.
            var text = await page.InnerTextAsync("body");
            throw new TimeoutException($"Signing in as {email} did not land on {returnUrl}; the browser is at {page.Url} showing: {text[..Math.Min(text.Length, 600)]}", ex);
        }
    }

    private string Url(string path) => new Uri(sample.AppUrl, path).ToString();

    /// <summary>Saves a full-page PNG, with the values that change on every run (the session id) masked so the image stays stable.</summary>
    private static async Task ScreenshotAsync(IPage page, string fileName, params ILocator[] mask)
    {
        Directory.CreateDirectory(ScreenshotFolder);
        var path = Path.Combine(ScreenshotFolder, fileName);
        var bytes = await page.ScreenshotAsync(new() { Path = path, FullPage = true, Mask = mask, MaskColor = "#dde0e8", Animations = ScreenshotAnimations.Disabled });
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], bytes[..4]);
        Assert.True(File.Exists(path));
    }

    /// <summary>The folder holding WorkOS.AspNetCore.sln, found from the test assembly's folder upward.</summary>
    private static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "WorkOS.AspNetCore.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException($"No WorkOS.AspNetCore.sln above {AppContext.BaseDirectory}.");
    }
}
