namespace WorkOS.AspNetCore.SignIn;

/// <summary>What a step of a custom sign-in came to, for the page to switch on.</summary>
public enum WorkOSSignInStatus
{
    /// <summary>The user is signed in with the AuthKit session cookie.</summary>
    SignedIn,

    /// <summary>WorkOS sent the email (a Magic Auth code or a password reset link); show the form that takes it.</summary>
    CodeSent,

    /// <summary>The email address must be verified with the code WorkOS emailed; call <see cref="WorkOSSignInManager.VerifyEmailAsync"/>.</summary>
    RequiresEmailVerification,

    /// <summary>The user must enroll an authenticator app; call <see cref="WorkOSSignInManager.EnrollTotpAsync"/>.</summary>
    RequiresMfaEnrollment,

    /// <summary>The user must enter a code from their authenticator app; call <see cref="WorkOSSignInManager.VerifyTotpAsync"/>.</summary>
    RequiresMfaChallenge,

    /// <summary>The user must choose one of <see cref="WorkOSSignInResult.Organizations"/>; call <see cref="WorkOSSignInManager.SelectOrganizationAsync"/>.</summary>
    RequiresOrganizationSelection,

    /// <summary>The user's organization requires SSO; challenge the SSO scheme with one of <see cref="WorkOSSignInResult.SsoConnectionIds"/>.</summary>
    RequiresSso,

    /// <summary>WorkOS refused the step (<see cref="WorkOSSignInResult.ErrorCode"/>), the step expired, or it was not started in this browser.</summary>
    Failed,

    /// <summary>Too many attempts: try again after <see cref="WorkOSSignInResult.RetryAfter"/>.</summary>
    RateLimited,
}
