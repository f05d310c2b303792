using Microsoft.Extensions.Logging;

namespace WorkOS.AspNetCore.Authentication;

/// <summary>
/// Log messages of a hosted sign-in that WorkOS answered with a further step (organization selection, email
/// verification, MFA, SSO), and of the built-in step page. Never logs a step, a pending token or a code.
/// </summary>
internal static partial class SignInStepLog
{
    [LoggerMessage(EventId = 1990, Level = LogLevel.Information, Message = "The code exchange needs a further sign-in step ({Step}); sending the browser to {StepPage}.")]
    public static partial void SignInStepRequired(this ILogger logger, string step, string stepPage);

    public static void SignInStepNotStarted(this ILogger logger, string? error, string reason, Exception? exception = null) =>
        LogSignInStepNotStarted(logger, LogValue.Caller(error) ?? "error", reason, exception);

    [LoggerMessage(EventId = 1991, Level = LogLevel.Warning, Message = "The code exchange answered {Error}, a further sign-in step, but the step could not be started: {Reason}.")]
    private static partial void LogSignInStepNotStarted(ILogger logger, string error, string reason, Exception? exception);

    public static void SsoSignInRestarted(this ILogger logger, string connectionId) =>
        LogSsoSignInRestarted(logger, LogValue.Caller(connectionId));

    [LoggerMessage(EventId = 1992, Level = LogLevel.Information, Message = "The user's organization requires SSO; restarting the sign-in through connection {ConnectionId}.")]
    private static partial void LogSsoSignInRestarted(ILogger logger, string connectionId);

    [LoggerMessage(EventId = 1993, Level = LogLevel.Warning, Message = "The sign-in step page refused a request: {Reason}.")]
    public static partial void StepPageRefused(this ILogger logger, string reason);

    public static void StepFailed(this ILogger logger, string step, string? errorCode) =>
        LogStepFailed(logger, step, LogValue.Caller(errorCode) ?? "error");

    [LoggerMessage(EventId = 1994, Level = LogLevel.Information, Message = "The sign-in step {Step} failed ({ErrorCode}); the page asks again.")]
    private static partial void LogStepFailed(ILogger logger, string step, string errorCode);

    [LoggerMessage(EventId = 1995, Level = LogLevel.Warning, Message = "The sign-in step {Step} was rate limited; the page asks again after {RetryAfterSeconds} s.")]
    public static partial void StepRateLimited(this ILogger logger, string step, int retryAfterSeconds);

    public static void StepEnded(this ILogger logger, string? errorCode) =>
        LogStepEnded(logger, LogValue.Caller(errorCode) ?? "error");

    [LoggerMessage(EventId = 1996, Level = LogLevel.Warning, Message = "A sign-in step cannot be completed ({ErrorCode}); the browser is told to sign in again.")]
    private static partial void LogStepEnded(ILogger logger, string errorCode);

    [LoggerMessage(EventId = 1997, Level = LogLevel.Information, Message = "The sign-in step {Step} completed the sign-in; returning to {ReturnUrl}.")]
    public static partial void StepCompleted(this ILogger logger, string step, string returnUrl);


    [LoggerMessage(EventId = 1999, Level = LogLevel.Debug, Message = "The sign-in step {Step} led to the step {NextStep}.")]
    public static partial void StepContinued(this ILogger logger, string step, string nextStep);
}
