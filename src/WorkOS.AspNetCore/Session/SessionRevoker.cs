using System.Security.Claims;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using WorkOS.AspNetCore.Claims;

namespace WorkOS.AspNetCore.Session;

/// <summary>Puts signed-out and revoked sessions on the revoked-session list, for as long as their access tokens may live.</summary>
internal sealed class SessionRevoker(IRevokedSessionStore store, TimeProvider timeProvider, ILogger<SessionRevoker> logger)
{
    /// <summary>How long a session revoked without a known access-token expiry stays on the list.</summary>
    internal static readonly TimeSpan UnknownExpiryRetention = TimeSpan.FromHours(24);

    /// <summary>Revokes the session of the signed-in principal of <paramref name="context"/>'s app, if any.</summary>
    public static Task RevokeAsync(HttpContext context, ClaimsPrincipal? principal) =>
        context.RequestServices.GetService<SessionRevoker>()?.RevokeAsync(principal) ?? Task.CompletedTask;

    /// <summary>
    /// Revokes the principal's session until a full access-token lifetime from now (or the token's own expiry, if
    /// later), which covers every token of the session issued so far, on any instance.
    /// </summary>
    public Task RevokeAsync(ClaimsPrincipal? principal)
    {
        if (principal?.GetWorkOSSessionId() is not { Length: > 0 } sessionId)
        {
            return Task.CompletedTask;
        }

        var now = timeProvider.GetUtcNow();
        var until = now + UnknownExpiryRetention;
        if (SessionTokens.Of(principal)?.Token is { } token && token.ValidTo > DateTime.MinValue)
        {
            var expires = new DateTimeOffset(token.ValidTo, TimeSpan.Zero);
            var lifetime = token.IssuedAt > DateTime.MinValue ? token.ValidTo - token.IssuedAt : TimeSpan.Zero;
            until = expires > now + lifetime ? expires : now + lifetime;
        }

        return RevokeAsync(sessionId, until);
    }

    /// <summary>Revokes a session whose access tokens' expiry is not known here.</summary>
    public Task RevokeAsync(string sessionId) => RevokeAsync(sessionId, timeProvider.GetUtcNow() + UnknownExpiryRetention);

    private async Task RevokeAsync(string sessionId, DateTimeOffset until)
    {
        try
        {
            await store.RevokeAsync(sessionId, until).ConfigureAwait(false);
            logger.SessionRevoked(sessionId, until);
        }
        catch (SessionCoordinationUnavailableException ex)
        {
            // The shared list is down; this instance's own list already has it. Sign-out goes on.
            logger.RevokeNotShared(sessionId, ex);
        }
    }
}
