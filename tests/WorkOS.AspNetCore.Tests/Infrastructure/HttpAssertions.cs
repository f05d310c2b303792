using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Primitives;
using WorkOS.AspNetCore.Testing;

namespace WorkOS.AspNetCore.Tests.Infrastructure;

/// <summary>Small readers for what a user observes: claims pages, query strings, set cookies.</summary>
public static class HttpAssertions
{
    public static async Task<Dictionary<string, string[]>> ClaimsAsync(this WorkOSTestClient browser)
    {
        var response = await browser.GetAsync("/protected");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<Dictionary<string, string[]>>())!;
    }

    public static Dictionary<string, StringValues> Query(Uri uri) => QueryHelpers.ParseQuery(uri.Query);

    public static IEnumerable<string> SetCookies(this HttpResponseMessage response) =>
        response.Headers.TryGetValues("Set-Cookie", out var values) ? values : [];

    /// <summary>Whether the response set a non-empty session cookie (a sign-in).</summary>
    public static bool SetsSessionCookie(this HttpResponseMessage response) =>
        response.SetCookies().Any(c => c.StartsWith(WorkOSAuthKitDefaults.SessionCookieName, StringComparison.Ordinal)
            && !c.StartsWith(WorkOSAuthKitDefaults.SessionCookieName + "=;", StringComparison.Ordinal));
}
