using Microsoft.Extensions.Logging;

namespace WorkOS.AspNetCore.Emulator.Actions;

/// <summary>The AuthKit Actions calls' log lines (event ids 2048-2051). Never logs a secret.</summary>
internal static partial class ActionLog
{
    [LoggerMessage(EventId = 2048, Level = LogLevel.Information, Message = "Emulator actions: the {Kind} action calls {Url}.")]
    public static partial void Registered(ILogger logger, string kind, string url);

    [LoggerMessage(EventId = 2049, Level = LogLevel.Information, Message = "Emulator actions: {Kind} action {ActionId} for {UserId} answered {Verdict}.")]
    public static partial void Answered(ILogger logger, string kind, string actionId, string userId, string verdict);

    [LoggerMessage(EventId = 2050, Level = LogLevel.Warning, Message = "Emulator actions: {Kind} action {ActionId} for {UserId} to {Url} is denied, as WorkOS does by default: {Problem}.")]
    public static partial void Invalid(ILogger logger, string kind, string actionId, string userId, string url, string problem);
}
