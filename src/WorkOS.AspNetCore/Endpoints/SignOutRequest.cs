using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using WorkOS.AspNetCore.Authentication;

namespace WorkOS.AspNetCore.Endpoints;

/// <summary>
/// The sign-out endpoint: always checks the antiforgery token of a POST (the library registers antiforgery, so the
/// check never depends on the app having done so), then signs out through the AuthKit scheme, which
/// removes the local session and ends the WorkOS session through its logout endpoint.
/// </summary>
internal static partial class SignOutRequest
{
    public static async Task HandleAsync(HttpContext context, string scheme)
    {
        var logger = context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("WorkOS.AspNetCore.SignOut");
        var isPost = HttpMethods.IsPost(context.Request.Method);
        if (!isPost && !context.RequestServices.GetRequiredService<IOptionsMonitor<WorkOSAuthKitOptions>>().Get(scheme).AllowGetSignOut)
        {
            context.Response.StatusCode = StatusCodes.Status405MethodNotAllowed;
            context.Response.Headers.Allow = "POST";
            return;
        }

        // The form is read first: one that does not parse is refused here, before antiforgery would throw on it.
        string returnUrl;
        try
        {
            returnUrl = isPost && context.Request.HasFormContentType
                ? (await context.Request.ReadFormAsync(context.RequestAborted))["returnUrl"].ToString()
                : context.Request.Query["returnUrl"].ToString();
        }
        catch (Exception ex) when (ex is InvalidDataException or BadHttpRequestException)
        {
            LogFormUnreadable(logger, ex.Message);
            await Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Sign-out request refused",
                detail: "The sign-out form could not be read.").ExecuteAsync(context);
            return;
        }

        if (isPost && !await IsAntiforgeryValidAsync(context, scheme))
        {
            LogAntiforgeryFailed(logger);
            await Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Sign-out request refused",
                detail: "The sign-out form is missing its antiforgery token or it is invalid.").ExecuteAsync(context);
            return;
        }

        // Resolved against the path base, and refused unless local, by the AuthKit scheme's sign-out (ReturnUrls).
        await context.SignOutAsync(scheme, new AuthenticationProperties { RedirectUri = string.IsNullOrEmpty(returnUrl) ? "~/" : returnUrl });
    }

    /// <summary>
    /// Checks the form's antiforgery token. A token is bound to the user the page was rendered for; when the session
    /// no longer authenticates (its token expired and WorkOS could not refresh it) the request is anonymous, so the
    /// token is checked against the principal of the session cookie's own ticket: that user can still sign out.
    /// </summary>
    private static async Task<bool> IsAntiforgeryValidAsync(HttpContext context, string scheme)
    {
        var antiforgery = context.RequestServices.GetRequiredService<IAntiforgery>();
        if (await antiforgery.IsRequestValidAsync(context))
        {
            return true;
        }

        var cookieScheme = context.RequestServices.GetRequiredService<IOptionsMonitor<WorkOSAuthKitOptions>>().Get(scheme).SignInScheme;
        if (context.User.Identity?.IsAuthenticated == true || cookieScheme is null
            || await SessionCookieTicket.ReadAsync(context, cookieScheme, context.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow()) is not { } ticket)
        {
            return false;
        }

        var user = context.User;
        context.User = ticket.Principal;
        try
        {
            return await antiforgery.IsRequestValidAsync(context);
        }
        finally
        {
            context.User = user;
        }
    }

    [LoggerMessage(EventId = 1101, Level = LogLevel.Warning, Message = "Sign-out refused: the antiforgery token is missing or invalid.")]
    private static partial void LogAntiforgeryFailed(ILogger logger);

    [LoggerMessage(EventId = 1102, Level = LogLevel.Warning, Message = "Sign-out refused: the form could not be read ({Reason}).")]
    private static partial void LogFormUnreadable(ILogger logger, string reason);
}
