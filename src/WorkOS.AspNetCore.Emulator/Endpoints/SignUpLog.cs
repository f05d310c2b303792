using Microsoft.Extensions.Logging;

namespace WorkOS.AspNetCore.Emulator.Endpoints;

/// <summary>The hosted sign-up's log lines (event ids 2056-2059); the action call itself logs 2049-2050.</summary>
internal static partial class SignUpLog
{
    [LoggerMessage(EventId = 2056, Level = LogLevel.Warning, Message = "Emulator sign-up refused: {Reason}.")]
    public static partial void Refused(ILogger logger, string reason);

    [LoggerMessage(EventId = 2057, Level = LogLevel.Information, Message = "Emulator sign-up refused: a user with email {Email} already exists.")]
    public static partial void EmailTaken(ILogger logger, string email);

    [LoggerMessage(EventId = 2058, Level = LogLevel.Information, Message = "Emulator sign-up created user {UserId} ({Email}).")]
    public static partial void Created(ILogger logger, string userId, string email);

    [LoggerMessage(EventId = 2059, Level = LogLevel.Warning, Message = "Emulator sign-up of {Email} denied by user registration action {ActionId}; no user was created.")]
    public static partial void Denied(ILogger logger, string email, string actionId);
}
