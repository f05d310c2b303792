using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using WorkOS.AspNetCore.SignIn;

namespace WorkOS.AspNetCore.Sample.Pages.SignIn;

/// <summary>Ask WorkOS to email a password reset link. The page answers the same for every address.</summary>
public sealed class ForgotPasswordModel(WorkOSSignInManager signIn, SignInPageServices services) : SignInPageModel(signIn, services)
{
    [BindProperty, Required, EmailAddress]
    public string Email { get; set; } = "";

    /// <summary>Whether the request was taken (whether or not the address has an account).</summary>
    public bool Sent { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var result = await SignInManager.SendPasswordResetAsync(Email, HttpContext.RequestAborted);
        Sent = result.Status == WorkOSSignInStatus.CodeSent;
        return Show(result);
    }
}
