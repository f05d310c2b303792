using Microsoft.Extensions.Logging;

namespace WorkOS.AspNetCore.Api;

/// <summary>Log messages of WorkOS answers the client refuses. Never logs secrets, tokens or query strings.</summary>
internal static partial class WorkOSApiLog
{
    [LoggerMessage(EventId = 1701, Level = LogLevel.Warning, Message = "WorkOS answered {Path} with a redirect ({StatusCode}) to {Location}; redirects are never followed.")]
    public static partial void UnexpectedRedirect(this ILogger logger, string path, int statusCode, string location);

    [LoggerMessage(EventId = 1702, Level = LogLevel.Warning, Message = "WorkOS answered {Path} with a body over {Limit} bytes ({StatusCode}); it was not read.")]
    public static partial void ResponseTooLarge(this ILogger logger, string path, int statusCode, int limit);

    [LoggerMessage(EventId = 1703, Level = LogLevel.Warning, Message = "WorkOS answered {Path} with {StatusCode} and a body that is not the expected JSON ({ContentType}): {Reason}.")]
    public static partial void UnexpectedAnswer(this ILogger logger, string path, int statusCode, string contentType, string reason);

    [LoggerMessage(EventId = 1704, Level = LogLevel.Warning, Message = "WorkOS asked to wait {RetryAfter} before the next call to {Path}; waiting at most {Cap}.")]
    public static partial void RetryAfterCapped(this ILogger logger, string path, TimeSpan retryAfter, TimeSpan cap);
}
