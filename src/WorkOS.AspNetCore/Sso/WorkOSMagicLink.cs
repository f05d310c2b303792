using System.Globalization;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using WorkOS.AspNetCore.Api;
using WorkOS.AspNetCore.Authentication;

namespace WorkOS.AspNetCore.Sso;

/// <summary>
/// Magic Link (passwordless sessions): creates a one-time sign-in link for an email address, for the app to send itself
/// or for WorkOS to email. The link lands on the SSO scheme's callback with a code and signs the user in through the
/// same profile flow (<see cref="WorkOSSsoEvents.OnProfileReceived"/>, then the app's cookie).
/// Resolve it from the services (for the scheme added first) or as a keyed service named for the scheme.
/// </summary>
/// <remarks>
/// Magic Link is deprecated by WorkOS in favour of AuthKit's Magic Auth (<c>AddWorkOSAuthKit</c> with the Magic Auth
/// method turned on in the WorkOS dashboard); it is kept working for apps that use it.
/// A link carries a state this service protected with the scheme's key, bound to nothing but its expiry and the
/// return URL: a link may be opened in another browser than the one that asked for it, so it is not bound to a browser
/// the way an SSO sign-in is. Whoever holds an unused link can sign in with it, as with any magic link.
/// </remarks>
public sealed class WorkOSMagicLink
{
    private readonly string _scheme;
    private readonly IOptionsMonitor<WorkOSSsoOptions> _options;
    private readonly IHttpClientFactory _httpClientFactory;
    private readonly IHttpContextAccessor? _httpContext;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    internal WorkOSMagicLink(string scheme, IOptionsMonitor<WorkOSSsoOptions> options, IHttpClientFactory httpClientFactory,
        IHttpContextAccessor? httpContext, TimeProvider? time, ILoggerFactory? loggerFactory)
    {
        _scheme = scheme;
        _options = options;
        _httpClientFactory = httpClientFactory;
        _httpContext = httpContext;
        _time = time ?? TimeProvider.System;
        _logger = loggerFactory?.CreateLogger<WorkOSMagicLink>() ?? NullLogger<WorkOSMagicLink>.Instance;
    }

    /// <summary>
    /// Creates a passwordless session for <paramref name="email"/> (<c>POST /passwordless/sessions</c>) and returns its link.
    /// Send the link yourself, or call <see cref="SendSessionAsync"/> to have WorkOS email it.
    /// </summary>
    /// <param name="email">The user's email address.</param>
    /// <param name="returnUrl">A path of this app to land on once signed in; anything else lands on the app's root.</param>
    /// <param name="expiresIn">How long the link is valid; <see langword="null"/> uses WorkOS's default (15 minutes) and
    /// <see cref="WorkOSSsoOptions.MagicLinkLifetime"/> for the state. Between 5 minutes and 24 hours.</param>
    /// <param name="redirectUri">The absolute callback URL of the SSO scheme; <see langword="null"/> uses
    /// <see cref="WorkOSSsoOptions.RedirectUri"/>, else the current request's host and the scheme's callback path.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The session and its link.</returns>
    /// <exception cref="WorkOSApiException">WorkOS refused the request or could not be reached.</exception>
    public async Task<WorkOSMagicLinkSession> CreateSessionAsync(string email, string? returnUrl = null, TimeSpan? expiresIn = null,
        string? redirectUri = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(email);
        if (expiresIn is { } e && (e < TimeSpan.FromMinutes(5) || e > TimeSpan.FromHours(24)))
        {
            throw new ArgumentOutOfRangeException(nameof(expiresIn), e, "A magic link lives between 5 minutes and 24 hours.");
        }

        var options = _options.Get(_scheme);
        var request = _httpContext?.HttpContext?.Request;
        var callback = redirectUri ?? options.RedirectUri;
        if (string.IsNullOrEmpty(callback))
        {
            callback = request is null
                ? throw new InvalidOperationException($"The magic link's callback URL is unknown outside a request: set {nameof(WorkOSSsoOptions)}.{nameof(WorkOSSsoOptions.RedirectUri)} or pass redirectUri.")
                : $"{request.Scheme}://{request.Host.ToUriComponent()}{request.PathBase.Add(options.CallbackPath).ToUriComponent()}";
        }

        if (!Uri.TryCreate(callback, UriKind.Absolute, out _))
        {
            throw new ArgumentException("The redirect URI must be an absolute URL.", nameof(redirectUri));
        }

        if (!ReturnUrls.TryResolve(request?.PathBase ?? PathString.Empty, returnUrl, out var resolved))
        {
            _logger.SsoReturnUrlNotLocal(returnUrl!, resolved);
        }

        var lifetime = expiresIn ?? options.MagicLinkLifetime;
        var properties = new AuthenticationProperties { RedirectUri = resolved };
        properties.Items[WorkOSSsoHandler.IssuedAtKey] = _time.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        properties.Items[WorkOSSsoHandler.MagicLinkKey] = ((long)lifetime.TotalSeconds).ToString(CultureInfo.InvariantCulture);

        var session = await Client(options).CreatePasswordlessSessionAsync(new PasswordlessSessionRequest
        {
            Email = email,
            RedirectUri = callback,
            State = options.StateDataFormat.Protect(properties),
            ExpiresIn = expiresIn is { } seconds ? (int)seconds.TotalSeconds : null,
        }, cancellationToken).ConfigureAwait(false);
        _logger.MagicLinkCreated(session.Id!, _scheme);
        return new WorkOSMagicLinkSession(session.Id!, session.Email ?? email, new Uri(session.Link!), session.ExpiresAt);
    }

    /// <summary>Asks WorkOS to email the session's link to its address (<c>POST /passwordless/sessions/{id}/send</c>).</summary>
    /// <param name="sessionId">The session's id, from <see cref="CreateSessionAsync"/>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="WorkOSApiException">WorkOS refused the request or could not be reached.</exception>
    public async Task SendSessionAsync(string sessionId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(sessionId);
        await Client(_options.Get(_scheme)).SendPasswordlessSessionAsync(sessionId, cancellationToken).ConfigureAwait(false);
        _logger.MagicLinkSent(sessionId);
    }

    private SsoApiClient Client(WorkOSSsoOptions options)
    {
        var settings = WorkOSApiSettings.Create(options.ApiBaseUrl, options.ClientId, options.ApiKey);
        return new SsoApiClient(WorkOSApiClient.Create(_httpClientFactory, settings, _logger, _time),
            settings, _logger);
    }
}

/// <summary>A passwordless session: the link to send and when it stops working.</summary>
/// <param name="Id">The session id (<c>passwordless_session_...</c>).</param>
/// <param name="Email">The address the link is for.</param>
/// <param name="Link">The one-time sign-in link.</param>
/// <param name="ExpiresAt">When the link expires, as WorkOS said.</param>
public sealed record WorkOSMagicLinkSession(string Id, string Email, Uri Link, DateTimeOffset? ExpiresAt);
