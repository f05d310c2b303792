using Microsoft.Extensions.Logging;

namespace WorkOS.AspNetCore.Emulator.Hosting;

/// <summary>The control API's log lines (event ids 2020-2039).</summary>
internal static partial class ControlLog
{
    [LoggerMessage(EventId = 2020, Level = LogLevel.Warning, Message = "Emulator control API: {Method} {Path} refused (403): the caller {RemoteAddress} is not on loopback.")]
    public static partial void NotLoopback(ILogger logger, string method, string path, string remoteAddress);

    [LoggerMessage(EventId = 2021, Level = LogLevel.Warning, Message = "Emulator control API: {Method} {Path} refused (403): Host '{Host}' is not a loopback host.")]
    public static partial void HostNotLoopback(ILogger logger, string method, string path, string host);

    [LoggerMessage(EventId = 2022, Level = LogLevel.Warning, Message = "Emulator control API: {Method} {Path} refused (403): Origin '{Origin}' is not a loopback origin.")]
    public static partial void OriginNotLoopback(ILogger logger, string method, string path, string origin);

    [LoggerMessage(EventId = 2023, Level = LogLevel.Warning, Message = "Emulator control API: {Method} {Path} refused (415): the body must be JSON, not '{ContentType}'.")]
    public static partial void NotJson(ILogger logger, string method, string path, string contentType);

    [LoggerMessage(EventId = 2024, Level = LogLevel.Warning, Message = "Emulator control API: {Method} {Path} rejected ({Status}): {Reason}")]
    public static partial void Rejected(ILogger logger, string method, string path, int status, string reason);

    [LoggerMessage(EventId = 2025, Level = LogLevel.Information, Message = "Emulator control API: {Method} {Path} applied.")]
    public static partial void Applied(ILogger logger, string method, string path);

    [LoggerMessage(EventId = 2026, Level = LogLevel.Warning, Message = "Emulator control API: the next sign-in, whoever starts it, signs in as {User}, impersonated by {Impersonator}.")]
    public static partial void ImpersonationArmed(ILogger logger, string user, string impersonator);
}
