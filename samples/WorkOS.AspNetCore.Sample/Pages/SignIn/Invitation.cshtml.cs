using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using WorkOS.AspNetCore.Api;
using WorkOS.AspNetCore.SignIn;

namespace WorkOS.AspNetCore.Sample.Pages.SignIn;

/// <summary>
/// The page an invitation link opens (<c>?invitation_token=...</c>): shows the invitation, then accepts it with a new
/// account or with a sign-in to an existing one.
/// </summary>
public sealed partial class InvitationModel(WorkOSSignInManager signIn, SignInPageServices services) : SignInPageModel(signIn, services)
{
    private readonly ILogger _logger = services.Logger;

    [BindProperty(SupportsGet = true, Name = "invitation_token")]
    public string? InvitationToken { get; set; }

    [BindProperty, Required, DataType(DataType.Password)]
    public string Password { get; set; } = "";

    [BindProperty]
    public string? FirstName { get; set; }

    [BindProperty]
    public string? LastName { get; set; }

    /// <summary>The invitation, when the token is one WorkOS knows.</summary>
    public WorkOSInvitation? Invitation { get; private set; }

    /// <summary>Why the invitation cannot be used, when it cannot.</summary>
    public string? Problem { get; private set; }

    public async Task OnGetAsync() => await FindAsync();

    /// <summary>Accepts the invitation with a new account for the invited address.</summary>
    public async Task<IActionResult> OnPostSignUpAsync()
    {
        if (!await FindAsync() || !ModelState.IsValid)
        {
            return Page();
        }

        return Show(await SignInManager.SignUpAsync(HttpContext, new WorkOSSignUpRequest
        {
            Email = Invitation!.Email,
            Password = Password,
            FirstName = string.IsNullOrWhiteSpace(FirstName) ? null : FirstName,
            LastName = string.IsNullOrWhiteSpace(LastName) ? null : LastName,
            InvitationToken = InvitationToken,
        }, ReturnUrl, HttpContext.RequestAborted));
    }

    /// <summary>Accepts the invitation with a sign-in to the invited address's existing account.</summary>
    public async Task<IActionResult> OnPostSignInAsync()
    {
        if (!await FindAsync() || !ModelState.IsValid)
        {
            return Page();
        }

        return Show(await SignInManager.PasswordSignInAsync(HttpContext, Invitation!.Email, Password, InvitationToken, ReturnUrl,
            HttpContext.RequestAborted));
    }

    private async Task<bool> FindAsync()
    {
        if (string.IsNullOrEmpty(InvitationToken))
        {
            Problem = "This page opens from the link in an invitation email.";
            return false;
        }

        try
        {
            Invitation = await SignInManager.FindInvitationAsync(InvitationToken, HttpContext.RequestAborted);
        }
        catch (WorkOSApiException exception)
        {
            LogLookupFailed(_logger, exception.StatusCode);
            Problem = "We could not look up this invitation just now. Please try again in a moment.";
            return false;
        }

        if (Invitation is null)
        {
            LogUnknownInvitation(_logger);
            Problem = "This invitation link is not valid.";
            return false;
        }

        if (Invitation.State != "pending")
        {
            LogInvitationNotPending(_logger, Invitation.Id, Invitation.State);
            Problem = Invitation.State switch
            {
                "accepted" => "This invitation has already been accepted. Sign in instead.",
                "expired" => "This invitation has expired. Ask for a new one.",
                _ => "This invitation has been withdrawn.",
            };
            return false;
        }

        return true;
    }

    [LoggerMessage(EventId = 2159, Level = LogLevel.Information, Message = "Invitation page: WorkOS knows no invitation with the token given.")]
    private static partial void LogUnknownInvitation(ILogger logger);

    [LoggerMessage(EventId = 2160, Level = LogLevel.Information, Message = "Invitation page: invitation {InvitationId} is {State}, not pending; not offered.")]
    private static partial void LogInvitationNotPending(ILogger logger, string invitationId, string state);

    [LoggerMessage(EventId = 2161, Level = LogLevel.Warning, Message = "Invitation page: the invitation lookup failed (WorkOS status {StatusCode}).")]
    private static partial void LogLookupFailed(ILogger logger, System.Net.HttpStatusCode? statusCode);
}
