using Microsoft.Extensions.Logging;

namespace WorkOS.AspNetCore.SignIn;

/// <summary>Log messages of custom sign-in pages. Never logs secrets: no password, code, pending token or step.</summary>
internal static partial class SignInLog
{
    [LoggerMessage(EventId = 1972, Level = LogLevel.Warning, Message = "Sign-in step refused: {Reason}.")]
    public static partial void StepRefused(this ILogger logger, string reason);

    [LoggerMessage(EventId = 1973, Level = LogLevel.Information, Message = "Sign-in step refused: the {Kind} step expired at {ExpiredAt}.")]
    public static partial void StepExpired(this ILogger logger, string kind, DateTimeOffset expiredAt);
}
