using Microsoft.AspNetCore.Http;
using WorkOS.AspNetCore.Api;

namespace WorkOS.AspNetCore.Session;

/// <summary>What every session refresh event knows: the scheme and the session.</summary>
public abstract class SessionRefreshContext
{
    private protected SessionRefreshContext(HttpContext? httpContext, string scheme, string? userId,
        string? sessionId, string? organizationId)
    {
        HttpContext = httpContext;
        Scheme = scheme;
        UserId = userId;
        SessionId = sessionId;
        OrganizationId = organizationId;
    }

    /// <summary>The request that started the refresh, when one did (a Blazor circuit has none).</summary>
    public HttpContext? HttpContext { get; }

    /// <summary>The AuthKit scheme name; its options are <c>IOptionsMonitor&lt;WorkOSAuthKitOptions&gt;.Get(Scheme)</c>.</summary>
    public string Scheme { get; }

    /// <summary>The user whose session is refreshed.</summary>
    public string? UserId { get; }

    /// <summary>The WorkOS session id.</summary>
    public string? SessionId { get; }

    /// <summary>The organization asked for: the session's own, or the one being switched to.</summary>
    public string? OrganizationId { get; }
}

/// <summary>The context of <c>WorkOSAuthKitEvents.SessionRefreshing</c>.</summary>
public sealed class SessionRefreshingContext : SessionRefreshContext
{
    internal SessionRefreshingContext(HttpContext? httpContext, string scheme, string? userId,
        string? sessionId, string? organizationId)
        : base(httpContext, scheme, userId, sessionId, organizationId)
    {
    }
}

/// <summary>The context of <c>WorkOSAuthKitEvents.SessionRefreshed</c>.</summary>
public sealed class SessionRefreshedContext : SessionRefreshContext
{
    internal SessionRefreshedContext(HttpContext? httpContext, string scheme, string? userId,
        string? sessionId, string? organizationId, WorkOSAuthenticationResponse response)
        : base(httpContext, scheme, userId, sessionId, organizationId) => TokenResponse = response;

    /// <summary>What WorkOS returned: the new tokens and the user.</summary>
    public WorkOSAuthenticationResponse TokenResponse { get; }
}

/// <summary>The context of <c>WorkOSAuthKitEvents.SessionRefreshFailed</c>.</summary>
public sealed class SessionRefreshFailedContext : SessionRefreshContext
{
    internal SessionRefreshFailedContext(HttpContext? httpContext, string scheme, string? userId,
        string? sessionId, string? organizationId, Exception error, bool isTransient)
        : base(httpContext, scheme, userId, sessionId, organizationId)
    {
        Error = error;
        IsTransient = isTransient;
    }

    /// <summary>What went wrong (usually a <see cref="WorkOSApiException"/>).</summary>
    public Exception Error { get; }

    /// <summary>
    /// Whether the failure is transient (timeout, network, 408, 429, 5xx): the session stays while its access token is
    /// valid and the refresh is retried later. Otherwise the WorkOS session has ended and the user is signed out.
    /// </summary>
    public bool IsTransient { get; }
}
