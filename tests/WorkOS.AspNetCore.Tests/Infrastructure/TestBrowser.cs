using System.Net;
using WorkOS.AspNetCore.Testing;

namespace WorkOS.AspNetCore.Tests.Infrastructure;

/// <summary>
/// The tests' browser is the shipped <see cref="WorkOSTestClient"/> (cookies per host, app or emulator by the URL's
/// host, redirects), made here with redirects off so that a test sees each redirect and follows it when it means to.
/// The rest are the test apps' conventions: the antiforgery token page, forms, and the sign-in steps.
/// </summary>
public static class TestBrowser
{
    /// <summary>The test apps' page that answers the antiforgery request token a rendered form would carry.</summary>
    public const string AntiforgeryTokenPath = "/antiforgery-token";

    /// <summary>A browser of the app behind <paramref name="appHandler"/>; <paramref name="appBase"/> (default <c>http://localhost/</c>) sets its scheme and host.</summary>
    public static WorkOSTestClient Create(HttpMessageHandler appHandler, WorkOSEmulator emulator, Uri? appBase = null) =>
        new(appHandler, emulator, appBase ?? new Uri("http://localhost/")) { FollowRedirects = false };

    /// <summary>Gets <paramref name="url"/> after <paramref name="configure"/> changed the request (headers a script would add).</summary>
    public static Task<HttpResponseMessage> GetAsync(this WorkOSTestClient browser, string url, Action<HttpRequestMessage> configure)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        configure(request);
        return browser.SendAsync(request);
    }

    /// <summary>Submits a form as a browser does: a page navigation, so it accepts <c>text/html</c>.</summary>
    public static Task<HttpResponseMessage> PostFormAsync(this WorkOSTestClient browser, string url, IDictionary<string, string> form) =>
        browser.SendAsync(new HttpRequestMessage(HttpMethod.Post, url)
        {
            Content = new FormUrlEncodedContent(form),
            Headers = { { "Accept", "text/html,application/xhtml+xml,*/*;q=0.8" } },
        });

    /// <summary>Loads a page's antiforgery request token (and its cookie) as this browser's user, as rendering a form does.</summary>
    public static async Task<string> AntiforgeryTokenAsync(this WorkOSTestClient browser, string tokenPage = AntiforgeryTokenPath)
    {
        var page = await browser.GetAsync(tokenPage);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        return await page.Content.ReadAsStringAsync();
    }

    /// <summary>Submits a form that carries <paramref name="token"/> (see <see cref="AntiforgeryTokenAsync"/>), or a fresh one.</summary>
    public static async Task<HttpResponseMessage> SubmitFormAsync(this WorkOSTestClient browser, string url, IDictionary<string, string> form,
        string? token = null, string tokenPage = AntiforgeryTokenPath)
    {
        var fields = new Dictionary<string, string>(form) { ["__RequestVerificationToken"] = token ?? await browser.AntiforgeryTokenAsync(tokenPage) };
        return await browser.PostFormAsync(url, fields);
    }

    /// <summary>Follows redirects from <paramref name="response"/> until a non-redirect answer; returns it.</summary>
    public static async Task<HttpResponseMessage> FollowAsync(this WorkOSTestClient browser, HttpResponseMessage response, int max = 10)
    {
        for (var i = 0; i < max && IsRedirect(response); i++)
        {
            response = await browser.GetAsync(browser.Location(response).ToString());
        }

        return response;
    }

    /// <summary>
    /// Visits <paramref name="path"/>, and when it redirects to AuthKit, signs in there as <paramref name="email"/>
    /// (login_hint) and follows the callback. Returns the response of the callback (the redirect back into the app),
    /// for tests that look at the callback itself; <see cref="WorkOSTestClient.SignInAsAsync"/> goes on to the page.
    /// </summary>
    public static async Task<HttpResponseMessage> SignInAsync(this WorkOSTestClient browser, string email, string path = "/auth/sign-in")
    {
        var challenge = await browser.GetAsync(path);
        Assert.Equal(HttpStatusCode.Redirect, challenge.StatusCode);
        var authorize = browser.Location(challenge).ToString() + "&login_hint=" + Uri.EscapeDataString(email);
        var toCallback = await browser.GetAsync(authorize);
        Assert.Equal(HttpStatusCode.Redirect, toCallback.StatusCode);
        return await browser.GetAsync(browser.Location(toCallback).ToString());
    }

    /// <summary>The absolute URL a redirect points to.</summary>
    public static Uri Location(this WorkOSTestClient browser, HttpResponseMessage response)
    {
        var location = response.Headers.Location ?? throw new InvalidOperationException($"No Location header on a {(int)response.StatusCode} response.");
        return location.IsAbsoluteUri ? location : new Uri(response.RequestMessage?.RequestUri ?? browser.BaseAddress!, location);
    }

    private static bool IsRedirect(HttpResponseMessage response) =>
        response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Found or HttpStatusCode.SeeOther
            or HttpStatusCode.TemporaryRedirect or HttpStatusCode.MovedPermanently;
}
