using System.Diagnostics;
using System.Globalization;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using QueryHelpers = Microsoft.AspNetCore.WebUtilities.QueryHelpers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using WorkOS.AspNetCore.Api;
using WorkOS.AspNetCore.Claims;
using WorkOS.AspNetCore.Diagnostics;
using WorkOS.AspNetCore.Session;
using WorkOS.AspNetCore.Tokens;

namespace WorkOS.AspNetCore.Authentication;

/// <summary>
/// The remote half of AuthKit sign-in: the challenge redirects to AuthKit with PKCE and a protected state, the
/// callback validates the state, exchanges the code, verifies the access token and hands the principal to the
/// session cookie scheme.
/// </summary>
internal sealed class WorkOSAuthKitHandler(
    IOptionsMonitor<WorkOSAuthKitOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    IHttpClientFactory httpClientFactory,
    AccessTokenValidators tokenValidators,
    WorkOSMetrics metrics)
    : RemoteAuthenticationHandler<WorkOSAuthKitOptions>(options, logger, encoder), IAuthenticationSignOutHandler
{
    internal const string CodeVerifierKey = ".workos.code_verifier";
    internal const string IssuedAtKey = ".workos.issued";
    private const string CorrelationKey = ".xsrf";

    private new WorkOSAuthKitEvents Events => (WorkOSAuthKitEvents)base.Events;

    protected override Task<object> CreateEventsAsync() => Task.FromResult<object>(new WorkOSAuthKitEvents());

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        if (IsNonNavigationRequest())
        {
            var signIn = Context.RequestServices.GetRequiredService<IOptionsMonitor<CookieAuthenticationOptions>>().Get(Options.SignInScheme).LoginPath;
            Logger.ChallengeAsUnauthorized();
            Response.StatusCode = StatusCodes.Status401Unauthorized;
            Response.Headers.WWWAuthenticate = PageNavigation.Challenge(Scheme.Name, (OriginalPathBase + signIn).ToUriComponent());
            return;
        }

        properties.RedirectUri = SafeReturnUrl(properties.RedirectUri ?? OriginalPathBase + OriginalPath + Request.QueryString);

        var verifier = Base64UrlTextEncoder.Encode(RandomNumberGenerator.GetBytes(32));
        properties.Items[CodeVerifierKey] = verifier;
        properties.Items[IssuedAtKey] = TimeProvider.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        GenerateCorrelationId(properties);

        var parameters = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["client_id"] = Options.ClientId,
            ["redirect_uri"] = string.IsNullOrEmpty(Options.RedirectUri) ? BuildRedirectUri(Options.CallbackPath) : Options.RedirectUri,
            ["response_type"] = "code",
            ["code_challenge"] = Base64UrlTextEncoder.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(verifier))),
            ["code_challenge_method"] = "S256",
        };
        foreach (var key in WorkOSChallengeProperties.AuthorizeParameterKeys)
        {
            if (properties.GetParameter<string>(key) is { Length: > 0 } value)
            {
                parameters[key] = value;
            }
        }

        if (!parameters.ContainsKey(WorkOSChallengeProperties.ConnectionIdKey) && !string.IsNullOrEmpty(Options.Provider))
        {
            parameters["provider"] = Options.Provider;
        }

        if (properties is WorkOSChallengeProperties { ExtraParameters: var extra })
        {
            foreach (var (key, value) in extra)
            {
                parameters[key] = value;
            }
        }

        var context = new AuthorizeRedirectContext(Context, Scheme, Options, properties, parameters);
        await Events.RedirectToAuthorize(context);
        if (context.Handled)
        {
            return;
        }

        parameters["state"] = Options.StateDataFormat.Protect(properties);
        var endpoint = $"{Options.ApiBaseUrl.TrimEnd('/')}/user_management/authorize";
        Logger.RedirectingToAuthorize(endpoint);
        Response.Headers.CacheControl = "no-cache, no-store";
        Response.Redirect(QueryHelpers.AddQueryString(endpoint, parameters!));
    }

    public override async Task<bool> HandleRequestAsync()
    {
        if (!Options.SignInStepPath.HasValue && Request.Path.Equals(SignInSteps.BuiltInPath(Options))
            && Context.RequestServices.GetService<IHostedSignInSteps>() is { } steps)
        {
            await steps.HandlePageAsync(Context, Options, Scheme.Name, TimeProvider, Logger, SafeReturnUrl);
            return true;
        }

        try
        {
            return await base.HandleRequestAsync();
        }
        catch (AuthenticationFailureException ex) when (!Response.HasStarted)
        {
            var failure = ex.InnerException as SignInFailureException
                ?? new SignInFailureException(StatusCodes.Status400BadRequest, "sign_in_failed", "The sign-in could not be completed.", ex.InnerException);
            Logger.SignInFailureResponse(failure.StatusCode, failure.Error);
            await SignInFailurePage.WriteAsync(Context, Options, failure);
            return true;
        }
    }

    protected override async Task<HandleRequestResult> HandleRemoteAuthenticateAsync()
    {
        using var activity = WorkOSActivitySource.Start(WorkOSActivitySource.SignInName);
        var query = Request.Query;
        var state = query["state"].ToString();
        if (string.IsNullOrEmpty(state))
        {
            // IdP-initiated and dashboard-impersonation sign-ins land here without a state we issued:
            // start a sign-in of our own rather than fail, and never exchange a code we cannot bind to this browser.
            Logger.CallbackWithoutState();
            metrics.SignIn("restarted");
            await ChallengeAsync(new WorkOSChallengeProperties("/"));
            return HandleRequestResult.Handle();
        }

        var properties = Options.StateDataFormat.Unprotect(state);
        if (properties is null)
        {
            return Refuse(400, "invalid_state", "The sign-in state is invalid: it was altered, or issued by another application.");
        }

        if (!properties.Items.TryGetValue(IssuedAtKey, out var issuedText)
            || !long.TryParse(issuedText, NumberStyles.Integer, CultureInfo.InvariantCulture, out var issued)
            || DateTimeOffset.FromUnixTimeSeconds(issued) + Options.RemoteAuthenticationTimeout < TimeProvider.GetUtcNow())
        {
            return Refuse(400, "state_expired", "The sign-in took too long and has expired. Please sign in again.", properties);
        }

        if (!ValidateCorrelationId(properties))
        {
            return Refuse(400, "correlation_failed",
                "This sign-in was not started in this browser, or it was already completed.", properties);
        }

        var error = query["error"].ToString();
        if (!string.IsNullOrEmpty(error))
        {
            if (error == "access_denied")
            {
                var denied = await HandleAccessDeniedErrorAsync(properties);
                if (!denied.None)
                {
                    return denied;
                }

                return Refuse(403, "access_denied", "Sign-in was cancelled or access was denied.", properties);
            }

            var description = query["error_description"].ToString();
            return Refuse(error == "server_error" ? 502 : 400, error,
                string.IsNullOrEmpty(description) ? "WorkOS could not complete the sign-in." : description, properties);
        }

        var code = query["code"].ToString();
        if (string.IsNullOrEmpty(code) || code.Length > 1024)
        {
            return Refuse(400, "invalid_request", "The sign-in callback carries no valid authorization code.", properties);
        }

        properties.Items.Remove(CodeVerifierKey, out var verifier);
        properties.Items.Remove(IssuedAtKey);

        WorkOSAuthenticationResponse response;
        try
        {
            var api = WorkOSApiClient.Create(httpClientFactory, WorkOSApiSettings.From(Options),
                Logger, TimeProvider);
            response = await api.AuthenticateWithCodeAsync(code, verifier, Context.Connection.RemoteIpAddress?.ToString(),
                Request.Headers.UserAgent.ToString() is { Length: > 0 } ua ? ua : null, Context.RequestAborted);
        }
        catch (WorkOSApiException ex)
        {
            if (!ex.IsTransient && SignInSteps.IsStepError(ex.ErrorCode))
            {
                return await ContinueWithStepAsync(ex, properties);
            }

            return ex.IsTransient
                ? Refuse(502, "workos_unavailable", "WorkOS could not be reached to complete the sign-in. Please try again.", properties, ex)
                : Refuse(400, "code_exchange_failed", $"WorkOS refused the sign-in code ({ex.ErrorCode ?? "error"}): it may have been used already or expired.", properties, ex);
        }

        return await Completion.CreateTicketAsync(properties, response, OriginalPathBase, activity, Context.RequestAborted);
    }

    /// <summary>
    /// Ends the session everywhere: removes the local session cookie and sends the browser through WorkOS's logout
    /// endpoint (which ends the WorkOS session and returns to <see cref="AuthenticationProperties.RedirectUri"/>,
    /// resolved as a path of this app and sent as an absolute URL). The session id comes from the cookie's ticket,
    /// so a session that no longer authenticates (an expired token WorkOS could not refresh) still ends at WorkOS.
    /// A session without a WorkOS session id just signs out locally.
    /// </summary>
    public async Task SignOutAsync(AuthenticationProperties? properties)
    {
        var signInScheme = Options.SignInScheme!;
        var session = (await SessionCookieTicket.ReadAsync(Context, signInScheme, TimeProvider.GetUtcNow()))?.Principal;
        var sessionId = session?.GetWorkOSSessionId();
        await SessionRevoker.RevokeAsync(Context, session);
        await Context.SignOutAsync(signInScheme);
        var returnUrl = SafeReturnUrl(properties?.RedirectUri);
        Logger.SignedOut(session?.GetWorkOSUserId(), sessionId);
        Response.Headers.CacheControl = "no-cache, no-store";
        if (sessionId is null)
        {
            Response.Redirect(returnUrl);
            return;
        }

        var returnTo = $"{Request.Scheme}://{Request.Host.ToUriComponent()}{returnUrl}";
        Response.Redirect(QueryHelpers.AddQueryString($"{Options.ApiBaseUrl.TrimEnd('/')}/user_management/sessions/logout",
            new Dictionary<string, string?> { ["session_id"] = sessionId, ["return_to"] = returnTo }));
    }

    protected override void GenerateCorrelationId(AuthenticationProperties properties)
    {
        var nonce = Base64UrlTextEncoder.Encode(RandomNumberGenerator.GetBytes(16));
        properties.Items[CorrelationKey] = nonce;
        var pending = PendingSignIns.Read(Request, Options.CorrelationCookie.Name!);
        pending.Add(nonce);
        PendingSignIns.Write(Context, Options, pending, TimeProvider.GetUtcNow());
    }

    protected override bool ValidateCorrelationId(AuthenticationProperties properties)
    {
        if (!properties.Items.Remove(CorrelationKey, out var nonce) || string.IsNullOrEmpty(nonce))
        {
            return false;
        }

        var pending = PendingSignIns.Read(Request, Options.CorrelationCookie.Name!);
        if (!pending.Remove(nonce))
        {
            return false;
        }

        PendingSignIns.Write(Context, Options, pending, TimeProvider.GetUtcNow());
        return true;
    }

    private HandleRequestResult Refuse(int statusCode, string error, string description, AuthenticationProperties? properties = null, Exception? inner = null) =>
        Completion.Refuse(statusCode, error, description, properties, inner);

    /// <summary>
    /// Finishes a code exchange WorkOS answered with a further step (the state and correlation checks have passed):
    /// sends the browser to the step page with the step, restarts the sign-in through the SSO connection WorkOS
    /// requires, or refuses as before when the step cannot be made.
    /// </summary>
    private async Task<HandleRequestResult> ContinueWithStepAsync(WorkOSApiException error, AuthenticationProperties properties)
    {
        var refused = $"WorkOS refused the sign-in code ({error.ErrorCode}): it may have been used already or expired.";
        // The manager answers every WorkOS failure with an outcome; whatever it throws is a bug and surfaces as one.
        var start = Context.RequestServices.GetService<IHostedSignInSteps>() is { } steps
            ? await steps.StartAsync(Context, Scheme.Name, error, properties.RedirectUri, Context.RequestAborted)
            : new SignInStepStart(SignInStepOutcome.NotStarted, "the custom sign-in service is not registered");

        switch (start.Outcome)
        {
            case SignInStepOutcome.Sso:
                return await RestartForSsoAsync(start.SsoConnectionIds ?? [], properties, error);
            case SignInStepOutcome.RateLimited:
                return Refuse(429, "rate_limited", "Too many sign-in attempts. Please wait a moment and sign in again.", properties, error);
            case SignInStepOutcome.Unavailable:
                return Refuse(502, "workos_unavailable", "WorkOS could not be reached to complete the sign-in. Please try again.", properties, error);
            case SignInStepOutcome.Step when start is { PendingStep: { Length: > 0 } pendingStep, StepName: { } name }:
                var page = OriginalPathBase + (Options.SignInStepPath.HasValue ? Options.SignInStepPath : SignInSteps.BuiltInPath(Options));
                Logger.SignInStepRequired(name, page);
                metrics.SignIn("step_required");
                (Activity.Current is { OperationName: WorkOSActivitySource.SignInName } signIn ? signIn : null)?.SetOutcome("step_required", failed: false);
                Response.StatusCode = StatusCodes.Status303SeeOther;
                Response.Headers.CacheControl = "no-cache, no-store";
                Response.Headers.Location = QueryHelpers.AddQueryString(page.ToUriComponent(), SignInSteps.StepParameter, pendingStep);
                return HandleRequestResult.Handle();
            default:
                Logger.SignInStepNotStarted(error.ErrorCode, start.Reason ?? "no step was made");
                return Refuse(400, "code_exchange_failed", refused, properties, error);
        }
    }

    /// <summary>
    /// <c>sso_required</c>: the user's organization signs in through SSO, so the sign-in starts again at AuthKit with the
    /// connection WorkOS named, returning where this one would have. Only once per sign-in, and only when WorkOS named
    /// exactly one connection; otherwise the failure page says SSO is required.
    /// </summary>
    private async Task<HandleRequestResult> RestartForSsoAsync(IReadOnlyList<string> connectionIds, AuthenticationProperties properties, WorkOSApiException error)
    {
        const string description = "Your organization requires signing in with single sign-on (SSO). Please sign in again through your organization's identity provider.";
        if (properties.Items.ContainsKey(SignInSteps.SsoRestartedKey) || connectionIds is not [var connectionId] || string.IsNullOrWhiteSpace(connectionId))
        {
            return Refuse(403, "sso_required", description, properties, error);
        }

        var restart = new WorkOSChallengeProperties(properties.RedirectUri) { ConnectionId = connectionId };
        restart.Items[SignInSteps.SsoRestartedKey] = "1";
        Logger.SsoSignInRestarted(connectionId);
        metrics.SignIn("sso_restarted");
        (Activity.Current is { OperationName: WorkOSActivitySource.SignInName } signIn ? signIn : null)?.SetOutcome("sso_restarted", failed: false);
        await ChallengeAsync(restart);
        return HandleRequestResult.Handle();
    }

    /// <summary>The return URL as a path of this app (see <see cref="ReturnUrls"/>); the app's root when refused.</summary>
    private string SafeReturnUrl(string? url) => Completion.SafeReturnUrl(OriginalPathBase, url);

    /// <summary>The end of the sign-in, shared with custom sign-in pages.</summary>
    private AuthKitSignInCompletion Completion => new(Context, Scheme, Options, Events, tokenValidators, metrics, Logger);

    private bool IsNonNavigationRequest() => !PageNavigation.IsNavigation(Request);
}
