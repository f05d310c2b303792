using System.Diagnostics;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using WorkOS.AspNetCore.Api;
using WorkOS.AspNetCore.Claims;
using WorkOS.AspNetCore.Diagnostics;
using WorkOS.AspNetCore.Session;
using WorkOS.AspNetCore.Tokens;

namespace WorkOS.AspNetCore.Authentication;

/// <summary>
/// The end of every AuthKit sign-in, hosted (the callback's code exchange) or custom (a grant of
/// <see cref="SignIn.WorkOSSignInManager"/>): <see cref="WorkOSAuthKitEvents.TokenResponseReceived"/>, the access token
/// verified with the scheme's checks, the principal and its stored tokens, the <c>SignedIn</c> log, the sign-in metric and
/// the activity's outcome. The callback hands the ticket to <see cref="RemoteAuthenticationHandler{TOptions}"/>, which raises
/// <c>TicketReceived</c> and signs in with the cookie scheme; a custom sign-in does both with <see cref="SignInAsync"/>.
/// </summary>
internal sealed class AuthKitSignInCompletion(
    HttpContext context,
    AuthenticationScheme scheme,
    WorkOSAuthKitOptions options,
    WorkOSAuthKitEvents events,
    AccessTokenValidators tokenValidators,
    WorkOSMetrics metrics,
    ILogger logger)
{
    /// <summary>The refusals a metric may name; any other error counts as <c>provider_error</c>.</summary>
    private static readonly HashSet<string> CountedRefusals = new(StringComparer.Ordinal)
    {
        "invalid_state", "state_expired", "correlation_failed", "access_denied", "server_error", "invalid_request",
        "workos_unavailable", "code_exchange_failed", "token_invalid", "sso_required", "rate_limited",
    };

    /// <summary>The error of a session that does not fit in one iron session cookie (<see cref="WorkOSSessionCookieFormat.Iron"/>).</summary>
    public const string SessionTooLarge = SessionOperations.SessionTooLarge;

    /// <summary>
    /// Whether <paramref name="exception"/>, thrown by a sign-in with the session cookie scheme, says the session does not
    /// fit in one iron session cookie: the cookie was not written (and the format logged the size).
    /// </summary>
    public static bool IsSessionTooLarge(Exception exception) =>
        exception is AuthenticationFailureException { InnerException: SignInFailureException { Error: SessionTooLarge } };

    /// <summary>The key <see cref="RemoteAuthenticationHandler{TOptions}"/> names the signing-in scheme with.</summary>
    private const string AuthSchemeKey = ".AuthScheme";

    /// <summary>The events of <paramref name="options"/> as a handler of the scheme resolves them.</summary>
    public static WorkOSAuthKitEvents EventsOf(HttpContext context, WorkOSAuthKitOptions options) =>
        options.EventsType is { } type
            ? (WorkOSAuthKitEvents)context.RequestServices.GetRequiredService(type)
            : options.Events as WorkOSAuthKitEvents ?? new WorkOSAuthKitEvents();

    /// <summary>
    /// Turns WorkOS's answer into the session's ticket: <c>TokenResponseReceived</c> (whose result, when it sets one,
    /// wins), the access token verified, the principal built, the tokens stored (<see cref="RemoteAuthenticationOptions.SaveTokens"/>),
    /// the return URL made local. A refusal is logged and counted (<see cref="Refuse"/>).
    /// </summary>
    public async Task<HandleRequestResult> CreateTicketAsync(AuthenticationProperties properties, WorkOSAuthenticationResponse response,
        PathString pathBase, Activity? activity, CancellationToken cancellationToken)
    {
        var tokenContext = new TokenResponseReceivedContext(context, scheme, options, null, properties, response);
        await events.TokenResponseReceived(tokenContext);
        if (tokenContext.Result is not null)
        {
            metrics.SignIn("handled");
            return tokenContext.Result;
        }

        var validation = await tokenValidators.Get(options).ValidateAsync(response.AccessToken,
            new AccessTokenChecks(options.ClientId, options.ValidAudiences, options.ValidIssuers, options.TokenClockSkew),
            AccessTokenSource.WorkOS, cancellationToken);
        if (!validation.IsValid)
        {
            // Keys that cannot be fetched say nothing about the token: WorkOS is (partly) down, so the user may retry.
            return validation.Reason == AccessTokenFailure.KeysUnavailable
                ? Refuse(502, "workos_unavailable", "WorkOS's signing keys could not be fetched to check the sign-in. Please try again.", properties, validation.Exception)
                : Refuse(400, "token_invalid", $"The access token from WorkOS was refused: {validation.Error}", properties, validation.Exception);
        }

        var principal = SessionTokens.CreatePrincipal(response, validation.Token!, scheme.Name);
        if (options.SaveTokens)
        {
            SessionTokens.Store(properties, response);
        }

        properties.IsPersistent = options.PersistentSession;
        properties.RedirectUri = SafeReturnUrl(pathBase, properties.RedirectUri);
        logger.SignedIn(principal.GetWorkOSUserId(), principal.GetWorkOSSessionId(), principal.GetOrganizationId());
        metrics.SignIn("signed_in");
        activity?.SetSession(principal.GetWorkOSUserId(), principal.GetOrganizationId(), principal.GetWorkOSSessionId());
        activity?.SetOutcome("signed_in", failed: false);
        return HandleRequestResult.Success(new AuthenticationTicket(principal, properties, scheme.Name));
    }

    /// <summary>
    /// What the remote handler does with a ticket outside a callback: <c>TicketReceived</c>, then the sign-in with the
    /// session cookie scheme. <see langword="null"/> when an event handled, skipped or failed the sign-in instead.
    /// </summary>
    public async Task<(ClaimsPrincipal Principal, string? ReturnUri)?> SignInAsync(AuthenticationTicket ticket)
    {
        var ticketContext = new TicketReceivedContext(context, scheme, options, ticket) { ReturnUri = ticket.Properties.RedirectUri };
        await events.TicketReceived(ticketContext);
        if (ticketContext.Result is not null || ticketContext.Principal is null)
        {
            return null;
        }

        var properties = ticketContext.Properties!;
        properties.RedirectUri = null;
        properties.Items[AuthSchemeKey] = scheme.Name;
        await context.SignInAsync(options.SignInScheme, ticketContext.Principal, properties);
        return (ticketContext.Principal, ticketContext.ReturnUri);
    }

    /// <summary>Logs and counts a refused sign-in, marks the sign-in activity failed, and returns the failure.</summary>
    public HandleRequestResult Refuse(int statusCode, string error, string description, AuthenticationProperties? properties = null, Exception? inner = null)
    {
        logger.SignInRefused(error, statusCode, description);
        var outcome = CountedRefusals.Contains(error) ? error : "provider_error";
        metrics.SignIn(outcome);
        (Activity.Current is { OperationName: WorkOSActivitySource.SignInName } signIn ? signIn : null)?.SetOutcome(outcome, failed: true);
        return HandleRequestResult.Fail(new SignInFailureException(statusCode, error, description, inner), properties);
    }

    /// <summary>The return URL as a path of this app (see <see cref="ReturnUrls"/>); the app's root when refused.</summary>
    public string SafeReturnUrl(PathString pathBase, string? url)
    {
        if (!ReturnUrls.TryResolve(pathBase, url, out var resolved))
        {
            logger.ReturnUrlNotLocal(url!, resolved);
        }

        return resolved;
    }
}
