using Microsoft.Extensions.Logging;

namespace WorkOS.AspNetCore.Session;

/// <summary>Log messages of the iron session cookie format. Never logs tokens, seals or passwords.</summary>
internal static partial class IronSessionLog
{
    [LoggerMessage(EventId = 1951, Level = LogLevel.Information, Message = "Refused an iron session cookie ({Reason}); the request is treated as anonymous.")]
    public static partial void IronSessionRefused(this ILogger logger, string reason);

    [LoggerMessage(EventId = 1952, Level = LogLevel.Error, Message = "The session does not fit in one iron session cookie: {Length} bytes sealed, over the {Limit} a browser keeps; it is not written. Trim the access token's claims (roles, permissions, JWT template) or use the default session cookie format, which splits large sessions across cookies.")]
    public static partial void IronSessionTooLarge(this ILogger logger, int length, int limit);

    [LoggerMessage(EventId = 1953, Level = LogLevel.Debug, Message = "Read an iron session cookie sealed with password id {PasswordId}; it is sealed again with the current id {CurrentId} when it is next written.")]
    public static partial void IronSessionOlderPassword(this ILogger logger, string passwordId, string currentId);

    [LoggerMessage(EventId = 1081, Level = LogLevel.Error, Message = "A refresh of session {SessionId} made it too large for one iron session cookie: {Length} bytes sealed, over the {Limit} a browser keeps. The cookie is not re-issued: this request goes on as the refreshed session, the browser keeps its cookie until its refresh token is spent, then the user is signed out. Trim the access token's claims (roles, permissions, JWT template) or use the default session cookie format.")]
    public static partial void IronSessionTooLargeAfterRefresh(this ILogger logger, string? sessionId, int length, int limit);
}
