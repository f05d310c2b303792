using System.Net;
using WorkOS.AspNetCore.Emulator;

namespace WorkOS.AspNetCore.Tests.Infrastructure;

/// <summary>
/// Acts like a browser across the app (TestServer) and the in-process emulator: keeps cookies per host, sends
/// each request to whichever server the URL names, and follows redirects only when asked to.
/// </summary>
public sealed class BrowserClient(HttpMessageHandler appHandler, Uri appBase, WorkOSEmulator emulator) : IDisposable
{
    private readonly HttpClient _app = new(appHandler) { BaseAddress = appBase };
    private readonly HttpClient _emulator = new(emulator.CreateHandler()) { BaseAddress = emulator.BaseUrl };

    public CookieContainer Cookies { get; } = new();

    public Uri AppBase => appBase;

    public Task<HttpResponseMessage> GetAsync(string url, Action<HttpRequestMessage>? configure = null) =>
        SendAsync(new HttpRequestMessage(HttpMethod.Get, Absolute(url)), configure);

    /// <summary>Submits a form as a browser does: a page navigation, so it accepts <c>text/html</c>.</summary>
    public Task<HttpResponseMessage> PostFormAsync(string url, IDictionary<string, string> form) =>
        SendAsync(new HttpRequestMessage(HttpMethod.Post, Absolute(url))
        {
            Content = new FormUrlEncodedContent(form),
            Headers = { { "Accept", "text/html,application/xhtml+xml,*/*;q=0.8" } },
        });

    public const string AntiforgeryTokenPath = "/antiforgery-token";

    /// <summary>Loads a page's antiforgery request token (and its cookie) as this browser's user, as rendering a form does.</summary>
    public async Task<string> AntiforgeryTokenAsync(string tokenPage = AntiforgeryTokenPath)
    {
        var page = await GetAsync(tokenPage);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        return await page.Content.ReadAsStringAsync();
    }

    /// <summary>Submits a form that carries <paramref name="token"/> (see <see cref="AntiforgeryTokenAsync"/>), or a fresh one.</summary>
    public async Task<HttpResponseMessage> SubmitFormAsync(string url, IDictionary<string, string> form, string? token = null,
        string tokenPage = AntiforgeryTokenPath)
    {
        var fields = new Dictionary<string, string>(form) { ["__RequestVerificationToken"] = token ?? await AntiforgeryTokenAsync(tokenPage) };
        return await PostFormAsync(url, fields);
    }

    public async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, Action<HttpRequestMessage>? configure = null)
    {
        var uri = request.RequestUri!;
        var header = Cookies.GetCookieHeader(uri);
        if (header.Length > 0)
        {
            request.Headers.Add("Cookie", header);
        }

        configure?.Invoke(request);
        var client = uri.Host == emulator.BaseUrl.Host && uri.Port == emulator.BaseUrl.Port ? _emulator : _app;
        var response = await client.SendAsync(request);
        if (response.Headers.TryGetValues("Set-Cookie", out var setCookies))
        {
            foreach (var setCookie in setCookies)
            {
                Cookies.SetCookies(uri, setCookie);
            }
        }

        return response;
    }

    /// <summary>Follows redirects from <paramref name="response"/> until a non-redirect answer; returns it.</summary>
    public async Task<HttpResponseMessage> FollowAsync(HttpResponseMessage response, int max = 10)
    {
        for (var i = 0; i < max && IsRedirect(response); i++)
        {
            response = await GetAsync(Location(response).ToString());
        }

        return response;
    }

    /// <summary>
    /// Visits <paramref name="path"/>, and when it redirects to AuthKit, signs in there as <paramref name="email"/>
    /// (login_hint) and follows the callback. Returns the response of the callback (the redirect back into the app).
    /// </summary>
    public async Task<HttpResponseMessage> SignInAsync(string email, string path = "/auth/sign-in")
    {
        var challenge = await GetAsync(path);
        Assert.Equal(HttpStatusCode.Redirect, challenge.StatusCode);
        var authorize = Location(challenge).ToString() + "&login_hint=" + Uri.EscapeDataString(email);
        var toCallback = await GetAsync(authorize);
        Assert.Equal(HttpStatusCode.Redirect, toCallback.StatusCode);
        return await GetAsync(Location(toCallback).ToString());
    }

    public static bool IsRedirect(HttpResponseMessage response) =>
        response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Found or HttpStatusCode.SeeOther
            or HttpStatusCode.TemporaryRedirect or HttpStatusCode.MovedPermanently;

    public Uri Location(HttpResponseMessage response)
    {
        var location = response.Headers.Location ?? throw new InvalidOperationException($"No Location header on a {(int)response.StatusCode} response.");
        return location.IsAbsoluteUri ? location : new Uri(response.RequestMessage!.RequestUri!, location);
    }

    public string? CookieValue(string name) => Cookies.GetAllCookies().FirstOrDefault(c => c.Name == name && !c.Expired && c.Domain == appBase.Host)?.Value;


    private Uri Absolute(string url) => Uri.TryCreate(url, UriKind.Absolute, out var absolute) && absolute.Scheme.StartsWith("http", StringComparison.Ordinal)
        ? absolute
        : new Uri(appBase, url);

    public void Dispose()
    {
        _app.Dispose();
        _emulator.Dispose();
    }
}
