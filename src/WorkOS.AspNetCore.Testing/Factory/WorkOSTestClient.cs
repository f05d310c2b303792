using System.Net;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using WorkOS.AspNetCore.Authentication;
using WorkOS.AspNetCore.Emulator;
using WorkOS.AspNetCore.Testing.Factory;

namespace WorkOS.AspNetCore.Testing;

/// <summary>
/// An <see cref="HttpClient"/> that behaves like a browser in front of an app under test and its in-process
/// <see cref="WorkOSEmulator"/>: it keeps cookies, sends each request to the app or to the emulator by the host its
/// URL names, and follows redirects. <see cref="SignInAsAsync"/> signs in through the app's real AuthKit flow
/// (challenge, the emulator's authorize endpoint, the app's callback), so the app sees exactly what it sees in
/// production: no cookie is forged.
/// </summary>
/// <remarks>
/// Create one with <c>factory.CreateWorkOSClient()</c> after <c>factory.WithWorkOSEmulator(...)</c>, or with the
/// constructor for an app on a plain <c>TestServer</c>. Each client is one browser: two clients are two users.
/// </remarks>
public sealed class WorkOSTestClient : HttpClient
{
    private readonly BrowserHandler _browser;

    /// <summary>Creates a client over an app's handler (such as <c>TestServer.CreateHandler()</c>) and an in-process emulator.</summary>
    /// <param name="appHandler">Reaches the app; the client owns and disposes it.</param>
    /// <param name="emulator">The emulator the app signs in against; it must be in process (<see cref="WorkOSInProcessEmulator.CreateInProcess"/>) or loopback.</param>
    /// <param name="baseAddress">The app's base address; <c>http://localhost/</c> when <see langword="null"/>.</param>
    public WorkOSTestClient(HttpMessageHandler appHandler, WorkOSEmulator emulator, Uri? baseAddress = null)
        : this(new BrowserHandler(
            appHandler ?? throw new ArgumentNullException(nameof(appHandler)),
            (emulator ?? throw new ArgumentNullException(nameof(emulator))).CreateHandler(),
            emulator.BaseUrl), emulator, baseAddress)
    {
    }

    private WorkOSTestClient(BrowserHandler browser, WorkOSEmulator emulator, Uri? baseAddress)
        : base(browser, disposeHandler: true)
    {
        _browser = browser;
        Emulator = emulator;
        BaseAddress = baseAddress ?? new Uri("http://localhost/");
    }

    /// <summary>The emulator this client signs in against, for control during the test.</summary>
    public WorkOSEmulator Emulator { get; }

    /// <summary>
    /// The app's services, when the client was made by <c>CreateWorkOSClient</c>: they name the session cookies of the
    /// app's AuthKit schemes, by which a sign-in is judged.
    /// </summary>
    internal IServiceProvider? AppServices { get; init; }

    /// <summary>The cookies of this browser, for the app's host and the emulator's.</summary>
    public CookieContainer Cookies => _browser.Cookies;

    /// <summary>
    /// Whether redirects are followed (the default). Turn it off to assert on a redirect itself, such as the
    /// challenge of a protected page.
    /// </summary>
    public bool FollowRedirects
    {
        get => _browser.FollowRedirects;
        set => _browser.FollowRedirects = value;
    }

    /// <summary>The most redirects followed for one request. Default 10.</summary>
    public int MaxRedirects
    {
        get => _browser.MaxRedirects;
        set
        {
            ArgumentOutOfRangeException.ThrowIfNegative(value);
            _browser.MaxRedirects = value;
        }
    }

    /// <summary>
    /// Signs this browser in as an emulator user through the app's own sign-in flow: visits
    /// <paramref name="startPath"/>, follows the challenge to the emulator's authorize endpoint with
    /// <c>login_hint</c> set to the user's email (the emulator then signs the user in without showing its page),
    /// and follows the callback back into the app, which exchanges the code and sets its session cookie.
    /// </summary>
    /// <param name="userIdOrEmail">The emulator user, by email address or id.</param>
    /// <param name="organizationId">The organization to sign in to; the user's first organization when <see langword="null"/>.</param>
    /// <param name="startPath">
    /// Where the sign-in starts: a path of the app that redirects to AuthKit, such as its sign-in endpoint (the
    /// default, <c>/auth/sign-in</c>) or a page that requires a signed-in user.
    /// </param>
    /// <param name="cancellationToken">Cancels the sign-in.</param>
    /// <returns>
    /// The landing page: the app's response where the sign-in returned to, whatever its status (a 404 return URL is
    /// a completed sign-in that landed on a 404). The caller disposes it (<c>using var landing = await ...</c>).
    /// </returns>
    /// <remarks>
    /// The sign-in is judged by the app's callback: it succeeded when the callback set the app's session cookie (the
    /// cookie of the AuthKit scheme's sign-in scheme; for a client made with the constructor, any cookie but the
    /// pending-sign-in one). A callback that answers an error page, or redirects to <c>ErrorPath</c>, without setting it
    /// is a failed sign-in.
    /// </remarks>
    /// <exception cref="ArgumentException">The emulator has no such user.</exception>
    /// <exception cref="WorkOSSignInException">The sign-in did not complete; the message says where it stopped and why.</exception>
    public async Task<HttpResponseMessage> SignInAsAsync(string userIdOrEmail, string? organizationId = null,
        string startPath = WorkOSAuthKitDefaults.EndpointPrefix + "/sign-in", CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(userIdOrEmail);
        ArgumentException.ThrowIfNullOrWhiteSpace(startPath);
        var email = Emulator.FindUserEmail(userIdOrEmail)
            ?? throw new ArgumentException($"The WorkOS emulator has no user '{userIdOrEmail}'. Add it to the seed.", nameof(userIdOrEmail));

        // Follow hop by hop, whatever FollowRedirects says, to see where the flow stops.
        var follow = FollowRedirects;
        FollowRedirects = false;
        try
        {
            return await WalkSignInAsync(email, organizationId, startPath, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            FollowRedirects = follow;
        }
    }

    /// <summary>
    /// Signs this browser out as a person would: loads <paramref name="formPage"/>, takes the antiforgery token of its
    /// form (when the page has one), and posts it to the app's sign-out endpoint, which ends the local session and the
    /// WorkOS session. Redirects are followed as <see cref="FollowRedirects"/> says.
    /// </summary>
    /// <param name="path">The app's sign-out endpoint. Default <c>/auth/sign-out</c>.</param>
    /// <param name="formPage">A page with the sign-out form, for its antiforgery token; <see langword="null"/> to post without one.</param>
    /// <param name="returnUrl">Where the app sends the browser after signing out; the app's default when <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the requests.</param>
    /// <returns>The response to the sign-out; the caller disposes it.</returns>
    public async Task<HttpResponseMessage> SignOutAsync(string path = WorkOSAuthKitDefaults.EndpointPrefix + "/sign-out",
        string? formPage = "/", string? returnUrl = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        if (formPage is not null)
        {
            using var page = new HttpRequestMessage(HttpMethod.Get, formPage);
            page.Headers.Accept.ParseAdd("text/html");
            using var response = await SendAsync(page, cancellationToken).ConfigureAwait(false);
            var html = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            if (AntiforgeryField.Find(html) is { } token)
            {
                fields[AntiforgeryField.Name] = token;
            }
        }

        if (returnUrl is not null)
        {
            fields["returnUrl"] = returnUrl;
        }

        using var content = new FormUrlEncodedContent(fields);
        return await PostAsync(path, content, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The value of one of the app's cookies in this browser, or <see langword="null"/>.</summary>
    /// <param name="name">The cookie name, such as <c>wos-session</c>.</param>
    /// <returns>The value, or <see langword="null"/> when the browser does not hold it.</returns>
    public string? GetCookie(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        var host = BaseAddress?.Host;
        return Cookies.GetAllCookies().FirstOrDefault(c => c.Name == name && !c.Expired
            && (host is null || string.Equals(c.Domain.TrimStart('.'), host, StringComparison.OrdinalIgnoreCase)))?.Value;
    }

    private async Task<HttpResponseMessage> WalkSignInAsync(string email, string? organizationId, string startPath, CancellationToken cancellationToken)
    {
        var sessionCookies = await SessionCookieNamesAsync().ConfigureAwait(false);
        using var start = new HttpRequestMessage(HttpMethod.Get, startPath);
        start.Headers.Accept.ParseAdd("text/html");
        var response = await SendAsync(start, cancellationToken).ConfigureAwait(false);
        var sawEmulator = false;
        var atCallback = false;
        var signedIn = false;
        for (var hop = 0; hop < Math.Max(MaxRedirects, 10); hop++)
        {
            var current = response.RequestMessage?.RequestUri;
            if (atCallback)
            {
                // The callback decides the sign-in: the app's session cookie is set, or the sign-in failed.
                atCallback = false;
                if (!SetsSessionCookie(response, sessionCookies))
                {
                    throw Stopped(response, CallbackFailure(response, current));
                }

                signedIn = true;
            }

            if (response.Headers.Location is not { } location)
            {
                if (!sawEmulator)
                {
                    throw Stopped(response, $"'{startPath}' answered {(int)response.StatusCode} instead of redirecting to AuthKit. Start from a path that challenges the WorkOS scheme.");
                }

                if (!signedIn)
                {
                    throw Stopped(response, $"The emulator answered {(int)response.StatusCode} at {current?.AbsolutePath} instead of redirecting back to the app.");
                }

                return response;
            }

            var target = location.IsAbsoluteUri ? location : new Uri(current!, location);
            var fromEmulator = IsEmulator(current);
            var toEmulator = IsEmulator(target);
            if (toEmulator && target.AbsolutePath == "/user_management/authorize")
            {
                sawEmulator = true;
                target = WithHints(target, email, organizationId);
            }
            else if (fromEmulator && !toEmulator && !signedIn)
            {
                var query = QueryHelpers.ParseQuery(target.Query);
                if (query.TryGetValue("error", out var error))
                {
                    var description = query.TryGetValue("error_description", out var d) ? d.ToString() : "";
                    throw Stopped(response, $"AuthKit redirected back with error '{error}': {description}");
                }

                atCallback = true;
            }

            response.Dispose();
            using var next = new HttpRequestMessage(HttpMethod.Get, target);
            next.Headers.Accept.ParseAdd("text/html");
            response = await SendAsync(next, cancellationToken).ConfigureAwait(false);
        }

        throw Stopped(response, "The sign-in redirected too many times.");
    }

    /// <summary>The session cookie names of the app's AuthKit schemes; <see langword="null"/> when the app's services are unknown.</summary>
    private async Task<HashSet<string>?> SessionCookieNamesAsync()
    {
        if (AppServices?.GetService<IAuthenticationSchemeProvider>() is not { } schemes)
        {
            return null;
        }

        var authKit = AppServices.GetRequiredService<IOptionsMonitor<WorkOSAuthKitOptions>>();
        var cookies = AppServices.GetRequiredService<IOptionsMonitor<CookieAuthenticationOptions>>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var scheme in await schemes.GetAllSchemesAsync().ConfigureAwait(false))
        {
            if (typeof(RemoteAuthenticationHandler<WorkOSAuthKitOptions>).IsAssignableFrom(scheme.HandlerType)
                && authKit.Get(scheme.Name).SignInScheme is { Length: > 0 } signInScheme
                && cookies.Get(signInScheme).Cookie.Name is { Length: > 0 } cookieName)
            {
                names.Add(cookieName);
            }
        }

        return names.Count > 0 ? names : null;
    }

    /// <summary>Whether the response sets one of the session cookies (or, when they are unknown, any cookie but the pending-sign-in one) to a live value.</summary>
    private static bool SetsSessionCookie(HttpResponseMessage response, HashSet<string>? sessionCookies)
    {
        if (!response.Headers.TryGetValues("Set-Cookie", out var values)
            || !SetCookieHeaderValue.TryParseList(values.ToList(), out var cookies))
        {
            return false;
        }

        var now = DateTimeOffset.UtcNow;
        foreach (var cookie in cookies)
        {
            var name = cookie.Name.Value ?? "";
            // The pending-sign-in cookie and the sign-in step cookie beside it (wos-auth-pending-step) are no session.
            var named = sessionCookies?.Contains(name) ?? !name.StartsWith(WorkOSAuthKitDefaults.PendingSignInCookieName, StringComparison.Ordinal);
            var live = cookie.Value.Length > 0 && (cookie.MaxAge is not { } maxAge || maxAge > TimeSpan.Zero)
                && (cookie.Expires is not { } expires || expires > now);
            if (named && live)
            {
                return true;
            }
        }

        return false;
    }

    private static string CallbackFailure(HttpResponseMessage response, Uri? callback)
    {
        var status = (int)response.StatusCode;
        var reason = "";
        if (response.Headers.Location is { } location)
        {
            var query = QueryHelpers.ParseQuery(location.IsAbsoluteUri ? location.Query : new Uri(new Uri("http://app/"), location).Query);
            if (query.TryGetValue("error", out var error))
            {
                reason = $" with error '{error}'" + (query.TryGetValue("error_description", out var d) ? $": {d}" : "");
            }
        }

        return $"The app's callback {callback?.AbsolutePath} answered {status}{reason} without setting its session cookie: the sign-in failed.";
    }

    private bool IsEmulator(Uri? uri) =>
        uri is not null && string.Equals(uri.Host, Emulator.BaseUrl.Host, StringComparison.OrdinalIgnoreCase) && uri.Port == Emulator.BaseUrl.Port;

    private static Uri WithHints(Uri authorize, string email, string? organizationId)
    {
        var query = QueryHelpers.ParseQuery(authorize.Query);
        query["login_hint"] = email;
        if (organizationId is not null)
        {
            query["organization_id"] = organizationId;
        }

        return new Uri(QueryHelpers.AddQueryString(new UriBuilder(authorize) { Query = "" }.Uri.ToString(), query));
    }

    private static WorkOSSignInException Stopped(HttpResponseMessage response, string message)
    {
        var status = response.StatusCode;
        response.Dispose();
        return new WorkOSSignInException(message, status);
    }
}
