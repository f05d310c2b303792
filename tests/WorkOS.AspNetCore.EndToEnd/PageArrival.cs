using Microsoft.Playwright;
using Xunit.Sdk;

namespace WorkOS.AspNetCore.EndToEnd;

/// <summary>Waits for a page to arrive at a URL; when it does not, the failure says where it went and what it shows.</summary>
internal static class PageArrival
{
    public static async Task ArriveAtAsync(this IPage page, string url)
    {
        try
        {
            await page.WaitForURLAsync(url);
        }
        catch (TimeoutException)
        {
            var text = await page.InnerTextAsync("body", new() { Timeout = 2_000 }).ConfigureAwait(false);
            throw new XunitException($"Expected the page at {url}, but it is at {page.Url}, showing: {text[..Math.Min(text.Length, 800)]}");
        }
    }
}
