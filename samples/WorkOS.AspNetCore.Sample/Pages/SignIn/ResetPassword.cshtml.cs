using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using WorkOS.AspNetCore.SignIn;

namespace WorkOS.AspNetCore.Sample.Pages.SignIn;

/// <summary>Set a new password with the token of a reset link, then sign in with it.</summary>
public sealed class ResetPasswordModel(WorkOSSignInManager signIn, SignInPageServices services) : SignInPageModel(signIn, services)
{
    /// <summary>The token of the reset link.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Token { get; set; }

    [BindProperty, Required, DataType(DataType.Password)]
    public string NewPassword { get; set; } = "";

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid || string.IsNullOrEmpty(Token))
        {
            return Page();
        }

        return Show(await SignInManager.ResetPasswordAsync(HttpContext, Token, NewPassword, HttpContext.RequestAborted));
    }
}
