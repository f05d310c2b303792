using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace WorkOS.AspNetCore.ScaleOut.Tests.Infrastructure;

/// <summary>
/// One browser behind a round-robin load balancer: its own cookie jar (cookies are per host, so every instance on
/// 127.0.0.1 sees the same ones, as behind one public host name), each request to the next live instance. It signs
/// in as a person does, on the emulator's sign-in page, and signs out with the app's sign-out form.
/// </summary>
internal sealed partial class RoundRobinBrowser : IDisposable
{
    /// <summary>The library's session cookie (chunks add a suffix).</summary>
    private const string SessionCookie = "wos-session";

    private readonly List<AppInstance> _instances;
    private readonly EmulatorProcess _emulator;
    private readonly HttpClient _http;
    private int _next = -1;

    public RoundRobinBrowser(IEnumerable<AppInstance> instances, EmulatorProcess emulator)
    {
        _instances = [.. instances];
        _emulator = emulator;
        _http = new HttpClient(new SocketsHttpHandler { CookieContainer = Cookies, UseCookies = true, AllowAutoRedirect = false }, disposeHandler: true)
        {
            Timeout = ScaleOutCluster.RequestTimeout,
        };
    }

    /// <summary>The browser's cookies.</summary>
    public CookieContainer Cookies { get; } = new();

    /// <summary>Whether the browser holds the app's session cookie.</summary>
    public bool HasSessionCookie => Cookies.GetAllCookies().Any(c => c.Name.StartsWith(SessionCookie, StringComparison.Ordinal) && !c.Expired && c.Value.Length > 0);

    /// <summary>The next live instance in turn.</summary>
    public AppInstance Next()
    {
        var live = _instances.Where(i => i.IsAlive).ToList();
        Assert.NotEmpty(live);
        return live[(int)((uint)Interlocked.Increment(ref _next) % (uint)live.Count)];
    }

    /// <summary>Stops sending requests to <paramref name="instance"/> (the load balancer took it out).</summary>
    public void Remove(AppInstance instance) => _instances.Remove(instance);

    /// <summary>
    /// Signs in as <paramref name="email"/>: the app's sign-in endpoint on the next instance, the emulator's sign-in
    /// page (the user's button), and the callback, which must set the session cookie.
    /// </summary>
    public async Task SignInAsync(string email)
    {
        var instance = Next();
        using var challenge = await GetAsync(new Uri(instance.BaseUrl, "auth/sign-in"), "text/html");
        Assert.Equal(HttpStatusCode.Redirect, challenge.StatusCode);
        var authorize = challenge.Headers.Location!;
        Assert.StartsWith(_emulator.BaseUrl.GetLeftPart(UriPartial.Authority), authorize.ToString(), StringComparison.Ordinal);

        using var page = await GetAsync(authorize, "text/html");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        var fields = HiddenInput().Matches(html).ToDictionary(m => WebUtility.HtmlDecode(m.Groups[1].Value), m => WebUtility.HtmlDecode(m.Groups[2].Value));
        var button = UserButton().Matches(html).SingleOrDefault(m => WebUtility.HtmlDecode(m.Groups[2].Value) == email);
        Assert.True(button is not null, $"The emulator's sign-in page has no button for {email}.");
        fields["user_id"] = WebUtility.HtmlDecode(button.Groups[1].Value);

        using var complete = await _http.PostAsync(new Uri(_emulator.BaseUrl, "user_management/authorize/complete"), new FormUrlEncodedContent(fields));
        Assert.Equal(HttpStatusCode.Redirect, complete.StatusCode);
        var callback = complete.Headers.Location!;
        Assert.Equal(instance.BaseUrl.Authority, callback.Authority);

        using var back = await GetAsync(callback, "text/html");
        Assert.True(back.StatusCode == HttpStatusCode.Redirect, $"The callback answered {(int)back.StatusCode}.\n{instance.Process.RecentOutput()}");
        Assert.True(HasSessionCookie, "The callback did not set the session cookie.");
    }

    /// <summary><c>GET /me</c> on <paramref name="instance"/> (the next one when <see langword="null"/>), as a script of the page would.</summary>
    public async Task<Me> GetMeAsync(AppInstance? instance = null)
    {
        instance ??= Next();
        using var response = await GetAsync(new Uri(instance.BaseUrl, "me"), "application/json");
        var body = await response.Content.ReadAsStringAsync();
        if (response.StatusCode != HttpStatusCode.OK)
        {
            return new Me(null, null, null, null) { Status = response.StatusCode, AnsweredBy = instance.Name };
        }

        var me = body.Length > 0 ? JsonSerializer.Deserialize<Me>(body, JsonSerializerOptions.Web) : null;
        Assert.True(me is not null, $"{instance} answered 200 to /me with '{body}'.\n{instance.Process.RecentOutput()}");
        return me with { Status = response.StatusCode, AnsweredBy = instance.Name };
    }

    /// <summary>
    /// Signs out on <paramref name="instance"/> with the app's sign-out form (its antiforgery token), and follows the
    /// redirect to WorkOS's logout, as a browser does. Returns the app's answer to the form.
    /// </summary>
    public async Task<HttpStatusCode> SignOutAsync(AppInstance instance)
    {
        using var tokenPage = await GetAsync(new Uri(instance.BaseUrl, "antiforgery-token"), "text/html");
        Assert.Equal(HttpStatusCode.OK, tokenPage.StatusCode);
        var token = await tokenPage.Content.ReadAsStringAsync();
        using var signOut = await _http.PostAsync(new Uri(instance.BaseUrl, "auth/sign-out"),
            new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
        if (signOut.Headers.Location is { } logout && logout.IsAbsoluteUri && logout.Authority == _emulator.BaseUrl.Authority)
        {
            using var _ = await GetAsync(logout, "text/html");
        }

        return signOut.StatusCode;
    }

    /// <summary>The status of <c>/health</c> on <paramref name="instance"/> (200 while everything it checks is healthy, else 503).</summary>
    public async Task<HttpStatusCode> HealthAsync(AppInstance instance)
    {
        using var response = await GetAsync(new Uri(instance.BaseUrl, "health"), "text/plain");
        return response.StatusCode;
    }

    /// <summary>The browser's current cookies for the app's host, as a <c>Cookie</c> header (to replay them later).</summary>
    public string CookieHeader(AppInstance instance) => Cookies.GetCookieHeader(instance.BaseUrl);

    /// <summary><c>GET /me</c> on <paramref name="instance"/> with exactly the cookies of <paramref name="cookieHeader"/>, as an attacker replaying them would.</summary>
    public static async Task<HttpStatusCode> ReplayAsync(AppInstance instance, string cookieHeader)
    {
        using var client = new HttpClient(new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false }) { Timeout = ScaleOutCluster.RequestTimeout };
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(instance.BaseUrl, "me"));
        request.Headers.Add("Cookie", cookieHeader);
        request.Headers.Accept.ParseAdd("application/json");
        using var response = await client.SendAsync(request);
        return response.StatusCode;
    }

    public void Dispose() => _http.Dispose();

    private Task<HttpResponseMessage> GetAsync(Uri url, string accept)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Accept.ParseAdd(accept);
        return _http.SendAsync(request);
    }

    [GeneratedRegex("""<input type="hidden" name="([^"]*)" value="([^"]*)">""")]
    private static partial Regex HiddenInput();

    [GeneratedRegex("""<button type="submit" name="user_id" value="([^"]*)" data-testid="user-([^"]*)">""")]
    private static partial Regex UserButton();
}

/// <summary>What <c>/me</c> answered: the signed-in user and session, the instance that answered, and the access token's expiry.</summary>
internal sealed record Me(string? UserId, string? SessionId, string? Instance, DateTime? AccessTokenExpiresAt)
{
    public HttpStatusCode Status { get; init; }

    public string? AnsweredBy { get; init; }
}
