using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using WorkOS.AspNetCore.Api;
using WorkOS.AspNetCore.Authentication;
using WorkOS.AspNetCore.Diagnostics;
using WorkOS.AspNetCore.Tokens;

namespace WorkOS.AspNetCore.SignIn;

/// <summary>
/// What <see cref="WorkOSSignInManager"/> does for one AuthKit scheme: each grant sent to WorkOS with the browser's IP
/// address and user agent, WorkOS's pending-token errors turned into protected steps, and a grant that succeeds ended
/// exactly as a hosted sign-in (<see cref="AuthKitSignInCompletion"/>).
/// </summary>
internal sealed class SignInFlows
{
    private const string PasswordGrant = "password";
    private const string MagicAuthGrant = "urn:workos:oauth:grant-type:magic-auth:code";
    private const string EmailVerificationGrant = "urn:workos:oauth:grant-type:email-verification:code";
    private const string TotpGrant = "urn:workos:oauth:grant-type:mfa-totp";
    private const string OrganizationSelectionGrant = "urn:workos:oauth:grant-type:organization-selection";

    /// <summary>The longest email address, password or code sent on; a longer one is refused without a call.</summary>
    private const int MaxInputLength = 1024;

    /// <summary>The most SSO connection ids a result carries.</summary>
    private const int MaxConnections = 20;

    private readonly string _scheme;
    private readonly IOptionsMonitor<WorkOSAuthKitOptions> _options;
    private readonly IHttpClientFactory _httpClientFactory;
    private readonly AccessTokenValidators _tokenValidators;
    private readonly WorkOSMetrics _metrics;
    private readonly IAuthenticationSchemeProvider _schemes;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly SignInStepProtector _steps;

    public SignInFlows(string scheme, IOptionsMonitor<WorkOSAuthKitOptions> options, IHttpClientFactory httpClientFactory,
        IDataProtectionProvider dataProtection, AccessTokenValidators tokenValidators, WorkOSMetrics metrics,
        IAuthenticationSchemeProvider schemes, TimeProvider time, ILogger logger)
    {
        _scheme = scheme;
        _options = options;
        _httpClientFactory = httpClientFactory;
        _tokenValidators = tokenValidators;
        _metrics = metrics;
        _schemes = schemes;
        _time = time;
        _logger = logger;
        _steps = new SignInStepProtector(scheme, dataProtection, time, logger);
    }

    private WorkOSAuthKitOptions Options => _options.Get(_scheme);

    /// <summary>The step as a result to show, or <see cref="WorkOSSignInStatus.Failed"/> when it is not valid in this browser.</summary>
    public WorkOSSignInResult DescribeStep(HttpContext context, string pendingStep)
    {
        var described = SignInStepViews.Describe(context, Options, _scheme, _time, _logger, pendingStep ?? string.Empty);
        return described.Status == WorkOSSignInStatus.Failed ? SignInMessages.Failed(described.ErrorCode ?? SignInMessages.StepInvalid) : described;
    }

    public Task<WorkOSSignInResult> PasswordAsync(HttpContext context, string email, string password, string? invitationToken,
        string? returnUrl, CancellationToken cancellationToken)
    {
        if (!Valid(email) || !Valid(password) || !ValidOptional(invitationToken))
        {
            return Task.FromResult(Input("the email address or password is missing or too long"));
        }

        return GrantAsync(context, "password sign-in", new Grant(PasswordGrant) { Email = email.Trim(), Password = password, InvitationToken = invitationToken },
            Local(context, returnUrl), null, null, cancellationToken);
    }

    public async Task<WorkOSSignInResult> SendMagicAuthCodeAsync(string email, string? invitationToken, CancellationToken cancellationToken)
    {
        if (!Valid(email) || !ValidOptional(invitationToken))
        {
            return Input("the email address is missing or too long");
        }

        try
        {
            await Api().SendMagicAuthCodeAsync(new MagicAuthRequest { Email = email.Trim(), InvitationToken = invitationToken }, cancellationToken)
                .ConfigureAwait(false);
            return new WorkOSSignInResult(WorkOSSignInStatus.CodeSent) { Email = email.Trim() };
        }
        catch (WorkOSApiException ex)
        {
            return FromFailure("Magic Auth code", ex, null, null);
        }
    }

    public Task<WorkOSSignInResult> MagicAuthAsync(HttpContext context, string email, string code, string? invitationToken, string? returnUrl,
        CancellationToken cancellationToken)
    {
        if (!Valid(email) || !Valid(code) || !ValidOptional(invitationToken))
        {
            return Task.FromResult(Input("the email address or code is missing or too long"));
        }

        return GrantAsync(context, "Magic Auth sign-in", new Grant(MagicAuthGrant) { Email = email.Trim(), Code = code.Trim(), InvitationToken = invitationToken },
            Local(context, returnUrl), null, null, cancellationToken);
    }

    public async Task<WorkOSSignInResult> SignUpAsync(HttpContext context, WorkOSSignUpRequest signUp, string? returnUrl, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(signUp);
        if (!Valid(signUp.Email) || !Valid(signUp.Password) || !ValidOptional(signUp.FirstName) || !ValidOptional(signUp.LastName)
            || !ValidOptional(signUp.InvitationToken))
        {
            return Input("a sign-up field is missing or too long");
        }

        try
        {
            await Api().CreateUserAsync(new CreateUserRequest
            {
                Email = signUp.Email.Trim(), Password = signUp.Password, FirstName = signUp.FirstName, LastName = signUp.LastName,
            }, cancellationToken).ConfigureAwait(false);
        }
        catch (WorkOSApiException ex)
        {
            return FromFailure("sign-up", ex, null, null);
        }

        return await PasswordAsync(context, signUp.Email, signUp.Password, signUp.InvitationToken, returnUrl, cancellationToken).ConfigureAwait(false);
    }

    public Task<WorkOSSignInResult> VerifyEmailAsync(HttpContext context, string pendingStep, string code, CancellationToken cancellationToken) =>
        StepGrantAsync(context, pendingStep, SignInStepKind.EmailVerification, code, "email verification",
            step => new Grant(EmailVerificationGrant) { Code = code.Trim(), PendingToken = step.PendingToken }, cancellationToken);

    public Task<WorkOSSignInResult> VerifyTotpAsync(HttpContext context, string pendingStep, string code, CancellationToken cancellationToken) =>
        StepGrantAsync(context, pendingStep, SignInStepKind.MfaChallenge, code, "MFA verification",
            step => new Grant(TotpGrant) { Code = code.Trim(), PendingToken = step.PendingToken, ChallengeId = step.ChallengeId }, cancellationToken);

    public Task<WorkOSSignInResult> SelectOrganizationAsync(HttpContext context, string pendingStep, string organizationId, CancellationToken cancellationToken)
    {
        var options = Options;
        var step = _steps.Unprotect(context, options, pendingStep, out var error);
        if (step is null)
        {
            return Task.FromResult(SignInMessages.Failed(error));
        }

        if (step.Kind != SignInStepKind.OrganizationSelection)
        {
            _logger.WrongStep(step.Kind.ToString(), nameof(SignInStepKind.OrganizationSelection));
            return Task.FromResult(SignInMessages.Failed(SignInMessages.StepInvalid));
        }

        if (string.IsNullOrEmpty(organizationId) || step.Organizations?.Any(o => o.Id == organizationId) != true)
        {
            _logger.OrganizationNotOffered(organizationId ?? "(none)");
            return Task.FromResult(SignInMessages.Failed("organization_not_offered", step, pendingStep));
        }

        return GrantAsync(context, "organization selection",
            new Grant(OrganizationSelectionGrant) { OrganizationId = organizationId, PendingToken = step.PendingToken },
            step.ReturnUrl, step, pendingStep, cancellationToken);
    }

    public async Task<WorkOSSignInResult> EnrollTotpAsync(HttpContext context, string pendingStep, string? issuer, CancellationToken cancellationToken)
    {
        var options = Options;
        var step = _steps.Unprotect(context, options, pendingStep, out var error);
        if (step is null)
        {
            return SignInMessages.Failed(error);
        }

        if (step.Kind != SignInStepKind.MfaEnrollment || string.IsNullOrEmpty(step.UserId))
        {
            _logger.WrongStep(step.Kind.ToString(), nameof(SignInStepKind.MfaEnrollment));
            return SignInMessages.Failed(SignInMessages.StepInvalid);
        }

        if (!ValidOptional(issuer))
        {
            return Input("the issuer is too long");
        }

        AuthenticationFactor factor;
        AuthenticationChallenge challenge;
        try
        {
            (factor, challenge) = await Api(options).EnrollTotpAsync(step.UserId,
                new EnrollFactorRequest { TotpIssuer = issuer, TotpUser = step.Email }, cancellationToken).ConfigureAwait(false);
        }
        catch (WorkOSApiException ex)
        {
            return FromFailure("MFA enrollment", ex, step, pendingStep);
        }

        var qrCode = factor.Totp?.QrCode;
        var next = new SignInStep
        {
            Kind = SignInStepKind.MfaChallenge, PendingToken = step.PendingToken, UserId = step.UserId, Email = step.Email,
            FactorId = factor.Id, ChallengeId = challenge.Id, ReturnUrl = step.ReturnUrl,
            Totp = new SignInStepTotp
            {
                QrCode = qrCode is { Length: <= SignInStepTotp.MaxQrCode } ? qrCode : null, Secret = factor.Totp!.Secret!, Uri = factor.Totp.Uri,
            },
        };
        _logger.StepRequired(step.UserId, nameof(SignInStepKind.MfaChallenge));
        return new WorkOSSignInResult(WorkOSSignInStatus.RequiresMfaChallenge)
        {
            PendingStep = _steps.Protect(context, options, next),
            Email = step.Email,
            ReturnUrl = step.ReturnUrl,
            Totp = new WorkOSTotpEnrollment(factor.Id!, qrCode ?? string.Empty, factor.Totp.Secret!, factor.Totp.Uri ?? string.Empty),
        };
    }

    public async Task<WorkOSSignInResult> SendPasswordResetAsync(string email, CancellationToken cancellationToken)
    {
        if (!Valid(email))
        {
            return Input("the email address is missing or too long");
        }

        try
        {
            await Api().SendPasswordResetAsync(new PasswordResetRequest { Email = email.Trim() }, cancellationToken).ConfigureAwait(false);
        }
        catch (WorkOSApiException ex) when (!ex.IsTransient)
        {
            // An unknown address (or one WorkOS will not reset) answers like a known one: the page tells nobody which exist.
            _logger.PasswordResetRefused(SignInMessages.SafeCode(ex.ErrorCode));
        }
        catch (WorkOSApiException ex)
        {
            return FromFailure("password reset", ex, null, null);
        }

        return new WorkOSSignInResult(WorkOSSignInStatus.CodeSent) { Email = email.Trim() };
    }

    public async Task<WorkOSSignInResult> ResetPasswordAsync(HttpContext context, string token, string newPassword, CancellationToken cancellationToken)
    {
        if (!Valid(token) || !Valid(newPassword))
        {
            return Input("the reset token or new password is missing or too long");
        }

        WorkOSUser user;
        try
        {
            user = await Api().ConfirmPasswordResetAsync(new PasswordResetConfirmRequest { Token = token.Trim(), NewPassword = newPassword }, cancellationToken)
                .ConfigureAwait(false);
        }
        catch (WorkOSApiException ex)
        {
            return FromFailure("password reset", ex, null, null);
        }

        return await PasswordAsync(context, user.Email, newPassword, null, null, cancellationToken).ConfigureAwait(false);
    }

    public async Task<WorkOSInvitation?> FindInvitationAsync(string invitationToken, CancellationToken cancellationToken)
    {
        if (!Valid(invitationToken))
        {
            return null;
        }

        try
        {
            var invitation = await Api().FindInvitationAsync(invitationToken.Trim(), cancellationToken).ConfigureAwait(false);
            return new WorkOSInvitation(invitation.Id!, invitation.Email!, invitation.State!, invitation.OrganizationId, invitation.ExpiresAt);
        }
        catch (WorkOSApiException ex) when (!ex.IsTransient)
        {
            _logger.Refused("invitation lookup", SignInMessages.SafeCode(ex.ErrorCode), (int?)ex.StatusCode);
            return null;
        }
    }

    public async Task<WorkOSSignInResult?> ContinueAfterAsync(HttpContext context, WorkOSApiException error, string? returnUrl, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(error);
        return IsPendingError(error)
            ? await FromPendingAsync(context, Options, error, Local(context, returnUrl), cancellationToken).ConfigureAwait(false)
            : null;
    }

    /// <summary>A grant that needs the step <paramref name="pendingStep"/> of kind <paramref name="kind"/>, and a code.</summary>
    private Task<WorkOSSignInResult> StepGrantAsync(HttpContext context, string pendingStep, SignInStepKind kind, string code, string operation,
        Func<SignInStep, Grant> grant, CancellationToken cancellationToken)
    {
        var step = _steps.Unprotect(context, Options, pendingStep, out var error);
        if (step is null)
        {
            return Task.FromResult(SignInMessages.Failed(error));
        }

        if (step.Kind != kind)
        {
            _logger.WrongStep(step.Kind.ToString(), kind.ToString());
            return Task.FromResult(SignInMessages.Failed(SignInMessages.StepInvalid));
        }

        if (!Valid(code))
        {
            _logger.InputRefused("the code is missing or too long");
            return Task.FromResult(SignInMessages.Failed("invalid_one_time_code", step, pendingStep));
        }

        return GrantAsync(context, operation, grant(step), step.ReturnUrl, step, pendingStep, cancellationToken);
    }

    /// <summary>Sends a grant; success signs in, a pending-token error becomes the next step, anything else a result to show.</summary>
    private async Task<WorkOSSignInResult> GrantAsync(HttpContext context, string operation, Grant grant,
        string? returnUrl, SignInStep? step, string? protectedStep, CancellationToken cancellationToken)
    {
        using var activity = WorkOSActivitySource.Start(WorkOSActivitySource.SignInName);
        var options = Options;
        returnUrl ??= Local(context, null);

        // The client's IP address and user agent, as the code exchange sends them.
        var request = new AuthenticateRequest
        {
            GrantType = grant.Type, ClientId = options.ClientId, ClientSecret = options.ApiKey, Code = grant.Code,
            Email = grant.Email, Password = grant.Password, PendingAuthenticationToken = grant.PendingToken,
            AuthenticationChallengeId = grant.ChallengeId, OrganizationId = grant.OrganizationId, InvitationToken = grant.InvitationToken,
            IpAddress = context.Connection.RemoteIpAddress?.ToString(),
            UserAgent = context.Request.Headers.UserAgent.ToString() is { Length: > 0 } ua ? ua : null,
        };

        WorkOSAuthenticationResponse response;
        try
        {
            response = await Api(options).AuthenticateAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (WorkOSApiException ex)
        {
            var result = IsPendingError(ex)
                ? await FromPendingAsync(context, options, ex, returnUrl, cancellationToken).ConfigureAwait(false)
                : FromFailure(operation, ex, step, protectedStep);
            activity?.SetOutcome(result.Status == WorkOSSignInStatus.Failed ? "refused" : result.Status.ToString(), result.Status == WorkOSSignInStatus.Failed);
            return result;
        }

        return await CompleteAsync(context, options, response, returnUrl, activity, step, protectedStep, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Ends the sign-in as the AuthKit callback does, then retires this browser's steps.</summary>
    private async Task<WorkOSSignInResult> CompleteAsync(HttpContext context, WorkOSAuthKitOptions options, WorkOSAuthenticationResponse response,
        string returnUrl, System.Diagnostics.Activity? activity, SignInStep? step, string? protectedStep, CancellationToken cancellationToken)
    {
        var scheme = await _schemes.GetSchemeAsync(_scheme).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"The authentication scheme '{_scheme}' is not registered.");
        var completion = new AuthKitSignInCompletion(context, scheme, options, AuthKitSignInCompletion.EventsOf(context, options),
            _tokenValidators, _metrics, _logger);
        var ticket = await completion.CreateTicketAsync(new AuthenticationProperties { RedirectUri = returnUrl }, response,
            context.Request.PathBase, activity, cancellationToken).ConfigureAwait(false);
        if (!ticket.Succeeded)
        {
            if (ticket.Failure is SignInFailureException { Error: SignInMessages.Unavailable })
            {
                return SignInMessages.Failed(SignInMessages.Unavailable, step, protectedStep);
            }

            _logger.SignInNotCompleted(ticket.Failure is SignInFailureException failure ? failure.Error : "an event handled the token response");
            return SignInMessages.Failed(SignInMessages.Refused);
        }

        (System.Security.Claims.ClaimsPrincipal Principal, string? ReturnUri)? signedIn;
        try
        {
            signedIn = await completion.SignInAsync(ticket.Ticket!).ConfigureAwait(false);
        }
        catch (Exception ex) when (AuthKitSignInCompletion.IsSessionTooLarge(ex))
        {
            // The iron session cookie was not written: no session, and the user is told why instead of a 500.
            _logger.SessionTooLarge(response.User.Id);
            activity?.SetOutcome(SignInMessages.SessionTooLarge, failed: true);
            return SignInMessages.Failed(SignInMessages.SessionTooLarge);
        }

        if (signedIn is not { } done)
        {
            _logger.SignInNotCompleted("an event handled the ticket");
            return SignInMessages.Failed(SignInMessages.Refused);
        }

        _steps.Complete(context, options);
        return new WorkOSSignInResult(WorkOSSignInStatus.SignedIn)
        {
            Principal = done.Principal,
            Email = response.User.Email,
            ReturnUrl = completion.SafeReturnUrl(context.Request.PathBase, done.ReturnUri),
        };
    }

    /// <summary>The step a pending-token error asks for, protected and bound to this browser.</summary>
    private async Task<WorkOSSignInResult> FromPendingAsync(HttpContext context, WorkOSAuthKitOptions options, WorkOSApiException error,
        string returnUrl, CancellationToken cancellationToken)
    {
        var body = error.Body!;
        var code = error.ErrorCode!;
        if (code == "sso_required")
        {
            var connections = (body.ConnectionIds ?? body.SsoConnectionIds ?? [])
                .Where(id => id is { Length: > 0 and <= 128 } && id.All(c => char.IsAsciiLetterOrDigit(c) || c == '_'))
                .Take(MaxConnections).Select(id => id!).ToList();
            _logger.StepRequired(body.User?.Id, "SSO");
            return new WorkOSSignInResult(WorkOSSignInStatus.RequiresSso)
            {
                SsoConnectionIds = connections, Email = body.Email ?? body.User?.Email, ReturnUrl = returnUrl,
            };
        }

        var token = error.PendingAuthenticationToken!;
        var email = body.Email ?? body.User?.Email;
        var userId = body.User?.Id;
        SignInStep step;
        switch (code)
        {
            case "email_verification_required":
                step = new SignInStep { Kind = SignInStepKind.EmailVerification, PendingToken = token, UserId = userId, Email = email, ReturnUrl = returnUrl };
                break;
            case "mfa_enrollment" when !string.IsNullOrEmpty(userId):
                step = new SignInStep { Kind = SignInStepKind.MfaEnrollment, PendingToken = token, UserId = userId, Email = email, ReturnUrl = returnUrl };
                break;
            case "mfa_challenge":
                var factor = body.AuthenticationFactors?.FirstOrDefault(f => f?.Type == "totp" && !string.IsNullOrEmpty(f.Id));
                if (factor is null)
                {
                    _logger.PendingErrorIncomplete(code, "a TOTP factor");
                    return SignInMessages.Failed("mfa_factor_unsupported");
                }

                AuthenticationChallenge challenge;
                try
                {
                    challenge = await Api(options).ChallengeFactorAsync(factor.Id!, cancellationToken).ConfigureAwait(false);
                }
                catch (WorkOSApiException ex)
                {
                    return FromFailure("MFA challenge", ex, null, null);
                }

                step = new SignInStep
                {
                    Kind = SignInStepKind.MfaChallenge, PendingToken = token, UserId = userId, Email = email, FactorId = factor.Id,
                    ChallengeId = challenge.Id, ReturnUrl = returnUrl,
                };
                break;
            case "organization_selection_required":
                var organizations = (body.Organizations ?? [])
                    .Where(o => o is { Id.Length: > 0 and <= 128 })
                    .Take(SignInStepProtector.MaxOrganizations)
                    .Select(o => new WorkOSOrganizationChoice(o!.Id!, Truncate(o.Name is { Length: > 0 } name ? name : o.Id!)))
                    .ToList();
                if (organizations.Count == 0)
                {
                    _logger.PendingErrorIncomplete(code, "organizations");
                    return SignInMessages.Failed(SignInMessages.Unavailable);
                }

                step = new SignInStep { Kind = SignInStepKind.OrganizationSelection, PendingToken = token, UserId = userId, Email = email, Organizations = organizations, ReturnUrl = returnUrl };
                break;
            default:
                _logger.PendingErrorIncomplete(code, "the user");
                return SignInMessages.Failed(SignInMessages.Unavailable);
        }

        _logger.StepRequired(userId, step.Kind.ToString());
        _metrics.SignIn("step_required");
        return new WorkOSSignInResult(step.Kind switch
        {
            SignInStepKind.EmailVerification => WorkOSSignInStatus.RequiresEmailVerification,
            SignInStepKind.MfaEnrollment => WorkOSSignInStatus.RequiresMfaEnrollment,
            SignInStepKind.MfaChallenge => WorkOSSignInStatus.RequiresMfaChallenge,
            _ => WorkOSSignInStatus.RequiresOrganizationSelection,
        })
        {
            PendingStep = _steps.Protect(context, options, step),
            Email = email,
            Organizations = step.Organizations ?? [],
            ReturnUrl = returnUrl,
        };
    }

    /// <summary>A result for a failed call: rate limited, WorkOS unavailable, or WorkOS's refusal with the library's message.</summary>
    private WorkOSSignInResult FromFailure(string operation, WorkOSApiException error, SignInStep? step, string? protectedStep)
    {
        if (SignInMessages.IsRateLimit(error))
        {
            var retryAfter = error.RetryAfter ?? TimeSpan.FromMinutes(1);
            _logger.RateLimited(operation, retryAfter);
            _metrics.SignIn("rate_limited");
            return SignInMessages.RateLimited(retryAfter, step, protectedStep);
        }

        if (error.IsTransient)
        {
            _logger.Unavailable(operation, error.ErrorCode, (int?)error.StatusCode);
            _metrics.SignIn(SignInMessages.Unavailable);
            return SignInMessages.Failed(SignInMessages.Unavailable, step, protectedStep);
        }

        var code = SignInMessages.SafeCode(error.ErrorCode);
        _logger.Refused(operation, code, (int?)error.StatusCode);
        _metrics.SignIn("provider_error");
        return SignInMessages.Failed(code, step, protectedStep);
    }

    private static bool IsPendingError(WorkOSApiException error) =>
        error is { IsWorkOSError: true, Body: not null }
        && (error.ErrorCode == "sso_required"
            || (error.ErrorCode is "email_verification_required" or "mfa_enrollment" or "mfa_challenge" or "organization_selection_required"
                && error.PendingAuthenticationToken is { Length: > 0 and <= 2048 }));

    private WorkOSSignInResult Input(string reason)
    {
        _logger.InputRefused(reason);
        return SignInMessages.Failed("invalid_request");
    }

    private string Local(HttpContext context, string? returnUrl)
    {
        if (!ReturnUrls.TryResolve(context.Request.PathBase, returnUrl, out var resolved))
        {
            _logger.ReturnUrlNotLocal(returnUrl!, resolved);
        }

        return resolved;
    }

    private UserManagementApiClient Api(WorkOSAuthKitOptions? options = null)
    {
        var settings = WorkOSApiSettings.Create((options ?? Options).ApiBaseUrl, (options ?? Options).ClientId, (options ?? Options).ApiKey);
        return new UserManagementApiClient(WorkOSApiClient.Create(_httpClientFactory, settings, _logger, _time),
            settings, _logger);
    }

    private static bool Valid(string? value) => !string.IsNullOrWhiteSpace(value) && value.Length <= MaxInputLength;

    private static bool ValidOptional(string? value) => value is null || value.Length <= MaxInputLength;

    private static string Truncate(string value) =>
        value.Length <= SignInStepProtector.MaxOrganizationName ? value : value[..SignInStepProtector.MaxOrganizationName];

    /// <summary>What a grant sends besides the client's credentials, IP address and user agent.</summary>
    private sealed record Grant(string Type)
    {
        public string? Email { get; init; }
        public string? Password { get; init; }
        public string? Code { get; init; }
        public string? PendingToken { get; init; }
        public string? ChallengeId { get; init; }
        public string? OrganizationId { get; init; }
        public string? InvitationToken { get; init; }
    }
}
