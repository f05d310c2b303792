using System.Net;
using WorkOS.AspNetCore.Authentication;

namespace WorkOS.AspNetCore.SignIn;

/// <summary>
/// The library's own messages for the failures a page shows, per error code: WorkOS's text is never passed to the page,
/// which renders the message into HTML. Codes are kept only when they look like codes.
/// </summary>
internal static class SignInMessages
{
    public const string Unavailable = "workos_unavailable";
    public const string StepInvalid = "step_invalid";
    public const string StepExpired = "step_expired";
    public const string Refused = "sign_in_refused";
    public const string SessionTooLarge = AuthKitSignInCompletion.SessionTooLarge;

    private static readonly Dictionary<string, string> Messages = new(StringComparer.Ordinal)
    {
        ["invalid_credentials"] = "The email address or password is incorrect.",
        ["invalid_one_time_code"] = "The code is incorrect or has expired.",
        ["one_time_code_expired"] = "The code has expired. Ask for a new one.",
        ["email_verification_code_expired"] = "The code has expired. Ask for a new one.",
        ["mfa_verification_failed"] = "The code from the authenticator app is incorrect.",
        ["authentication_challenge_expired"] = "The code from the authenticator app came too late. Please sign in again.",
        ["invalid_pending_authentication_token"] = "This sign-in step is no longer valid. Please sign in again.",
        ["pending_authentication_token_expired"] = "This sign-in step has expired. Please sign in again.",
        ["invalid_grant"] = "This sign-in step is no longer valid. Please sign in again.",
        ["organization_not_offered"] = "Choose one of the organizations offered.",
        ["organization_membership_not_found"] = "You are not a member of that organization.",
        ["organization_invalid"] = "You are not a member of that organization.",
        ["password_strength_error"] = "The password is not strong enough.",
        ["password_reset_token_invalid"] = "The password reset link is invalid or has expired.",
        ["password_reset_token_expired"] = "The password reset link has expired. Ask for a new one.",
        ["user_creation_error"] = "An account could not be created with these details.",
        ["email_not_available"] = "An account could not be created with this email address.",
        ["invitation_invalid"] = "The invitation is invalid, expired or was already accepted.",
        ["invitation_email_mismatch"] = "The invitation was sent to another email address.",
        ["mfa_factor_unsupported"] = "This account's second factor cannot be used here.",
        ["user_not_found"] = "The email address or password is incorrect.",
        ["invalid_request"] = "Some of the details entered are missing or invalid.",
        [StepInvalid] = "This sign-in step is not valid in this browser. Please sign in again.",
        [StepExpired] = "This sign-in step has expired. Please sign in again.",
        [Unavailable] = "The sign-in service could not be reached. Please try again.",
        [Refused] = "The sign-in could not be completed.",
        [SessionTooLarge] = "Your account has too many roles or permissions for this site to keep you signed in. Please contact the site's administrator.",
    };

    /// <summary>The message for <paramref name="code"/>; a generic one for a code the library does not know.</summary>
    public static string For(string code) => Messages.TryGetValue(code, out var message) ? message : Messages[Refused];

    /// <summary>WorkOS's code when it looks like one (lowercase letters, digits, underscores, at most 64); otherwise <c>sign_in_refused</c>.</summary>
    public static string SafeCode(string? code) =>
        code is { Length: > 0 and <= 64 } && code.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '_') ? code : Refused;

    public static WorkOSSignInResult Failed(string code, SignInStep? step = null, string? protectedStep = null) => new(WorkOSSignInStatus.Failed)
    {
        ErrorCode = code,
        ErrorMessage = For(code),
        PendingStep = protectedStep,
        Email = step?.Email,
        Organizations = step?.Organizations ?? [],
        Totp = step?.Enrollment(),
        ReturnUrl = step?.ReturnUrl,
    };

    public static WorkOSSignInResult RateLimited(TimeSpan? retryAfter, SignInStep? step = null, string? protectedStep = null) => new(WorkOSSignInStatus.RateLimited)
    {
        ErrorCode = "rate_limited",
        ErrorMessage = "Too many attempts. Please wait a moment and try again.",
        RetryAfter = retryAfter ?? TimeSpan.FromMinutes(1),
        PendingStep = protectedStep,
        Email = step?.Email,
        Organizations = step?.Organizations ?? [],
        Totp = step?.Enrollment(),
        ReturnUrl = step?.ReturnUrl,
    };

    public static bool IsRateLimit(Api.WorkOSApiException error) => error.StatusCode == HttpStatusCode.TooManyRequests;
}
