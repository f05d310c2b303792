using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace WorkOS.AspNetCore.Authentication;

/// <summary>
/// Reads the session cookie's ticket the way <see cref="CookieAuthenticationHandler"/> does (the chunking cookie
/// manager, the ticket format, the server-side session store), without validating the principal. Sign-out uses it:
/// a session whose access token expired and could not be refreshed no longer authenticates, but its WorkOS session
/// must still be ended. A cookie that does not unprotect (tampered, or sealed by another app) yields nothing.
/// </summary>
internal static class SessionCookieTicket
{
    /// <summary>The claim in which the cookie handler keeps the key of a server-side session.</summary>
    private const string SessionKeyClaim = "Microsoft.AspNetCore.Authentication.Cookies-SessionId";

    public static async Task<AuthenticationTicket?> ReadAsync(HttpContext context, string cookieScheme, DateTimeOffset now)
    {
        var options = context.RequestServices.GetRequiredService<IOptionsMonitor<CookieAuthenticationOptions>>().Get(cookieScheme);
        if (options.Cookie.Name is not { Length: > 0 } name || options.CookieManager.GetRequestCookie(context, name) is not { Length: > 0 } cookie)
        {
            return null;
        }

        var binding = context.Features.Get<ITlsTokenBindingFeature>()?.GetProvidedTokenBindingId();
        var ticket = options.TicketDataFormat.Unprotect(cookie, binding is null ? null : Convert.ToBase64String(binding));
        if (ticket is not null && options.SessionStore is { } store)
        {
            ticket = ticket.Principal.FindFirst(SessionKeyClaim)?.Value is { } key
                ? await store.RetrieveAsync(key, context, context.RequestAborted)
                : null;
        }

        return ticket?.Properties.ExpiresUtc is { } expires && expires < now ? null : ticket;
    }
}
