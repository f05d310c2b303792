using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using WorkOS.AspNetCore.Authentication;

namespace WorkOS.AspNetCore.SignIn;

/// <summary>
/// What the built-in step page shows for a step it is given (its kind, email and organizations), read with the same
/// protection, expiry and browser binding as <see cref="WorkOSSignInManager"/> completes it with.
/// </summary>
internal static class SignInStepViews
{
    /// <summary>The step as a result to render; <see cref="WorkOSSignInStatus.Failed"/> (<c>step_invalid</c>, <c>step_expired</c>) when it is not valid in this browser.</summary>
    public static WorkOSSignInResult Describe(HttpContext context, WorkOSAuthKitOptions options, string scheme, TimeProvider time, ILogger logger, string protectedStep)
    {
        var protector = new SignInStepProtector(scheme, context.RequestServices.GetRequiredService<IDataProtectionProvider>(), time, logger);
        if (protector.Unprotect(context, options, protectedStep, out var error) is not { } step)
        {
            return new WorkOSSignInResult(WorkOSSignInStatus.Failed) { ErrorCode = error };
        }

        return new WorkOSSignInResult(step.Kind switch
        {
            SignInStepKind.OrganizationSelection => WorkOSSignInStatus.RequiresOrganizationSelection,
            SignInStepKind.EmailVerification => WorkOSSignInStatus.RequiresEmailVerification,
            SignInStepKind.MfaEnrollment => WorkOSSignInStatus.RequiresMfaEnrollment,
            _ => WorkOSSignInStatus.RequiresMfaChallenge,
        })
        {
            PendingStep = protectedStep,
            Email = step.Email,
            Organizations = step.Organizations ?? [],
            Totp = step.Enrollment(),
            ReturnUrl = step.ReturnUrl,
        };
    }
}
