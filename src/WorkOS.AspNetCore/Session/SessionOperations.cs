using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using WorkOS.AspNetCore.Claims;

namespace WorkOS.AspNetCore.Session;

/// <summary>Session operations started by the app: organization switching and reading a valid access token.</summary>
internal sealed class SessionOperations(
    SessionRefresher refresher,
    ISessionSettingsSource settings,
    ILogger<SessionOperations> logger)
{
    /// <summary>The error of a session that does not fit in one iron session cookie (<c>SessionCookieFormat = Iron</c>).</summary>
    public const string SessionTooLarge = "session_too_large";

    private static readonly HashSet<string> SignInErrors = new(StringComparer.Ordinal)
    {
        "sso_required", "mfa_enrollment", "mfa_challenge", "organization_authentication_methods_required", "organization_selection_required",
    };

    public async Task<string?> GetAccessTokenAsync(HttpContext context, string scheme)
    {
        var result = await context.AuthenticateAsync(settings.Get(scheme).SignInScheme);
        return result.Succeeded ? result.Properties.GetTokenValue(SessionTokens.AccessToken) : null;
    }

    public async Task<OrganizationSwitchResult> SwitchOrganizationAsync(HttpContext context, string scheme, string organizationId)
    {
        var options = settings.Get(scheme);
        var current = await context.AuthenticateAsync(options.SignInScheme);
        var refreshToken = current.Properties?.GetTokenValue(SessionTokens.RefreshToken);
        if (!current.Succeeded || refreshToken is null)
        {
            return OrganizationSwitchResult.Failed(OrganizationSwitchStatus.NotSignedIn, "not_signed_in", "No WorkOS session is signed in.");
        }

        var principal = current.Principal!;
        var sessionId = principal.GetWorkOSSessionId();
        var outcome = await refresher.SwitchAsync(context, scheme, options, refreshToken, organizationId, sessionId, principal.GetWorkOSUserId());
        var error = outcome.Error as Api.WorkOSApiException;
        switch (outcome.Status)
        {
            case RefreshStatus.Refreshed when outcome.Token!.TryGetPayloadValue<string>("org_id", out var newOrg) && newOrg == organizationId:
                var properties = current.Properties!;
                SessionTokens.Store(properties, outcome.Response!);
                var newPrincipal = SessionTokens.CreatePrincipal(outcome.Response!, outcome.Token, principal.Identity?.AuthenticationType ?? scheme);
                try
                {
                    await context.SignInAsync(options.SignInScheme, newPrincipal, properties);
                }
                catch (AuthenticationFailureException) when (IronFormat(context, options.SignInScheme))
                {
                    // The session in that organization does not fit in one iron session cookie: nothing was written, so the
                    // request stays in the current organization. The switch spent the cookie's refresh token, so the session
                    // is switched back from the new one and that cookie written: the browser stays signed in past the
                    // access token's expiry.
                    logger.SwitchTooLarge(sessionId, organizationId);
                    await SwitchBackAsync(context, scheme, options, outcome.Response!.RefreshToken, principal, properties);
                    return OrganizationSwitchResult.Failed(OrganizationSwitchStatus.Refused, SessionTooLarge,
                        "The session in that organization is too large to be kept in one cookie.");
                }

                context.User = newPrincipal;
                logger.SwitchedOrganization(sessionId, organizationId);
                return OrganizationSwitchResult.Switched();
            case RefreshStatus.Refreshed:
                logger.SwitchRefused(sessionId, organizationId, "organization_invalid");
                return OrganizationSwitchResult.Failed(OrganizationSwitchStatus.Refused, "organization_invalid", "WorkOS kept the session in another organization.");
            case RefreshStatus.Transient:
                if (outcome.RotatedRefreshToken is { } rotated)
                {
                    // Not switched, but WorkOS rotated the refresh token: the cookie keeps the new one.
                    current.Properties!.UpdateTokenValue(SessionTokens.RefreshToken, rotated);
                    await context.SignInAsync(options.SignInScheme, principal, current.Properties);
                }

                return OrganizationSwitchResult.Failed(OrganizationSwitchStatus.Unavailable, "workos_unavailable", outcome.Error?.Message);
            case RefreshStatus.Stale:
                // The cookie's refresh token was spent and can no longer be replayed: a new sign-in for the organization.
                logger.SwitchNeedsSignIn(sessionId, organizationId, "session_stale");
                return OrganizationSwitchResult.Failed(OrganizationSwitchStatus.SignInRequired, "session_stale", "The session cookie is out of date.");
            case RefreshStatus.Refused when error?.ErrorCode is { } code && SignInErrors.Contains(code) || error?.AuthKitRedirectUrl is not null:
                logger.SwitchNeedsSignIn(sessionId, organizationId, error?.ErrorCode ?? "authkit_redirect");
                return OrganizationSwitchResult.Failed(OrganizationSwitchStatus.SignInRequired, error?.ErrorCode, error?.Message);
            case RefreshStatus.Refused:
                logger.SwitchRefused(sessionId, organizationId, error?.ErrorCode ?? error?.StatusCode?.ToString() ?? "error");
                return OrganizationSwitchResult.Failed(OrganizationSwitchStatus.Refused, error?.ErrorCode, error?.Message);
            default:
                await context.SignOutAsync(options.SignInScheme);
                return OrganizationSwitchResult.Failed(OrganizationSwitchStatus.SessionEnded, error?.ErrorCode, error?.Message);
        }
    }

    /// <summary>
    /// After a switch whose session did not fit in the cookie: switches the session back to the organization the cookie
    /// is in, from the refresh token the switch got, and writes that session (it fitted before). When that cannot be done
    /// (no organization to return to, WorkOS refusing, or the session no longer fitting) the browser keeps its cookie,
    /// which lasts until its access token expires.
    /// </summary>
    private async Task SwitchBackAsync(HttpContext context, string scheme, SessionSettings options, string refreshToken,
        ClaimsPrincipal principal, AuthenticationProperties properties)
    {
        var sessionId = principal.GetWorkOSSessionId();
        if (principal.GetOrganizationId() is not { Length: > 0 } previous)
        {
            logger.SwitchBackFailed(sessionId, "the session was in no organization");
            return;
        }

        var back = await refresher.SwitchAsync(context, scheme, options, refreshToken, previous, sessionId, principal.GetWorkOSUserId());
        if (back.Status != RefreshStatus.Refreshed || !back.Token!.TryGetPayloadValue<string>("org_id", out var org) || org != previous)
        {
            logger.SwitchBackFailed(sessionId, back.Status == RefreshStatus.Refreshed ? "WorkOS kept the session in another organization" : $"the switch back ended {back.Status}");
            return;
        }

        SessionTokens.Store(properties, back.Response!);
        var restored = SessionTokens.CreatePrincipal(back.Response!, back.Token, principal.Identity?.AuthenticationType ?? scheme);
        try
        {
            await context.SignInAsync(options.SignInScheme, restored, properties);
        }
        catch (AuthenticationFailureException)
        {
            logger.SwitchBackFailed(sessionId, "the session no longer fits in one iron session cookie");
            return;
        }

        context.User = restored;
        logger.SwitchedBack(sessionId, previous);
    }

    /// <summary>
    /// Whether the session cookie scheme seals iron sessions: its format refuses a session too large for one cookie with
    /// an <see cref="AuthenticationFailureException"/> (having logged the size) before anything is written.
    /// </summary>
    private static bool IronFormat(HttpContext context, string? cookieScheme) =>
        cookieScheme is not null && context.RequestServices.GetRequiredService<IOptionsMonitor<CookieAuthenticationOptions>>().Get(cookieScheme).TicketDataFormat
            is IronSessionTicketFormat;
}
