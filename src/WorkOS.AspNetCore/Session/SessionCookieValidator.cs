using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using WorkOS.AspNetCore.Api;
using WorkOS.AspNetCore.Claims;
using WorkOS.AspNetCore.Diagnostics;

namespace WorkOS.AspNetCore.Session;

/// <summary>
/// Runs when the session cookie is read: refreshes the access token when it is within the buffer of expiry, so the
/// request already sees the new principal and token, and the browser gets the re-issued cookie. Before that, on every
/// request, refuses a cookie whose session was signed out or revoked, or whose user or membership was revoked after its
/// token was issued, and refreshes early a token issued before its user's roles or membership changed (in-memory
/// lookups; the shared store's reads, issued at once, when multi-instance coordination is on).
/// </summary>
internal sealed class SessionCookieValidator(
    SessionRefresher refresher,
    IRevokedSessionStore revoked,
    ISessionSettingsSource settings,
    ILogger<SessionCookieValidator> logger,
    WorkOSMetrics metrics,
    TimeProvider timeProvider)
{
    public async Task ValidateAsync(CookieValidatePrincipalContext context, string authKitScheme)
    {
        var principal = context.Principal;
        var accessToken = context.Properties.GetTokenValue(SessionTokens.AccessToken);
        if (accessToken is null || principal is null)
        {
            return; // not a WorkOS session
        }

        // The cookie format parsed the token when it built the principal; parse again only for a session without one.
        var tokens = SessionTokens.Of(principal);
        var token = tokens?.Token ?? new JsonWebToken(accessToken);
        var standing = await StandingAsync(context, SessionSubject.Of(token, principal.GetWorkOSSessionId()));
        if (standing is null)
        {
            return;
        }

        var options = settings.Get(authKitScheme);
        var refreshDue = standing == SessionStanding.RefreshDue;
        if (refreshDue)
        {
            logger.EarlyRefresh(principal.GetWorkOSSessionId());
        }
        else if (!refresher.NeedsRefresh(token, options))
        {
            return;
        }

        if (tokens?.RefreshToken is not { } refreshToken)
        {
            if (refresher.IsExpired(token))
            {
                logger.ExpiredWithoutRefresh(principal.GetWorkOSSessionId());
                context.RejectPrincipal();
            }

            return;
        }

        using var measurement = RefreshMeasurement.Start(metrics, timeProvider, principal.GetWorkOSUserId(), principal.GetOrganizationId(),
            principal.GetWorkOSSessionId());
        var outcome = await refresher.RefreshAsync(context.HttpContext, authKitScheme, options, refreshToken,
            principal.GetOrganizationId(), principal.GetWorkOSSessionId(), principal.GetWorkOSUserId());
        measurement?.Complete(outcome);
        switch (outcome.Status)
        {
            case RefreshStatus.Refreshed:
                SessionTokens.Store(context.Properties, outcome.Response!);
                context.ReplacePrincipal(SessionTokens.CreatePrincipal(outcome.Response!, outcome.Token!, principal.Identity?.AuthenticationType ?? authKitScheme));
                // The iron format keeps the session in one cookie: a refreshed session that outgrew it serves this
                // request only, and the browser keeps the cookie it has (a sliding renewal re-issues that one).
                context.ShouldRenew = context.Options.TicketDataFormat is not IronSessionTicketFormat iron
                    || iron.FitsAfterRefresh(new AuthenticationTicket(context.Principal!, context.Properties, context.Scheme.Name), principal.GetWorkOSSessionId());
                break;
            case RefreshStatus.Transient when outcome.RotatedRefreshToken is { } rotated:
                // Keys unreachable: keep the new refresh token with the old (still trusted) access token.
                context.Properties.UpdateTokenValue(SessionTokens.RefreshToken, rotated);
                if (principal.Identity is ClaimsIdentity { BootstrapContext: SessionTokenSet current } identity)
                {
                    identity.BootstrapContext = current with { RefreshToken = rotated };
                }

                if (!refresher.IsExpired(token))
                {
                    context.ShouldRenew = true;
                    break;
                }

                // Never use the expired token; the cookie is still re-issued so the next refresh uses the new refresh token.
                await context.HttpContext.SignInAsync(context.Scheme.Name, principal, context.Properties);
                logger.ExpiredWithoutRefresh(principal.GetWorkOSSessionId());
                context.RejectPrincipal();
                break;
            case RefreshStatus.Transient when refresher.IsExpired(token):
                // Never use an expired token as if valid; keep the cookie so a later request can refresh.
                logger.ExpiredWithoutRefresh(principal.GetWorkOSSessionId());
                context.RejectPrincipal();
                break;
            case RefreshStatus.Transient:
                break; // still valid: stay signed in, retry after the backoff
            case RefreshStatus.Stale when refresher.IsExpired(token):
                logger.ExpiredWithoutRefresh(principal.GetWorkOSSessionId());
                context.RejectPrincipal();
                break;
            case RefreshStatus.Stale:
                break; // an old cookie: its own token is still valid; the browser may already hold the newer cookie
            case RefreshStatus.Ended:
                context.RejectPrincipal();
                await context.HttpContext.SignOutAsync(context.Scheme.Name);
                break;
        }
    }

    /// <summary>
    /// How the revoked-session list stands on the cookie's token; null (and the principal rejected) when its session or
    /// its subject is revoked, or the list cannot be read.
    /// </summary>
    private async ValueTask<SessionStanding?> StandingAsync(CookieValidatePrincipalContext context, SessionSubject subject)
    {
        SessionStanding standing;
        try
        {
            standing = await revoked.CheckAsync(subject, context.HttpContext.RequestAborted);
        }
        catch (SessionCoordinationUnavailableException ex)
        {
            // Fail closed, but keep the cookie: the session may be fine once the list can be read again.
            logger.RevokedListUnavailable(subject.SessionId, ex);
            context.RejectPrincipal();
            return null;
        }

        if (standing != SessionStanding.Revoked)
        {
            return standing;
        }

        logger.RevokedSessionRefused(subject.SessionId);
        metrics.RevokedRefusal("cookie");
        context.RejectPrincipal();
        await context.HttpContext.SignOutAsync(context.Scheme.Name);
        return null;
    }
}
