using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using WorkOS.AspNetCore.Api;

namespace WorkOS.AspNetCore.Authentication;

/// <summary>
/// The names a hosted sign-in's further steps go by: the WorkOS errors that start one, the query parameter that carries
/// a step to its page, and the built-in page's path.
/// </summary>
internal static class SignInSteps
{
    /// <summary>The query parameter (and form field) that carries a pending step to its page.</summary>
    public const string StepParameter = "step";

    /// <summary>Marks a sign-in restarted because WorkOS required SSO, so a second <c>sso_required</c> is not restarted again.</summary>
    public const string SsoRestartedKey = ".workos.sso_restarted";

    /// <summary>The code exchange errors WorkOS answers with a pending authentication token or an SSO requirement.</summary>
    private static readonly HashSet<string> StepErrors = new(StringComparer.Ordinal)
    {
        "organization_selection_required", "email_verification_required", "mfa_enrollment", "mfa_challenge", "sso_required",
    };

    /// <summary>Whether a code exchange refused with <paramref name="errorCode"/> may go on with a further step.</summary>
    public static bool IsStepError(string? errorCode) => errorCode is not null && StepErrors.Contains(errorCode);

    /// <summary>The built-in page of <paramref name="options"/>' scheme: <c>{CallbackPath}/step</c>.</summary>
    public static PathString BuiltInPath(WorkOSAuthKitOptions options) => options.CallbackPath.Add("/step");
}

/// <summary>
/// What the AuthKit scheme asks of the custom sign-in service (<c>WorkOSSignInManager</c>) to finish a hosted sign-in
/// with a further step, so the scheme depends on no sign-in service type.
/// </summary>
internal interface IHostedSignInSteps
{
    /// <summary>Turns the code exchange's pending-token error into the step to send the browser to (bound to it).</summary>
    Task<SignInStepStart> StartAsync(HttpContext context, string scheme, WorkOSApiException error, string? returnUrl, CancellationToken cancellationToken);

    /// <summary>Serves the built-in step page (<see cref="SignInSteps.BuiltInPath"/>).</summary>
    Task HandlePageAsync(HttpContext context, WorkOSAuthKitOptions options, string scheme, TimeProvider time, ILogger logger, Func<string?, string> safeReturnUrl);
}

/// <summary>What a pending-token error of the code exchange came to.</summary>
/// <param name="Outcome">What the scheme does next.</param>
/// <param name="Reason">Why no step was made, for the log (<see cref="SignInStepOutcome.NotStarted"/>).</param>
/// <param name="PendingStep">The protected step, for <see cref="SignInStepOutcome.Step"/>.</param>
/// <param name="StepName">The step's name (<c>organization_selection</c>, ...), for <see cref="SignInStepOutcome.Step"/>.</param>
/// <param name="SsoConnectionIds">The connections WorkOS named, for <see cref="SignInStepOutcome.Sso"/>.</param>
internal sealed record SignInStepStart(SignInStepOutcome Outcome, string? Reason = null, string? PendingStep = null, string? StepName = null,
    IReadOnlyList<string>? SsoConnectionIds = null);

/// <summary>What the scheme does with a pending-token error of the code exchange.</summary>
internal enum SignInStepOutcome
{
    /// <summary>No step could be made: refuse as before (<c>code_exchange_failed</c>).</summary>
    NotStarted,

    /// <summary>Send the browser to the step page.</summary>
    Step,

    /// <summary>Restart the sign-in through the SSO connection WorkOS requires.</summary>
    Sso,

    /// <summary>WorkOS rate limited the sign-in.</summary>
    RateLimited,

    /// <summary>WorkOS could not be reached to make the step.</summary>
    Unavailable,
}
