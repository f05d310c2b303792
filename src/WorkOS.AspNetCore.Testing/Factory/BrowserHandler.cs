using System.Net;

namespace WorkOS.AspNetCore.Testing.Factory;

/// <summary>
/// Acts like a browser across two in-memory servers: sends each request to the app or to the emulator by the host
/// (and port) its URL names, keeps cookies per host, and follows redirects the way a browser does (a 301/302/303
/// after a POST becomes a GET).
/// </summary>
internal sealed class BrowserHandler : HttpMessageHandler
{
    private readonly HttpMessageInvoker _app;
    private readonly HttpMessageInvoker _emulator;
    private readonly Uri _emulatorBase;

    public BrowserHandler(HttpMessageHandler appHandler, HttpMessageHandler emulatorHandler, Uri emulatorBase)
    {
        _app = new HttpMessageInvoker(appHandler, disposeHandler: true);
        _emulator = new HttpMessageInvoker(emulatorHandler, disposeHandler: true);
        _emulatorBase = emulatorBase;
    }

    public CookieContainer Cookies { get; } = new();

    public bool FollowRedirects { get; set; } = true;

    public int MaxRedirects { get; set; } = 10;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await SendOneAsync(request, cancellationToken).ConfigureAwait(false);
        for (var hops = 0; FollowRedirects && IsRedirect(response.StatusCode) && response.Headers.Location is { } location; hops++)
        {
            if (hops >= MaxRedirects)
            {
                throw new HttpRequestException($"More than {MaxRedirects} redirects, the last to {location}.");
            }

            var target = location.IsAbsoluteUri ? location : new Uri(response.RequestMessage?.RequestUri ?? request.RequestUri!, location);
            var next = NextRequest(response, target);
            response.Dispose();
            response = await SendOneAsync(next, cancellationToken).ConfigureAwait(false);
        }

        return response;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _app.Dispose();
            _emulator.Dispose();
        }

        base.Dispose(disposing);
    }

    private async Task<HttpResponseMessage> SendOneAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var uri = request.RequestUri ?? throw new InvalidOperationException("The request has no URI.");
        var cookieUri = CookieScope(uri);
        var header = Cookies.GetCookieHeader(cookieUri);
        if (header.Length > 0)
        {
            request.Headers.Remove("Cookie");
            request.Headers.TryAddWithoutValidation("Cookie", header);
        }

        var server = IsEmulator(uri) ? _emulator : _app;
        var response = await server.SendAsync(request, cancellationToken).ConfigureAwait(false);
        response.RequestMessage ??= request;
        if (response.Headers.TryGetValues("Set-Cookie", out var setCookies))
        {
            foreach (var setCookie in setCookies)
            {
                try
                {
                    Cookies.SetCookies(cookieUri, setCookie);
                }
                catch (CookieException)
                {
                    // A browser ignores a cookie it cannot store; so do we.
                }
            }
        }

        return response;
    }

    /// <summary>
    /// The URI cookies are stored and sent under. Browsers treat <c>http://localhost</c> and loopback addresses as secure
    /// contexts, so <c>Secure</c> cookies work there over http; the cookie jar is asked as if the request were https.
    /// </summary>
    private static Uri CookieScope(Uri uri) =>
        uri.Scheme == Uri.UriSchemeHttp && (uri.IsLoopback || uri.Host.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase))
            ? new UriBuilder(uri) { Scheme = Uri.UriSchemeHttps }.Uri
            : uri;

    private bool IsEmulator(Uri uri) =>
        string.Equals(uri.Host, _emulatorBase.Host, StringComparison.OrdinalIgnoreCase) && uri.Port == _emulatorBase.Port;

    private static bool IsRedirect(HttpStatusCode status) =>
        status is HttpStatusCode.MovedPermanently or HttpStatusCode.Found or HttpStatusCode.SeeOther
            or HttpStatusCode.TemporaryRedirect or HttpStatusCode.PermanentRedirect;

    private static HttpRequestMessage NextRequest(HttpResponseMessage response, Uri target)
    {
        var previous = response.RequestMessage!;
        var keepMethod = response.StatusCode is HttpStatusCode.TemporaryRedirect or HttpStatusCode.PermanentRedirect
            || (previous.Method == HttpMethod.Get || previous.Method == HttpMethod.Head);
        var next = new HttpRequestMessage(keepMethod ? previous.Method : HttpMethod.Get, target);
        foreach (var (name, values) in previous.Headers)
        {
            if (!string.Equals(name, "Cookie", StringComparison.OrdinalIgnoreCase)
                && !string.Equals(name, "Authorization", StringComparison.OrdinalIgnoreCase))
            {
                next.Headers.TryAddWithoutValidation(name, values);
            }
        }

        if (keepMethod && previous.Method != HttpMethod.Get && previous.Method != HttpMethod.Head)
        {
            // 307/308 repeat the body; the content of a buffered request can be sent again.
            next.Content = previous.Content;
        }

        return next;
    }
}
