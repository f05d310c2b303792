using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using WorkOS.AspNetCore.SignIn;

namespace WorkOS.AspNetCore.Sample.Pages.SignIn;

/// <summary>Sign in with a one-time code WorkOS emails (Magic Auth): send the code, then enter it.</summary>
public sealed class MagicCodeModel(WorkOSSignInManager signIn, SignInPageServices services) : SignInPageModel(signIn, services)
{
    [BindProperty, Required, EmailAddress]
    public string Email { get; set; } = "";

    /// <summary>An invitation to accept with this sign-in (from the invitation page).</summary>
    [BindProperty(SupportsGet = true)]
    public string? InvitationToken { get; set; }

    /// <summary>Whether the code was sent, so the page asks for it.</summary>
    public bool CodeSent { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostSendAsync()
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var result = await SignInManager.SendMagicAuthCodeAsync(Email, InvitationToken, HttpContext.RequestAborted);
        CodeSent = result.Status == WorkOSSignInStatus.CodeSent;
        return Show(result);
    }

    public async Task<IActionResult> OnPostVerifyAsync(string? code)
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var result = await SignInManager.MagicAuthSignInAsync(HttpContext, Email, code ?? "", InvitationToken, ReturnUrl, HttpContext.RequestAborted);
        // A wrong or expired code: ask for it again (or for a new one).
        CodeSent = result.Status is WorkOSSignInStatus.Failed or WorkOSSignInStatus.RateLimited;
        return Show(result);
    }
}
