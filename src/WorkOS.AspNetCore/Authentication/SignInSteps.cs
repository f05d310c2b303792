using Microsoft.AspNetCore.Http;
using WorkOS.AspNetCore.SignIn;

namespace WorkOS.AspNetCore.Authentication;

/// <summary>
/// The names a hosted sign-in's further steps go by: the WorkOS errors that start one, the query parameter that carries
/// a step to its page, and the built-in page's path.
/// </summary>
internal static class SignInSteps
{
    /// <summary>The query parameter (and form field) that carries <see cref="WorkOSSignInResult.PendingStep"/>.</summary>
    public const string StepParameter = "step";

    /// <summary>Marks a sign-in restarted because WorkOS required SSO, so a second <c>sso_required</c> is not restarted again.</summary>
    public const string SsoRestartedKey = ".workos.sso_restarted";

    /// <summary>The longest step accepted from a browser, as the step protection reads it.</summary>
    public const int MaxStepLength = SignInStepProtector.MaxStepLength;

    /// <summary>The code exchange errors WorkOS answers with a pending authentication token or an SSO requirement.</summary>
    private static readonly HashSet<string> StepErrors = new(StringComparer.Ordinal)
    {
        "organization_selection_required", "email_verification_required", "mfa_enrollment", "mfa_challenge", "sso_required",
    };

    /// <summary>Whether a code exchange refused with <paramref name="errorCode"/> may go on with a further step.</summary>
    public static bool IsStepError(string? errorCode) => errorCode is not null && StepErrors.Contains(errorCode);

    /// <summary>The built-in page of <paramref name="options"/>' scheme: <c>{CallbackPath}/step</c>.</summary>
    public static PathString BuiltInPath(WorkOSAuthKitOptions options) => options.CallbackPath.Add("/step");

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
