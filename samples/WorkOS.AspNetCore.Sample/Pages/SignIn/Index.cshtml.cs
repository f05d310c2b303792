using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using WorkOS.AspNetCore.SignIn;

namespace WorkOS.AspNetCore.Sample.Pages.SignIn;

/// <summary>Sign in with an email address and password on the sample's own page (then MFA, email verification or an organization, if WorkOS asks).</summary>
public sealed class IndexModel(WorkOSSignInManager signIn, SignInPageServices services) : SignInPageModel(signIn, services)
{
    [BindProperty, Required, EmailAddress]
    public string Email { get; set; } = "";

    [BindProperty, Required, DataType(DataType.Password)]
    public string Password { get; set; } = "";

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }

        return Show(await SignInManager.PasswordSignInAsync(HttpContext, Email, Password, returnUrl: ReturnUrl,
            cancellationToken: HttpContext.RequestAborted));
    }
}
