using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using WorkOS.AspNetCore.Authentication;
using WorkOS.AspNetCore.Session;

namespace WorkOS.AspNetCore.Endpoints;

/// <summary>
/// <c>POST {prefix}/switch-organization</c> (form: <c>organizationId</c>, <c>returnUrl</c>): switches the session, or
/// sends the user through sign-in for that organization when it needs SSO or MFA. Either way the user lands on
/// <c>returnUrl</c> resolved by <see cref="ReturnUrls"/>, as on sign-in and sign-out.
/// </summary>
internal static class OrganizationSwitchRequest
{
    public static async Task HandleAsync(HttpContext context, string scheme)
    {
        if (!await RequestAntiforgery.IsValidAsync(context, "Organization switch"))
        {
            await Problem(context, StatusCodes.Status400BadRequest, "The organization switch form is missing its antiforgery token or it is invalid.");
            return;
        }

        var form = context.Request.HasFormContentType ? await context.Request.ReadFormAsync(context.RequestAborted) : null;
        var organizationId = form?["organizationId"].ToString() ?? string.Empty;
        // The rule of sign-in and sign-out (ReturnUrls): a path of the app, resolved against the path base.
        var requested = form?["returnUrl"].ToString();
        if (!ReturnUrls.TryResolve(context.Request.PathBase, requested, out var returnUrl))
        {
            context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("WorkOS.AspNetCore.Endpoints")
                .ReturnUrlNotLocal(requested!, returnUrl);
        }

        if (organizationId.Length is 0 or > 128)
        {
            await Problem(context, StatusCodes.Status400BadRequest, "organizationId is required.");
            return;
        }

        var result = await context.SwitchOrganizationAsync(organizationId, scheme);
        switch (result.Status)
        {
            case OrganizationSwitchStatus.Switched:
                context.Response.Redirect(returnUrl);
                break;
            case OrganizationSwitchStatus.NotSignedIn or OrganizationSwitchStatus.SignInRequired or OrganizationSwitchStatus.SessionEnded:
                await context.ChallengeAsync(scheme, new WorkOSChallengeProperties(returnUrl) { OrganizationId = organizationId });
                break;
            case OrganizationSwitchStatus.Refused when result.Error == SessionOperations.SessionTooLarge:
                // Not the user's doing and not WorkOS's: the app's session cookie cannot hold that organization's session.
                await Problem(context, StatusCodes.Status500InternalServerError,
                    "The session in that organization is too large to be kept in one cookie (session_too_large); the organization was not switched.");
                break;
            case OrganizationSwitchStatus.Unavailable:
                await Problem(context, StatusCodes.Status503ServiceUnavailable, "WorkOS could not be reached; the organization was not switched.");
                break;
            default:
                await Problem(context, StatusCodes.Status403Forbidden, $"The organization could not be switched ({result.Error}).");
                break;
        }
    }

    private static Task Problem(HttpContext context, int status, string detail) =>
        Results.Problem(statusCode: status, title: "Organization not switched", detail: detail).ExecuteAsync(context);
}
