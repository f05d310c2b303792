using System.Net.Mail;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using WorkOS.AspNetCore.Emulator.Actions;
using WorkOS.AspNetCore.Emulator.Hosting;
using WorkOS.AspNetCore.Emulator.Pages;

namespace WorkOS.AspNetCore.Emulator.Endpoints;

/// <summary>
/// The hosted sign-up form's post: checks the email (422 on the page when it is not an address or already has a user),
/// asks the user registration action if one is set (a Deny, or an answer that is late or invalid, shows on the page and
/// creates no user), creates the user (raising <c>user.created</c>) and signs them in as the sign-in page does.
/// </summary>
internal static class SignUpEndpoint
{
    private const int MaxEmailLength = 320;
    private const int MaxNameLength = 256;
    private const string TakenMessage = "An account with this email already exists. Sign in instead.";

    public static async Task SignUpAsync(HttpContext context, EmulatorCore core, AuthorizeParameters parameters, AuthorizeCheck check, RequestFields fields)
    {
        var logger = core.Options.LoggerFactory.CreateLogger("WorkOS.AspNetCore.Emulator.SignUp");
        var email = fields["email"]?.Trim();
        var firstName = fields["first_name"]?.Trim() is { Length: > 0 } first ? first : null;
        var lastName = fields["last_name"]?.Trim() is { Length: > 0 } last ? last : null;
        var entered = new SignUpForm(email, firstName, lastName);

        if (!IsEmailAddress(email))
        {
            SignUpLog.Refused(logger, "the email is not a single email address");
            await ShowAsync(context, core, parameters, StatusCodes.Status422UnprocessableEntity, entered with { Error = "Enter a valid email address." }).ConfigureAwait(false);
            return;
        }

        if (firstName?.Length > MaxNameLength || lastName?.Length > MaxNameLength)
        {
            SignUpLog.Refused(logger, $"a name is over {MaxNameLength} characters");
            await ShowAsync(context, core, parameters, StatusCodes.Status422UnprocessableEntity,
                entered with { Error = $"First and last name are at most {MaxNameLength} characters each." }).ConfigureAwait(false);
            return;
        }

        if (core.Store.FindUserId(email) is not null)
        {
            SignUpLog.EmailTaken(logger, email);
            await ShowAsync(context, core, parameters, StatusCodes.Status422UnprocessableEntity, entered with { Error = TakenMessage }).ConfigureAwait(false);
            return;
        }

        // The user registration action runs before the user exists, as in AuthKit: a Deny leaves nothing behind.
        if (core.Actions.HasUserRegistration)
        {
            var action = UserRegistrationActionContext.Create(core, context, email, firstName, lastName, check.AuthenticationMethod);
            var call = await core.Actions.RegisterAsync(action, context.RequestAborted).ConfigureAwait(false);
            if (call is not { Allowed: true })
            {
                var message = call is { Problem: null }
                    ? call.ErrorMessage ?? "Your sign-up was denied."
                    : "Your sign-up could not be completed. Try again later.";
                SignUpLog.Denied(logger, email, action.Id);
                await ShowAsync(context, core, parameters, StatusCodes.Status403Forbidden, entered with { Error = message }).ConfigureAwait(false);
                return;
            }
        }

        string userId;
        try
        {
            userId = core.Store.AddUser(new SeedUser { Email = email, FirstName = firstName, LastName = lastName });
        }
        catch (ArgumentException)
        {
            // Another sign-up (or the control API) took the email while the action was being asked.
            SignUpLog.EmailTaken(logger, email);
            await ShowAsync(context, core, parameters, StatusCodes.Status422UnprocessableEntity, entered with { Error = TakenMessage }).ConfigureAwait(false);
            return;
        }

        SignUpLog.Created(logger, userId, email);
        await AuthorizeEndpoints.SignInAsync(context, core, parameters, check, userId).ConfigureAwait(false);
    }

    /// <summary>One plain address (<c>name@domain</c>), without a display name, comments or surrounding text.</summary>
    private static bool IsEmailAddress([System.Diagnostics.CodeAnalysis.NotNullWhen(true)] string? email) =>
        email is { Length: > 0 and <= MaxEmailLength }
        && MailAddress.TryCreate(email, out var address)
        && address.Address == email
        && address.DisplayName.Length == 0;

    private static Task ShowAsync(HttpContext context, EmulatorCore core, AuthorizeParameters parameters, int status, SignUpForm form) =>
        Responses.HtmlAsync(context, status, SignInPage.Render(parameters.All, core.Store.SignInCandidates(parameters.OrganizationId), core.Options.ClientId, form));
}
