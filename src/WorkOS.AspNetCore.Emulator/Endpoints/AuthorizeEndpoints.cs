using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using WorkOS.AspNetCore.Emulator.Actions;
using WorkOS.AspNetCore.Emulator.Hosting;
using WorkOS.AspNetCore.Emulator.Pages;
using WorkOS.AspNetCore.Emulator.State;

namespace WorkOS.AspNetCore.Emulator.Endpoints;

/// <summary>
/// <c>GET /user_management/authorize</c> (the hosted sign-in page, or a direct sign-in for a known
/// <c>login_hint</c>) and the page's form post (a chosen user, a cancel, or a sign-up).
/// </summary>
internal static class AuthorizeEndpoints
{
    public static Task AuthorizeAsync(HttpContext context, EmulatorCore core)
    {
        var parameters = AuthorizeParameters.From(context.Request.Query);
        var check = AuthorizeCheck.Run(parameters, core);
        if (!check.IsValid)
        {
            return RejectAsync(context, parameters, check);
        }

        if (core.Store.TakePendingImpersonation() is { } impersonation)
        {
            return SignInAsync(context, core, parameters, check, impersonation.UserId, impersonation);
        }

        if (parameters.LoginHint is { } hint && core.Store.FindUserId(hint) is { } userId)
        {
            return SignInAsync(context, core, parameters, check, userId);
        }

        var html = SignInPage.Render(
            parameters.All,
            core.Store.SignInCandidates(parameters.OrganizationId),
            core.Options.ClientId,
            parameters.ScreenHint == "sign-up" ? new SignUpForm() : null);
        return Responses.HtmlAsync(context, StatusCodes.Status200OK, html);
    }

    public static Task CompleteAsync(HttpContext context, EmulatorCore core)
    {
        var fields = RequestFields.Get(context);
        var parameters = AuthorizeParameters.From(fields.Values);
        var check = AuthorizeCheck.Run(parameters, core);
        if (!check.IsValid)
        {
            return RejectAsync(context, parameters, check);
        }

        if (fields["action"] == "cancel")
        {
            return ErrorRedirectAsync(context, parameters, "access_denied", "The user canceled the sign-in.");
        }

        if (fields["action"] == SignUpForm.Action)
        {
            return SignUpEndpoint.SignUpAsync(context, core, parameters, check, fields);
        }

        if (fields["user_id"] is not { } userId || !core.Store.UserExists(userId))
        {
            return Responses.HtmlAsync(context, StatusCodes.Status400BadRequest, MessagePage.Error("Sign-in failed", "Choose one of the listed users."));
        }

        return SignInAsync(context, core, parameters, check, userId);
    }

    /// <summary>Signs <paramref name="userId"/> in: the organization, the authentication action if set, then the code.</summary>
    internal static async Task SignInAsync(HttpContext context, EmulatorCore core, AuthorizeParameters parameters, AuthorizeCheck check, string userId,
        PendingImpersonation? impersonation = null)
    {
        if (!core.Store.TryChooseOrganization(userId, parameters.OrganizationId, out var organizationId))
        {
            await ErrorRedirectAsync(context, parameters, "organization_invalid", $"The user is not a member of organization '{parameters.OrganizationId}'.").ConfigureAwait(false);
            return;
        }

        // The authentication action runs after the user proved who they are and before a code is issued, as in AuthKit;
        // an impersonation is the dashboard's, not the user's, sign-in and is not asked about.
        if (impersonation is null && core.Actions.HasAuthentication)
        {
            var action = AuthenticationActionContext.Create(core, context, userId, organizationId, check.AuthenticationMethod);
            var call = action is null ? null : await core.Actions.AuthenticateAsync(action, context.RequestAborted).ConfigureAwait(false);
            if (call is not { Allowed: true })
            {
                var message = call is { Problem: null }
                    ? call.ErrorMessage ?? "Your sign-in was denied."
                    : "Your sign-in could not be completed. Try again later.";
                await Responses.HtmlAsync(context, StatusCodes.Status403Forbidden, MessagePage.Error("Sign-in denied", message)).ConfigureAwait(false);
                return;
            }
        }

        var code = core.Store.IssueCode(new CodeRequest(
            parameters.ClientId!,
            userId,
            organizationId,
            parameters.CodeChallenge,
            impersonation is null ? check.AuthenticationMethod : "Impersonation",
            core.Options.CodeLifetime,
            impersonation));
        await Responses.RedirectAsync(context, WithState(parameters, new() { ["code"] = code })).ConfigureAwait(false);
    }

    private static Task RejectAsync(HttpContext context, AuthorizeParameters parameters, AuthorizeCheck check) =>
        check.PageError is { } message
            ? Responses.HtmlAsync(context, StatusCodes.Status400BadRequest, MessagePage.Error("Invalid sign-in request", message))
            : ErrorRedirectAsync(context, parameters, check.RedirectError!, check.Description!);

    private static Task ErrorRedirectAsync(HttpContext context, AuthorizeParameters parameters, string error, string description) =>
        Responses.RedirectAsync(context, WithState(parameters, new() { ["error"] = error, ["error_description"] = description }));

    private static string WithState(AuthorizeParameters parameters, Dictionary<string, string?> query)
    {
        if (parameters.State is { } state)
        {
            query["state"] = state;
        }

        return QueryHelpers.AddQueryString(parameters.RedirectUri!, query);
    }
}
