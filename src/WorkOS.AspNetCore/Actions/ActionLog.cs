using Microsoft.Extensions.Logging;

namespace WorkOS.AspNetCore.Actions;

/// <summary>Log messages of the AuthKit Actions endpoint (event ids 1940-1949). Never logs a secret or a body.</summary>
internal static partial class ActionLog
{
    [LoggerMessage(EventId = 1940, Level = LogLevel.Error, Message = "WorkOS action refused with 503: no secret is configured (set WorkOS:Actions:Secrets or WORKOS_ACTIONS_SECRET).")]
    public static partial void NoSecret(this ILogger logger);

    [LoggerMessage(EventId = 1941, Level = LogLevel.Warning, Message = "WorkOS action refused with 400: {Reason}.")]
    public static partial void Malformed(this ILogger logger, string reason);

    [LoggerMessage(EventId = 1942, Level = LogLevel.Warning, Message = "WorkOS action refused with 413: the body is larger than {MaxBodySize} bytes.")]
    public static partial void BodyTooLarge(this ILogger logger, long maxBodySize);

    [LoggerMessage(EventId = 1943, Level = LogLevel.Warning, Message = "WorkOS action refused with 401: its timestamp is {Skew} away from this app's clock, beyond the tolerance of {Tolerance}.")]
    public static partial void OutsideTolerance(this ILogger logger, TimeSpan skew, TimeSpan tolerance);

    [LoggerMessage(EventId = 1944, Level = LogLevel.Warning, Message = "WorkOS action refused with 401: no signature matches the body under any configured secret ({SecretCount}).")]
    public static partial void SignatureMismatch(this ILogger logger, int secretCount);

    [LoggerMessage(EventId = 1945, Level = LogLevel.Warning, Message = "WorkOS action refused with 400: the signed body is not an action context ({Reason}).")]
    public static partial void NotAnAction(this ILogger logger, string reason);

    [LoggerMessage(EventId = 1946, Level = LogLevel.Error, Message = "WorkOS action {ActionId} refused with 400: this endpoint has no handler for {Kind} actions; WorkOS applies the endpoint's error handling.")]
    public static partial void NoHandler(this ILogger logger, string actionId, string kind);

    [LoggerMessage(EventId = 1947, Level = LogLevel.Error, Message = "WorkOS action {ActionId} ({Kind}) answered 503: the handler failed; WorkOS applies the endpoint's error handling.")]
    public static partial void HandlerFailed(this ILogger logger, string actionId, string kind, Exception exception);

    [LoggerMessage(EventId = 1948, Level = LogLevel.Error, Message = "WorkOS action {ActionId} ({Kind}) answered 503: the handler took longer than {Timeout}; WorkOS applies the endpoint's error handling.")]
    public static partial void HandlerTimedOut(this ILogger logger, string actionId, string kind, TimeSpan timeout);

    [LoggerMessage(EventId = 1949, Level = LogLevel.Information, Message = "WorkOS action {ActionId} ({Kind}) answered {Verdict}.")]
    public static partial void Answered(this ILogger logger, string actionId, string kind, string verdict);
}
