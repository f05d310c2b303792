using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using WorkOS.AspNetCore.Api;
using WorkOS.AspNetCore.Authentication;

namespace WorkOS.AspNetCore.SignIn;

/// <summary>The AuthKit scheme's further steps, made and completed by the scheme's <see cref="WorkOSSignInManager"/>.</summary>
internal sealed class HostedSignInSteps : IHostedSignInSteps
{
    public async Task<SignInStepStart> StartAsync(HttpContext context, string scheme, WorkOSApiException error, string? returnUrl,
        CancellationToken cancellationToken)
    {
        if (Manager(context, scheme) is not { } manager)
        {
            return new SignInStepStart(SignInStepOutcome.NotStarted, "no WorkOSSignInManager is registered");
        }

        var step = await manager.ContinueAfterAsync(context, error, returnUrl, cancellationToken).ConfigureAwait(false);
        return step switch
        {
            { Status: WorkOSSignInStatus.RequiresSso } => new SignInStepStart(SignInStepOutcome.Sso, SsoConnectionIds: step.SsoConnectionIds),
            { Status: WorkOSSignInStatus.RateLimited } => new SignInStepStart(SignInStepOutcome.RateLimited),
            { Status: WorkOSSignInStatus.Failed, ErrorCode: SignInMessages.Unavailable } => new SignInStepStart(SignInStepOutcome.Unavailable),
            { PendingStep: { Length: > 0 } pendingStep } when Name(step.Status) is { } name =>
                new SignInStepStart(SignInStepOutcome.Step, PendingStep: pendingStep, StepName: name),
            _ => new SignInStepStart(SignInStepOutcome.NotStarted,
                $"the sign-in manager answered {step?.Status.ToString() ?? "nothing"} ({step?.ErrorCode ?? "no error code"})"),
        };
    }

    public Task HandlePageAsync(HttpContext context, WorkOSAuthKitOptions options, string scheme, TimeProvider time, ILogger logger,
        Func<string?, string> safeReturnUrl) =>
        new SignInStepPage(context, options, scheme, time, logger, safeReturnUrl).HandleAsync();

    /// <summary>The scheme's manager: registered by <c>AddWorkOSAuthKit</c> keyed by scheme name (and unkeyed for the first scheme).</summary>
    public static WorkOSSignInManager? Manager(HttpContext context, string scheme) =>
        context.RequestServices.GetKeyedService<WorkOSSignInManager>(scheme) ?? context.RequestServices.GetService<WorkOSSignInManager>();

    /// <summary>The step a result asks for, as logs and the built-in page's form name it; <see langword="null"/> for a result that is no such step.</summary>
    public static string? Name(WorkOSSignInStatus status) => status switch
    {
        WorkOSSignInStatus.RequiresOrganizationSelection => "organization_selection",
        WorkOSSignInStatus.RequiresEmailVerification => "email_verification",
        WorkOSSignInStatus.RequiresMfaEnrollment => "mfa_enrollment",
        WorkOSSignInStatus.RequiresMfaChallenge => "mfa_challenge",
        _ => null,
    };
}
