using Microsoft.Extensions.Logging;

namespace WorkOS.AspNetCore.Webhooks;

/// <summary>Log messages of the webhook endpoint and its handlers (event ids 1901-1919). Never logs a secret or a body.</summary>
internal static partial class WebhookLog
{
    [LoggerMessage(EventId = 1901, Level = LogLevel.Error, Message = "WorkOS webhook refused with 503: no secret is configured (set WorkOS:Webhooks:Secrets or WORKOS_WEBHOOK_SECRET).")]
    public static partial void NoSecret(this ILogger logger);

    [LoggerMessage(EventId = 1902, Level = LogLevel.Warning, Message = "WorkOS webhook refused with 400: {Reason}.")]
    public static partial void MalformedSignature(this ILogger logger, string reason);

    [LoggerMessage(EventId = 1903, Level = LogLevel.Warning, Message = "WorkOS webhook refused with 413: the body is larger than {MaxBodySize} bytes.")]
    public static partial void BodyTooLarge(this ILogger logger, long maxBodySize);

    [LoggerMessage(EventId = 1904, Level = LogLevel.Warning, Message = "WorkOS webhook refused with 401: its timestamp is {Skew} away from this app's clock, beyond the tolerance of {Tolerance}.")]
    public static partial void OutsideTolerance(this ILogger logger, TimeSpan skew, TimeSpan tolerance);

    [LoggerMessage(EventId = 1905, Level = LogLevel.Warning, Message = "WorkOS webhook refused with 401: no signature matches the body under any configured secret ({SecretCount}).")]
    public static partial void SignatureMismatch(this ILogger logger, int secretCount);

    [LoggerMessage(EventId = 1906, Level = LogLevel.Warning, Message = "WorkOS webhook refused with 400: the signed body is not a WorkOS event ({Reason}).")]
    public static partial void NotAnEvent(this ILogger logger, string reason);

    [LoggerMessage(EventId = 1907, Level = LogLevel.Warning, Message = "WorkOS webhook {EventId} ({EventType}) refused with 503: the handler queue is full ({Capacity}); WorkOS will retry.")]
    public static partial void QueueFull(this ILogger logger, string eventId, string eventType, int capacity);

    [LoggerMessage(EventId = 1908, Level = LogLevel.Debug, Message = "WorkOS webhook {EventId} ({EventType}) accepted.")]
    public static partial void Accepted(this ILogger logger, string eventId, string eventType);

    [LoggerMessage(EventId = 1909, Level = LogLevel.Information, Message = "WorkOS event {EventId} ({EventType}) was already handled; this delivery is skipped.")]
    public static partial void Duplicate(this ILogger logger, string eventId, string eventType);

    [LoggerMessage(EventId = 1910, Level = LogLevel.Warning, Message = "WorkOS event {EventId} ({EventType}): handler {Handler} failed on attempt {Attempt} of {MaxAttempts}; retrying in {Delay}.")]
    public static partial void HandlerRetrying(this ILogger logger, string eventId, string eventType, string handler, int attempt, int maxAttempts, TimeSpan delay, Exception exception);

    [LoggerMessage(EventId = 1911, Level = LogLevel.Error, Message = "WorkOS event {EventId} ({EventType}): handler {Handler} failed {MaxAttempts} times and is given up.")]
    public static partial void HandlerGaveUp(this ILogger logger, string eventId, string eventType, string handler, int maxAttempts, Exception exception);

    [LoggerMessage(EventId = 1912, Level = LogLevel.Error, Message = "WorkOS event {EventId} ({EventType}) is not handled: the deduplication store failed, and an event is handled at most once.")]
    public static partial void DeduplicationFailed(this ILogger logger, string eventId, string eventType, Exception exception);

    [LoggerMessage(EventId = 1913, Level = LogLevel.Warning, Message = "WorkOS webhook refused with 400: the body could not be read ({Reason}).")]
    public static partial void BodyUnreadable(this ILogger logger, string reason);
}
