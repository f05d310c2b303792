using Microsoft.Extensions.Logging;

namespace WorkOS.AspNetCore.Bearer;

/// <summary>Log messages of the bearer scheme (event ids 1400-1449). Never logs a token.</summary>
internal static partial class BearerLog
{
    [LoggerMessage(EventId = 1401, Level = LogLevel.Debug, Message = "No bearer token in the request.")]
    public static partial void NoToken(this ILogger logger);

    public static void TokenRefused(this ILogger logger, string reason, string description) =>
        LogTokenRefused(logger, reason, LogValue.Caller(description));

    [LoggerMessage(EventId = 1402, Level = LogLevel.Information, Message = "Bearer token refused ({Reason}): {Description}")]
    private static partial void LogTokenRefused(ILogger logger, string reason, string description);

    [LoggerMessage(EventId = 1403, Level = LogLevel.Debug, Message = "Bearer token accepted for user {UserId} (session {SessionId}, organization {OrganizationId}).")]
    public static partial void TokenAccepted(this ILogger logger, string? userId, string? sessionId, string? organizationId);

    [LoggerMessage(EventId = 1404, Level = LogLevel.Warning, Message = "Bearer token not checked: the WorkOS signing keys could not be fetched; answering 503.")]
    public static partial void KeysUnavailable(this ILogger logger, Exception? exception);

    public static void Challenged(this ILogger logger, int statusCode, string error) =>
        LogChallenged(logger, statusCode, LogValue.Caller(error));

    [LoggerMessage(EventId = 1405, Level = LogLevel.Debug, Message = "Answering the bearer challenge with {StatusCode} ({Error}).")]
    private static partial void LogChallenged(ILogger logger, int statusCode, string error);

    [LoggerMessage(EventId = 1406, Level = LogLevel.Debug, Message = "Bearer-authenticated request forbidden: 403 insufficient_scope.")]
    public static partial void Forbidden(this ILogger logger);

    public static void RejectedByEvent(this ILogger logger, string description) =>
        LogRejectedByEvent(logger, LogValue.Caller(description));

    [LoggerMessage(EventId = 1407, Level = LogLevel.Information, Message = "Bearer token refused by the OnTokenValidated event: {Description}")]
    private static partial void LogRejectedByEvent(ILogger logger, string description);

    public static void RevokedListUnavailable(this ILogger logger, string sessionId, Exception exception) =>
        LogRevokedListUnavailable(logger, LogValue.Caller(sessionId), exception);

    [LoggerMessage(EventId = 1408, Level = LogLevel.Warning, Message = "Bearer token of session {SessionId} not accepted: the list of ended sessions could not be read; answering 503.")]
    private static partial void LogRevokedListUnavailable(ILogger logger, string sessionId, Exception exception);
}
