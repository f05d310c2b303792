using System.Net;
using System.Text.RegularExpressions;
using WorkOS.AspNetCore.Testing;

namespace WorkOS.AspNetCore.Sample.Tests;

/// <summary>Reads and posts the forms of the sample's sign-in pages, as a browser does: with the antiforgery token.</summary>
internal static partial class SignInPageForms
{
    /// <summary>Opens <paramref name="path"/> and answers its HTML.</summary>
    public static async Task<string> OpenAsync(this WorkOSTestClient browser, string path)
    {
        using var page = await browser.GetAsync(path);
        Assert.True(page.StatusCode == HttpStatusCode.OK, $"{path} answered {(int)page.StatusCode}");
        return await page.Content.ReadAsStringAsync();
    }

    /// <summary>Posts <paramref name="fields"/> to <paramref name="action"/> with the antiforgery token of <paramref name="html"/>.</summary>
    public static async Task<HttpResponseMessage> PostFormAsync(this WorkOSTestClient browser, string html, string action,
        params (string Name, string Value)[] fields)
    {
        var form = fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value))
            .Append(new("__RequestVerificationToken", Field(html, "__RequestVerificationToken")
                ?? throw new InvalidOperationException("The page has no antiforgery field.")));
        return await browser.PostAsync(action, new FormUrlEncodedContent(form));
    }

    /// <summary>The (decoded) value of the first hidden or text field named <paramref name="name"/>, if any.</summary>
    public static string? Field(string html, string name) =>
        Regex.Match(html, $"name=\"{Regex.Escape(name)}\"[^>]*value=\"([^\"]*)\"") is { Success: true } match
            ? WebUtility.HtmlDecode(match.Groups[1].Value)
            : null;

    /// <summary>The pending step the page's step form carries.</summary>
    public static string Step(string html) => Field(html, "step") ?? throw new InvalidOperationException("The page shows no step form.");

    /// <summary>The texts of the elements marked <c>data-testid="<paramref name="testId"/>"</c>, decoded.</summary>
    public static IReadOnlyList<string> TestIdTexts(string html, string testId) =>
        Regex.Matches(html, $"data-testid=\"{Regex.Escape(testId)}\"[^>]*>([^<]*)<").Select(m => WebUtility.HtmlDecode(m.Groups[1].Value)).ToList();
}
