using Microsoft.Extensions.Logging;

namespace WorkOS.AspNetCore.SignIn;

/// <summary>Log messages of custom sign-in pages. Never logs secrets: no password, code, pending token or step.</summary>
internal static partial class SignInLog
{
    [LoggerMessage(EventId = 1972, Level = LogLevel.Warning, Message = "Sign-in step refused: {Reason}.")]
    public static partial void StepRefused(this ILogger logger, string reason);

    [LoggerMessage(EventId = 1973, Level = LogLevel.Information, Message = "Sign-in step refused: the {Kind} step expired at {ExpiredAt}.")]
    public static partial void StepExpired(this ILogger logger, string kind, DateTimeOffset expiredAt);

    [LoggerMessage(EventId = 1974, Level = LogLevel.Information, Message = "The sign-in of user {UserId} continues with a {Kind} step.")]
    public static partial void StepRequired(this ILogger logger, string? userId, string kind);

    public static void Refused(this ILogger logger, string operation, string errorCode, int? statusCode) =>
        LogRefused(logger, operation, LogValue.Caller(errorCode), statusCode);

    [LoggerMessage(EventId = 1975, Level = LogLevel.Warning, Message = "WorkOS refused the {Operation} ({ErrorCode}, status {StatusCode}).")]
    private static partial void LogRefused(ILogger logger, string operation, string errorCode, int? statusCode);

    public static void Unavailable(this ILogger logger, string operation, string? errorCode, int? statusCode) =>
        LogUnavailable(logger, operation, LogValue.Caller(errorCode ?? "no error code"), statusCode);

    [LoggerMessage(EventId = 1976, Level = LogLevel.Warning, Message = "WorkOS could not complete the {Operation} ({ErrorCode}, status {StatusCode}); answering workos_unavailable.")]
    private static partial void LogUnavailable(ILogger logger, string operation, string errorCode, int? statusCode);

    [LoggerMessage(EventId = 1977, Level = LogLevel.Warning, Message = "WorkOS rate limited the {Operation}; try again after {RetryAfter}.")]
    public static partial void RateLimited(this ILogger logger, string operation, TimeSpan retryAfter);

    [LoggerMessage(EventId = 1978, Level = LogLevel.Warning, Message = "Sign-in step refused: a {Actual} step was passed where a {Expected} step is needed.")]
    public static partial void WrongStep(this ILogger logger, string actual, string expected);

    public static void OrganizationNotOffered(this ILogger logger, string organizationId) =>
        LogOrganizationNotOffered(logger, LogValue.Caller(organizationId));

    [LoggerMessage(EventId = 1979, Level = LogLevel.Warning, Message = "Organization {OrganizationId} refused: the step did not offer it.")]
    private static partial void LogOrganizationNotOffered(ILogger logger, string organizationId);

    [LoggerMessage(EventId = 1980, Level = LogLevel.Information, Message = "WorkOS refused a password reset ({ErrorCode}); answering CodeSent so the page tells nobody which addresses have accounts.")]
    public static partial void PasswordResetRefused(this ILogger logger, string errorCode);

    [LoggerMessage(EventId = 1981, Level = LogLevel.Warning, Message = "WorkOS answered {ErrorCode} without what its next step needs ({Missing}); answering workos_unavailable.")]
    public static partial void PendingErrorIncomplete(this ILogger logger, string errorCode, string missing);

    [LoggerMessage(EventId = 1982, Level = LogLevel.Warning, Message = "The sign-in of a custom page was not completed: {Reason}.")]
    public static partial void SignInNotCompleted(this ILogger logger, string reason);

    [LoggerMessage(EventId = 1091, Level = LogLevel.Error, Message = "The sign-in of user {UserId} on a custom page was not completed: the session does not fit in one iron session cookie (see event 1952); no session cookie was written. Trim the access token's claims (roles, permissions, JWT template) or use the default session cookie format.")]
    public static partial void SessionTooLarge(this ILogger logger, string? userId);

    [LoggerMessage(EventId = 1983, Level = LogLevel.Warning, Message = "Sign-in input refused: {Reason}.")]
    public static partial void InputRefused(this ILogger logger, string reason);
}
