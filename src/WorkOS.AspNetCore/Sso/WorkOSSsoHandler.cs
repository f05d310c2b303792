using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using WorkOS.AspNetCore.Api;
using WorkOS.AspNetCore.Authentication;
using WorkOS.AspNetCore.Diagnostics;
using QueryHelpers = Microsoft.AspNetCore.WebUtilities.QueryHelpers;

namespace WorkOS.AspNetCore.Sso;

/// <summary>
/// The standalone SSO scheme: the challenge redirects to <c>/sso/authorize</c> with exactly one selector, PKCE and a
/// protected state; the callback checks the state and the browser binding, exchanges the code at <c>/sso/token</c> and
/// hands the profile's principal to the app's cookie scheme. Magic links land on the same callback.
/// </summary>
internal sealed class WorkOSSsoHandler(
    IOptionsMonitor<WorkOSSsoOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    IHttpClientFactory httpClientFactory,
    WorkOSMetrics metrics)
    : RemoteAuthenticationHandler<WorkOSSsoOptions>(options, logger, encoder), IAuthenticationSignOutHandler
{
    internal const string CodeVerifierKey = ".workos.code_verifier";
    internal const string IssuedAtKey = ".workos.issued";
    internal const string MagicLinkKey = ".workos.magic_link";
    private const string CorrelationKey = ".xsrf";

    /// <summary>What each error code of the SSO reference means to the user.</summary>
    private static readonly Dictionary<string, string> ErrorDescriptions = new(StringComparer.Ordinal)
    {
        ["ambiguous_connection_selector"] = "More than one connection was chosen for this sign-in.",
        ["connection_domain_invalid"] = "No SSO connection is set up for this email domain.",
        ["connection_invalid"] = "The SSO connection does not exist or is not active.",
        ["connection_strategy_invalid"] = "The SSO connection's sign-in method is not supported for this request.",
        ["connection_unlinked"] = "The SSO connection is not linked to an organization.",
        ["domain_connection_selector_not_allowed"] = "Signing in by domain is not allowed; choose a connection or an organization.",
        ["invalid_connection_selector"] = "The connection, organization or provider chosen for this sign-in is not valid.",
        ["organization_invalid"] = "The organization does not exist or has no SSO connection.",
        ["oauth_failed"] = "The identity provider could not complete the sign-in.",
        ["profile_not_allowed_outside_organization"] = "This account is not allowed to sign in outside its organization.",
        ["server_error"] = "WorkOS could not complete the sign-in. Please try again.",
    };

    private new WorkOSSsoEvents Events => (WorkOSSsoEvents)base.Events;

    protected override Task<object> CreateEventsAsync() => Task.FromResult<object>(new WorkOSSsoEvents());

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        if (!PageNavigation.IsNavigation(Request))
        {
            Logger.SsoChallengeAsUnauthorized();
            Response.StatusCode = StatusCodes.Status401Unauthorized;
            return;
        }

        properties.RedirectUri = SafeReturnUrl(properties.RedirectUri ?? OriginalPathBase + OriginalPath + Request.QueryString);
        var selectorContext = new SsoSelectorContext(Context, Scheme, Options, properties);
        await Events.ResolveSelector(selectorContext);
        var chosen = WorkOSSsoChallengeProperties.SelectorKeys
            .Where(key => !string.IsNullOrEmpty(properties.GetParameter<string>(key))).ToList();
        if (chosen.Count == 0)
        {
            ApplyDefaultSelector(properties);
            chosen = WorkOSSsoChallengeProperties.SelectorKeys.Where(key => !string.IsNullOrEmpty(properties.GetParameter<string>(key))).ToList();
        }

        if (chosen.Count != 1)
        {
            var problem = chosen.Count == 0
                ? "no connection, organization or provider was chosen for this sign-in"
                : $"more than one selector was chosen ({string.Join(", ", chosen)}); choose exactly one";
            Logger.SelectorInvalid(problem);
            await SignInFailurePage.WriteAsync(Context, Options.ErrorPath, new SignInFailureException(StatusCodes.Status400BadRequest,
                chosen.Count == 0 ? "sso_selector_missing" : "sso_selector_ambiguous",
                chosen.Count == 0 ? "No SSO connection was found for this sign-in." : "More than one SSO connection was chosen for this sign-in."));
            return;
        }

        var verifier = Base64UrlTextEncoder.Encode(RandomNumberGenerator.GetBytes(32));
        properties.Items[CodeVerifierKey] = verifier;
        properties.Items[IssuedAtKey] = TimeProvider.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        GenerateCorrelationId(properties);

        var parameters = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["client_id"] = Options.ClientId,
            ["redirect_uri"] = CallbackUri(),
            ["response_type"] = "code",
            ["code_challenge"] = Base64UrlTextEncoder.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(verifier))),
            ["code_challenge_method"] = "S256",
        };
        foreach (var key in (string[])[.. WorkOSSsoChallengeProperties.SelectorKeys, WorkOSSsoChallengeProperties.DomainHintKey,
                     WorkOSSsoChallengeProperties.LoginHintKey, WorkOSSsoChallengeProperties.PromptKey, WorkOSSsoChallengeProperties.ProviderScopesKey])
        {
            if (properties.GetParameter<string>(key) is { Length: > 0 } value)
            {
                parameters[key] = value;
            }

            properties.Parameters.Remove(key);
        }

        var redirect = new SsoRedirectContext(Context, Scheme, Options, properties, parameters);
        await Events.RedirectToAuthorize(redirect);
        if (redirect.Handled)
        {
            return;
        }

        parameters["state"] = Options.StateDataFormat.Protect(properties);
        var endpoint = $"{Options.ApiBaseUrl.TrimEnd('/')}/sso/authorize";
        Logger.RedirectingToSso(endpoint, chosen[0]);
        Response.Headers.CacheControl = "no-cache, no-store";
        Response.Redirect(QueryHelpers.AddQueryString(endpoint, parameters!));
    }

    public override async Task<bool> HandleRequestAsync()
    {
        try
        {
            return await base.HandleRequestAsync();
        }
        catch (AuthenticationFailureException ex) when (!Response.HasStarted)
        {
            var failure = ex.InnerException as SignInFailureException
                ?? new SignInFailureException(StatusCodes.Status400BadRequest, "sign_in_failed", "The sign-in could not be completed.", ex.InnerException);
            Logger.SsoFailureResponse(failure.StatusCode, failure.Error);
            await SignInFailurePage.WriteAsync(Context, Options.ErrorPath, failure);
            return true;
        }
    }

    protected override async Task<HandleRequestResult> HandleRemoteAuthenticateAsync()
    {
        using var activity = WorkOSActivitySource.Start(WorkOSActivitySource.SsoSignInName);
        var query = Request.Query;
        var state = query["state"].ToString();
        if (string.IsNullOrEmpty(state))
        {
            // An IdP-initiated sign-in carries no state we issued: never exchange a code we cannot bind to this browser.
            return Refuse(400, "invalid_state", "The sign-in did not start at this application. Please sign in again from the application.");
        }

        var properties = state.Length > 8 * 1024 ? null : Options.StateDataFormat.Unprotect(state);
        if (properties is null)
        {
            return Refuse(400, "invalid_state", "The sign-in state is invalid: it was altered, or issued by another application.");
        }

        var isMagicLink = properties.Items.Remove(MagicLinkKey, out var lifetimeText);
        var lifetime = isMagicLink && long.TryParse(lifetimeText, NumberStyles.Integer, CultureInfo.InvariantCulture, out var seconds)
            ? TimeSpan.FromSeconds(seconds)
            : Options.RemoteAuthenticationTimeout;
        if (!properties.Items.Remove(IssuedAtKey, out var issuedText)
            || !long.TryParse(issuedText, NumberStyles.Integer, CultureInfo.InvariantCulture, out var issued)
            || DateTimeOffset.FromUnixTimeSeconds(issued) + lifetime < TimeProvider.GetUtcNow())
        {
            return Refuse(400, "state_expired", "The sign-in took too long and has expired. Please sign in again.", properties);
        }

        // A magic link is opened from a mailbox, often in another browser: its state is bound to nothing but its expiry
        // (see WorkOSMagicLink). Every other sign-in must come back to the browser that started it.
        if (!isMagicLink && !ValidateCorrelationId(properties))
        {
            return Refuse(400, "correlation_failed", "This sign-in was not started in this browser, or it was already completed.", properties);
        }

        var error = query["error"].ToString();
        if (!string.IsNullOrEmpty(error))
        {
            if (error == "access_denied")
            {
                var denied = await HandleAccessDeniedErrorAsync(properties);
                return denied.None ? Refuse(403, "access_denied", "Sign-in was cancelled or access was denied.", properties) : denied;
            }

            return ErrorDescriptions.TryGetValue(error, out var description)
                ? Refuse(error == "server_error" ? 502 : 400, error, description, properties)
                : Refuse(400, "sso_failed", "WorkOS could not complete the sign-in.", properties);
        }

        var code = query["code"].ToString();
        if (string.IsNullOrEmpty(code) || code.Length > 1024)
        {
            return Refuse(400, "invalid_request", "The sign-in callback carries no valid authorization code.", properties);
        }

        properties.Items.Remove(CodeVerifierKey, out var verifier);
        if (!isMagicLink && string.IsNullOrEmpty(verifier))
        {
            return Refuse(400, "invalid_state", "The sign-in state carries no PKCE verifier.", properties);
        }

        WorkOSSsoProfile profile;
        string accessToken;
        try
        {
            var settings = WorkOSApiSettings.Create(Options.ApiBaseUrl, Options.ClientId, Options.ApiKey);
            var api = WorkOSApiClient.Create(httpClientFactory, settings, Logger, TimeProvider);
            (profile, accessToken) = await new SsoApiClient(api, settings, Logger).ExchangeCodeAsync(code, verifier, Context.RequestAborted);
        }
        catch (WorkOSApiException ex)
        {
            return ex.IsTransient
                ? Refuse(502, "workos_unavailable", "WorkOS could not be reached to complete the sign-in. Please try again.", properties, ex)
                : Refuse(400, "code_exchange_failed", $"WorkOS refused the sign-in code ({ex.ErrorCode ?? "error"}): it may have been used already or expired.", properties, ex);
        }

        var principal = SsoPrincipal.Create(profile, Options, Scheme.Name);
        var received = new SsoProfileReceivedContext(Context, Scheme, Options, properties, profile, principal, isMagicLink);
        await Events.ProfileReceived(received);
        if (received.RejectionReason is { } reason)
        {
            Logger.ProfileRejected(profile.Id, reason);
            return Refuse(403, "profile_rejected", reason, properties);
        }

        if (Options.SaveTokens)
        {
            properties.StoreTokens([new AuthenticationToken { Name = "access_token", Value = accessToken }]);
        }

        properties.IsPersistent = Options.PersistentSession;
        properties.RedirectUri = SafeReturnUrl(properties.RedirectUri);
        Logger.SsoSignedIn(profile.Id, profile.ConnectionId, profile.OrganizationId);
        metrics.SsoSignIn("signed_in");
        activity?.SetTag(WorkOSActivitySource.OrganizationIdTag, profile.OrganizationId);
        activity?.SetTag(WorkOSActivitySource.ConnectionIdTag, profile.ConnectionId);
        activity?.SetOutcome("signed_in", failed: false);
        return HandleRequestResult.Success(new AuthenticationTicket(received.Principal, properties, Scheme.Name));
    }

    /// <summary>
    /// Removes the app's cookie; with <see cref="WorkOSSsoOptions.UseSsoLogout"/>, also ends the identity provider's
    /// session through WorkOS (<c>/sso/logout/authorize</c>, then the browser to <c>/sso/logout?token=</c>).
    /// Otherwise returns to <see cref="AuthenticationProperties.RedirectUri"/> (a path of this app).
    /// </summary>
    public async Task SignOutAsync(AuthenticationProperties? properties)
    {
        var signInScheme = Options.SignInScheme!;
        var session = await Context.AuthenticateAsync(signInScheme);
        var profileId = session.Principal?.FindFirst(WorkOSSsoClaimTypes.ConnectionId) is null ? null : session.Principal.FindFirst(Claims.WorkOSClaimTypes.UserId)?.Value;
        await Context.SignOutAsync(signInScheme);
        var returnUrl = SafeReturnUrl(properties?.RedirectUri);
        Response.Headers.CacheControl = "no-cache, no-store";
        if (Options.UseSsoLogout && profileId is not null)
        {
            try
            {
                var settings = WorkOSApiSettings.Create(Options.ApiBaseUrl, Options.ClientId, Options.ApiKey);
                var api = WorkOSApiClient.Create(httpClientFactory, settings, Logger, TimeProvider);
                var token = await new SsoApiClient(api, settings, Logger).AuthorizeLogoutAsync(profileId, Context.RequestAborted);
                Logger.SsoSignedOut(profileId, idpLogout: true);
                Response.Redirect(QueryHelpers.AddQueryString($"{Options.ApiBaseUrl.TrimEnd('/')}/sso/logout", "token", token));
                return;
            }
            catch (WorkOSApiException ex)
            {
                Logger.SsoLogoutFailed(ex.ErrorCode);
            }
        }

        Logger.SsoSignedOut(profileId, idpLogout: false);
        Response.Redirect(returnUrl);
    }

    protected override void GenerateCorrelationId(AuthenticationProperties properties)
    {
        var nonce = Base64UrlTextEncoder.Encode(RandomNumberGenerator.GetBytes(16));
        properties.Items[CorrelationKey] = nonce;
        var pending = PendingSignIns.Read(Request, Options.CorrelationCookie.Name!);
        pending.Add(nonce);
        PendingSignIns.Write(Context, Options.CorrelationCookie, Options.MaxPendingSignIns, pending, TimeProvider.GetUtcNow());
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

        PendingSignIns.Write(Context, Options.CorrelationCookie, Options.MaxPendingSignIns, pending, TimeProvider.GetUtcNow());
        return true;
    }

    private void ApplyDefaultSelector(AuthenticationProperties properties)
    {
        Set(WorkOSSsoChallengeProperties.ConnectionKey, Options.ConnectionId);
        Set(WorkOSSsoChallengeProperties.OrganizationKey, Options.OrganizationId);
        Set(WorkOSSsoChallengeProperties.ProviderKey, Options.Provider);

        void Set(string key, string? value)
        {
            if (!string.IsNullOrEmpty(value))
            {
                properties.SetParameter(key, value);
            }
        }
    }

    private string CallbackUri() => string.IsNullOrEmpty(Options.RedirectUri) ? BuildRedirectUri(Options.CallbackPath) : Options.RedirectUri;

    private HandleRequestResult Refuse(int statusCode, string error, string description, AuthenticationProperties? properties = null, Exception? inner = null)
    {
        Logger.SsoSignInRefused(error, statusCode, description);
        metrics.SsoSignIn(error); // bounded: the handler's own codes and those of ErrorDescriptions; any other is sso_failed
        (Activity.Current is { OperationName: WorkOSActivitySource.SsoSignInName } signIn ? signIn : null)?.SetOutcome(error, failed: true);
        return HandleRequestResult.Fail(new SignInFailureException(statusCode, error, description, inner), properties);
    }

    private string SafeReturnUrl(string? url)
    {
        if (!ReturnUrls.TryResolve(OriginalPathBase, url, out var resolved))
        {
            Logger.SsoReturnUrlNotLocal(url!, resolved);
        }

        return resolved;
    }
}
