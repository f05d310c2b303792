using Microsoft.Extensions.Logging;

namespace WorkOS.AspNetCore.Emulator.Endpoints;

/// <summary>The custom sign-in grants' and their endpoints' log lines (event ids 2069-2089).</summary>
internal static partial class SignInFlowLog
{
    [LoggerMessage(EventId = 2069, Level = LogLevel.Information, Message = "Emulator grant {GrantType} signed in user {UserId} (session {SessionId}).")]
    public static partial void SignedIn(ILogger logger, string grantType, string userId, string sessionId);

    [LoggerMessage(EventId = 2070, Level = LogLevel.Information, Message = "Emulator grant {GrantType} for user {UserId} needs another step: {Step}.")]
    public static partial void StepRequired(ILogger logger, string grantType, string userId, string step);

    [LoggerMessage(EventId = 2071, Level = LogLevel.Warning, Message = "Emulator grant {GrantType} refused ({Error}): {Description}")]
    public static partial void Refused(ILogger logger, string grantType, string error, string description);

    [LoggerMessage(EventId = 2072, Level = LogLevel.Information, Message = "Emulator sent a {Kind} email to {Email}.")]
    public static partial void EmailSent(ILogger logger, string kind, string email);

    [LoggerMessage(EventId = 2073, Level = LogLevel.Warning, Message = "Emulator refused {Method} {Path} ({Status}): {Reason}")]
    public static partial void RequestRefused(ILogger logger, string method, string path, int status, string reason);
}
