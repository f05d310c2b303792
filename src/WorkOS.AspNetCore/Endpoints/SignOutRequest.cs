using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using WorkOS.AspNetCore.Authentication;
using WorkOS.AspNetCore.Claims;

namespace WorkOS.AspNetCore.Endpoints;

/// <summary>
/// Signs the user out: removes the local session and sends the browser through WorkOS's logout endpoint so the
/// WorkOS session ends too (a session without a session id just signs out locally).
/// </summary>
internal static partial class SignOutRequest
{
    public static async Task<IResult> HandleAsync(HttpContext context, string scheme, string cookieScheme)
    {
        var logger = context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("WorkOS.AspNetCore.SignOut");
        if (context.RequestServices.GetService<IAntiforgery>() is { } antiforgery)
        {
            try
            {
                await antiforgery.ValidateRequestAsync(context);
            }
            catch (AntiforgeryValidationException)
            {
                LogAntiforgeryFailed(logger);
                return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Sign-out request refused",
                    detail: "The sign-out form is missing its antiforgery token or it is invalid.");
            }
        }

        var returnUrl = context.Request.HasFormContentType ? (await context.Request.ReadFormAsync(context.RequestAborted))["returnUrl"].ToString() : string.Empty;
        if (string.IsNullOrEmpty(returnUrl))
        {
            returnUrl = context.Request.Query["returnUrl"].ToString();
        }

        if (!RedirectHttpResult.IsLocalUrl(returnUrl))
        {
            returnUrl = "/";
        }

        var result = await context.AuthenticateAsync(cookieScheme);
        var sessionId = result.Principal?.GetWorkOSSessionId();
        await context.SignOutAsync(cookieScheme);
        LogSignedOut(logger, result.Principal?.GetWorkOSUserId(), sessionId);
        if (sessionId is null)
        {
            return Results.Redirect(returnUrl);
        }

        var options = context.RequestServices.GetRequiredService<IOptionsMonitor<WorkOSAuthKitOptions>>().Get(scheme);
        var request = context.Request;
        var returnTo = $"{request.Scheme}://{request.Host}{request.PathBase}{returnUrl}";
        var logoutUrl = QueryHelpers.AddQueryString($"{options.ApiBaseUrl.TrimEnd('/')}/user_management/sessions/logout",
            new Dictionary<string, string?> { ["session_id"] = sessionId, ["return_to"] = returnTo });
        return Results.Redirect(logoutUrl);
    }

    [LoggerMessage(EventId = 1101, Level = LogLevel.Warning, Message = "Sign-out refused: the antiforgery token is missing or invalid.")]
    private static partial void LogAntiforgeryFailed(ILogger logger);

    [LoggerMessage(EventId = 1102, Level = LogLevel.Information, Message = "Signed out user {UserId} (session {SessionId}).")]
    private static partial void LogSignedOut(ILogger logger, string? userId, string? sessionId);
}
