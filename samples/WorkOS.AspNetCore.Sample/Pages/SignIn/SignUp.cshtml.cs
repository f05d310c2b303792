using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using WorkOS.AspNetCore.SignIn;

namespace WorkOS.AspNetCore.Sample.Pages.SignIn;

/// <summary>Create an account with a password on the sample's own page (then verify the email address, if WorkOS asks).</summary>
public sealed class SignUpModel(WorkOSSignInManager signIn, SignInPageServices services) : SignInPageModel(signIn, services)
{
    [BindProperty, Required, EmailAddress]
    public string Email { get; set; } = "";

    [BindProperty, Required, DataType(DataType.Password)]
    public string Password { get; set; } = "";

    [BindProperty]
    public string? FirstName { get; set; }

    [BindProperty]
    public string? LastName { get; set; }

    /// <summary>The invitation accepted with the sign-up (from the invitation page).</summary>
    [BindProperty(SupportsGet = true)]
    public string? InvitationToken { get; set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }

        return Show(await SignInManager.SignUpAsync(HttpContext, new WorkOSSignUpRequest
        {
            Email = Email,
            Password = Password,
            FirstName = string.IsNullOrWhiteSpace(FirstName) ? null : FirstName,
            LastName = string.IsNullOrWhiteSpace(LastName) ? null : LastName,
            InvitationToken = string.IsNullOrEmpty(InvitationToken) ? null : InvitationToken,
        }, ReturnUrl, HttpContext.RequestAborted));
    }
}
