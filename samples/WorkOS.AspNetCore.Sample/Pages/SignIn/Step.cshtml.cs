using Microsoft.AspNetCore.Mvc;
using WorkOS.AspNetCore.SignIn;

namespace WorkOS.AspNetCore.Sample.Pages.SignIn;

/// <summary>
/// The further steps of a sign-in (email verification, authenticator app enrollment and code, organization choice),
/// for the sample's own pages and, as <c>WorkOS:SignInStepPath</c>, for a hosted AuthKit sign-in that needs one.
/// </summary>
public sealed class StepModel(WorkOSSignInManager signIn, SignInPageServices services) : SignInPageModel(signIn, services)
{
    /// <summary>A hosted sign-in's step (<c>?step=</c>, from <c>WorkOS:SignInStepPath</c>): read back, not completed, to show what it asks.</summary>
    public IActionResult OnGet(string? step) => string.IsNullOrEmpty(step) ? Page() : Show(SignInManager.GetStep(HttpContext, step));

    public async Task<IActionResult> OnPostVerifyEmailAsync(string? step, string? code) =>
        Show(await SignInManager.VerifyEmailAsync(HttpContext, step ?? "", code ?? "", HttpContext.RequestAborted),
            WorkOSSignInStatus.RequiresEmailVerification);

    public async Task<IActionResult> OnPostEnrollTotpAsync(string? step) =>
        Show(await SignInManager.EnrollTotpAsync(HttpContext, step ?? "", "WorkOS.AspNetCore sample", HttpContext.RequestAborted),
            WorkOSSignInStatus.RequiresMfaEnrollment);

    public async Task<IActionResult> OnPostVerifyTotpAsync(string? step, string? code) =>
        Show(await SignInManager.VerifyTotpAsync(HttpContext, step ?? "", code ?? "", HttpContext.RequestAborted),
            WorkOSSignInStatus.RequiresMfaChallenge);

    public async Task<IActionResult> OnPostSelectOrganizationAsync(string? step, string? organizationId) =>
        Show(await SignInManager.SelectOrganizationAsync(HttpContext, step ?? "", organizationId ?? "", HttpContext.RequestAborted),
            WorkOSSignInStatus.RequiresOrganizationSelection);
}
