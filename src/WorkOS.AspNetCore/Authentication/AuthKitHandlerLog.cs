using Microsoft.Extensions.Logging;

namespace WorkOS.AspNetCore.Authentication;

/// <summary>Log messages of the AuthKit scheme. Never logs secrets: no API key, token, code or verifier.</summary>
internal static partial class AuthKitHandlerLog
{
    [LoggerMessage(EventId = 1001, Level = LogLevel.Debug, Message = "Redirecting to WorkOS AuthKit at {AuthorizeEndpoint}.")]
    public static partial void RedirectingToAuthorize(this ILogger logger, string authorizeEndpoint);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Debug, Message = "Answering a non-navigation request with 401 instead of a redirect to AuthKit.")]
    public static partial void ChallengeAsUnauthorized(this ILogger logger);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Information, Message = "A sign-in callback arrived without a state this app issued (IdP-initiated or impersonation sign-in); starting a fresh sign-in.")]
    public static partial void CallbackWithoutState(this ILogger logger);

    public static void SignInRefused(this ILogger logger, string error, int statusCode, string description) =>
        LogSignInRefused(logger, LogValue.Caller(error), statusCode, LogValue.Caller(description));

    [LoggerMessage(EventId = 1004, Level = LogLevel.Warning, Message = "Sign-in refused ({Error}, status {StatusCode}): {Description}")]
    private static partial void LogSignInRefused(ILogger logger, string error, int statusCode, string description);

    [LoggerMessage(EventId = 1005, Level = LogLevel.Information, Message = "Signed in user {UserId} (session {SessionId}, organization {OrganizationId}).")]
    public static partial void SignedIn(this ILogger logger, string? userId, string? sessionId, string? organizationId);

    public static void ReturnUrlNotLocal(this ILogger logger, string returnUrl, string fallback) =>
        LogReturnUrlNotLocal(logger, LogValue.Caller(returnUrl), fallback);

    [LoggerMessage(EventId = 1006, Level = LogLevel.Warning, Message = "Return URL {ReturnUrl} refused: it is not a path of this app; using {Fallback}.")]
    private static partial void LogReturnUrlNotLocal(ILogger logger, string returnUrl, string fallback);

    public static void SignInFailureResponse(this ILogger logger, int statusCode, string error) =>
        LogSignInFailureResponse(logger, statusCode, LogValue.Caller(error));

    [LoggerMessage(EventId = 1007, Level = LogLevel.Warning, Message = "The sign-in callback failed and no event handled it; answering {StatusCode} ({Error}).")]
    private static partial void LogSignInFailureResponse(ILogger logger, int statusCode, string error);

    [LoggerMessage(EventId = 1008, Level = LogLevel.Information, Message = "Signed out user {UserId} (session {SessionId}).")]
    public static partial void SignedOut(this ILogger logger, string? userId, string? sessionId);
}
