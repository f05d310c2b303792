using Microsoft.Extensions.Logging;

namespace WorkOS.AspNetCore.Events;

/// <summary>Log messages of the WorkOS events reader (event ids 1930-1939). Never logs the API key or an event's data.</summary>
internal static partial class EventsReaderLog
{
    [LoggerMessage(EventId = 1930, Level = LogLevel.Information, Message = "WorkOS events reader started: {EventTypes}, every {PollInterval}, from {Start}.")]
    public static partial void Started(this ILogger logger, string eventTypes, TimeSpan pollInterval, string start);

    [LoggerMessage(EventId = 1931, Level = LogLevel.Debug, Message = "WorkOS events reader queued {Count} events; the cursor is now {Cursor}.")]
    public static partial void PageQueued(this ILogger logger, int count, string cursor);

    [LoggerMessage(EventId = 1932, Level = LogLevel.Warning, Message = "WorkOS events reader: GET /events failed ({Reason}); the cursor stays at {Cursor}, next attempt in {Delay}.")]
    public static partial void PollFailed(this ILogger logger, string reason, string cursor, TimeSpan delay, Exception? exception);

    [LoggerMessage(EventId = 1933, Level = LogLevel.Error, Message = "WorkOS events reader: WorkOS refused the API key ({StatusCode}); check WorkOS:ApiKey. The cursor stays at {Cursor}, next attempt in {Delay}.")]
    public static partial void ApiKeyRefused(this ILogger logger, int statusCode, string cursor, TimeSpan delay);

    [LoggerMessage(EventId = 1934, Level = LogLevel.Error, Message = "WorkOS events reader: WorkOS refused the request ({StatusCode} {ErrorCode}): {Message} The cursor stays at {Cursor}, next attempt in {Delay}.")]
    public static partial void RequestRefused(this ILogger logger, int statusCode, string errorCode, string message, string cursor, TimeSpan delay);

    [LoggerMessage(EventId = 1935, Level = LogLevel.Warning, Message = "WorkOS events reader: a page of GET /events is not a list of events ({Reason}); nothing of it is queued, the cursor stays at {Cursor}, next attempt in {Delay}.")]
    public static partial void MalformedPage(this ILogger logger, string reason, string cursor, TimeSpan delay);

    [LoggerMessage(EventId = 1936, Level = LogLevel.Warning, Message = "WorkOS events reader: the handler queue is full ({Capacity}); waiting for room before event {EventId} ({EventType}), the cursor does not move meanwhile.")]
    public static partial void QueueFull(this ILogger logger, int capacity, string eventId, string eventType);

    [LoggerMessage(EventId = 1937, Level = LogLevel.Warning, Message = "WorkOS events reader: the cursor store failed ({Operation}); next attempt in {Delay}.")]
    public static partial void CursorStoreFailed(this ILogger logger, string operation, TimeSpan delay, Exception exception);

    [LoggerMessage(EventId = 1938, Level = LogLevel.Error, Message = "WorkOS events reader: no API key is configured (WorkOS:ApiKey or WORKOS_API_KEY); next attempt in {Delay}.")]
    public static partial void NoApiKey(this ILogger logger, TimeSpan delay);

    [LoggerMessage(EventId = 1939, Level = LogLevel.Warning, Message = "WorkOS events reader: a page of {Limit} events was over the response limit; asking for {NextLimit} per page until a page is read.")]
    public static partial void PageTooLarge(this ILogger logger, int limit, int nextLimit);

    [LoggerMessage(EventId = 1950, Level = LogLevel.Error, Message = "WorkOS events reader: a poll failed with an unexpected {ExceptionType}; the cursor stays where it was, next attempt in {Delay}.")]
    public static partial void PollCrashed(this ILogger logger, string exceptionType, TimeSpan delay, Exception exception);
}
