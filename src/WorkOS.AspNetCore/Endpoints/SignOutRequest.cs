using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using WorkOS.AspNetCore.Authentication;

namespace WorkOS.AspNetCore.Endpoints;

/// <summary>
/// The sign-out endpoint: checks the antiforgery token (POST), then signs out through the AuthKit scheme, which
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

        if (isPost && context.RequestServices.GetService<IAntiforgery>() is { } antiforgery && !await antiforgery.IsRequestValidAsync(context))
        {
            LogAntiforgeryFailed(logger);
            await Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Sign-out request refused",
                detail: "The sign-out form is missing its antiforgery token or it is invalid.").ExecuteAsync(context);
            return;
        }

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

        // Resolved against the path base, and refused unless local, by the AuthKit scheme's sign-out (ReturnUrls).
        await context.SignOutAsync(scheme, new AuthenticationProperties { RedirectUri = string.IsNullOrEmpty(returnUrl) ? "~/" : returnUrl });
    }

    [LoggerMessage(EventId = 1101, Level = LogLevel.Warning, Message = "Sign-out refused: the antiforgery token is missing or invalid.")]
    private static partial void LogAntiforgeryFailed(ILogger logger);

    [LoggerMessage(EventId = 1102, Level = LogLevel.Warning, Message = "Sign-out refused: the form could not be read ({Reason}).")]
    private static partial void LogFormUnreadable(ILogger logger, string reason);
}
