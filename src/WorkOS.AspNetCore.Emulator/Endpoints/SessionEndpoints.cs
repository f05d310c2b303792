using Microsoft.AspNetCore.Http;
using WorkOS.AspNetCore.Emulator.Hosting;
using WorkOS.AspNetCore.Emulator.Pages;
using WorkOS.AspNetCore.Emulator.Wire;

namespace WorkOS.AspNetCore.Emulator.Endpoints;

/// <summary>Sign-out (browser), revocation and listing of sessions.</summary>
internal static class SessionEndpoints
{
    /// <summary>
    /// <c>GET /user_management/sessions/logout?session_id=&amp;return_to=</c>: ends the session and redirects to
    /// <c>return_to</c>, or to the emulator's signed-out page.
    /// </summary>
    public static Task LogoutAsync(HttpContext context, EmulatorCore core)
    {
        var sessionId = context.Request.Query["session_id"].ToString();
        var returnTo = context.Request.Query["return_to"].ToString();
        if (sessionId.Length == 0)
        {
            return Responses.HtmlAsync(context, 400, MessagePage.Error("Sign-out failed", "The session_id parameter is required."));
        }

        if (returnTo.Length > 0 && !RedirectUriPolicy.IsAllowed(returnTo, core.Options.LogoutRedirectUris))
        {
            return Responses.HtmlAsync(context, 400, MessagePage.Error("Sign-out failed", $"The return_to URI '{returnTo}' is not registered as a sign-out redirect."));
        }

        // An unknown or already ended session still signs the browser out: there is nothing left to end.
        core.Store.EndSession(sessionId);
        return Responses.RedirectAsync(context, returnTo.Length > 0 ? returnTo : MessagePage.SignedOutPath);
    }

    public static Task SignedOutAsync(HttpContext context) =>
        Responses.HtmlAsync(context, 200, MessagePage.SignedOut());

    /// <summary><c>POST /user_management/sessions/revoke</c> <c>{session_id}</c>: ends it; answers with the session.</summary>
    public static Task RevokeAsync(HttpContext context, EmulatorCore core)
    {
        var fields = RequestFields.Get(context);
        if (fields["session_id"] is not { } sessionId)
        {
            return Responses.InvalidParametersAsync(context, "session_id is required.");
        }

        return core.Store.EndSession(sessionId) is { } session
            ? Responses.JsonAsync(context, 200, session, WireJsonContext.Default.SessionDto)
            : Responses.NotFoundAsync(context, $"Session not found: '{sessionId}'.");
    }

    /// <summary><c>GET /user_management/users/{id}/sessions</c>: the user's active sessions, paginated.</summary>
    public static Task ListAsync(HttpContext context, EmulatorCore core)
    {
        var userId = context.Request.RouteValues["userId"] as string ?? "";
        if (!core.Store.UserExists(userId))
        {
            return Responses.NotFoundAsync(context, $"User not found: '{userId}'.");
        }

        if (!Pagination.TryParse(context.Request.Query, out var pagination, out var error))
        {
            return Responses.InvalidParametersAsync(context, error);
        }

        var page = pagination.Apply(core.Store.ActiveSessionsOf(userId), s => s.Id);
        return page is null
            ? Responses.InvalidParametersAsync(context, "Unknown pagination cursor.")
            : Responses.JsonAsync(context, 200, page, WireJsonContext.Default.ListDtoSessionDto);
    }
}
