using Microsoft.Extensions.Logging;

namespace WorkOS.AspNetCore.Emulator.Endpoints;

/// <summary>The log lines of the emulator's SSO and Magic Link endpoints (event ids 2060-2079).</summary>
internal static partial class SsoLog
{
    public const string Category = "WorkOS.AspNetCore.Emulator.Sso";

    [LoggerMessage(EventId = 2060, Level = LogLevel.Information, Message = "Emulator SSO authorize refused with a page: {Reason}")]
    public static partial void AuthorizePageError(ILogger logger, string reason);

    [LoggerMessage(EventId = 2061, Level = LogLevel.Information, Message = "Emulator SSO authorize answered {Error} to the redirect URI: {Description}")]
    public static partial void AuthorizeRedirectError(ILogger logger, string error, string description);

    [LoggerMessage(EventId = 2062, Level = LogLevel.Information, Message = "Emulator SSO code issued for profile {ProfileId} of connection {ConnectionId}.")]
    public static partial void CodeIssued(ILogger logger, string profileId, string connectionId);

    [LoggerMessage(EventId = 2063, Level = LogLevel.Warning, Message = "Emulator /sso/token refused ({Status} {Error}): {Description}")]
    public static partial void TokenRefused(ILogger logger, int status, string error, string description);

    [LoggerMessage(EventId = 2064, Level = LogLevel.Warning, Message = "Emulator /sso/profile refused: the access token is missing or unknown.")]
    public static partial void ProfileRefused(ILogger logger);

    [LoggerMessage(EventId = 2065, Level = LogLevel.Warning, Message = "Emulator SSO logout refused: {Reason}")]
    public static partial void LogoutRefused(ILogger logger, string reason);

    [LoggerMessage(EventId = 2066, Level = LogLevel.Warning, Message = "Emulator passwordless request refused ({Status}): {Reason}")]
    public static partial void PasswordlessRefused(ILogger logger, int status, string reason);

    [LoggerMessage(EventId = 2067, Level = LogLevel.Information, Message = "Emulator Magic Link for passwordless session {SessionId} put in the outbox.")]
    public static partial void MagicLinkSent(ILogger logger, string sessionId);

    [LoggerMessage(EventId = 2068, Level = LogLevel.Warning, Message = "Emulator Magic Link refused: {Reason}")]
    public static partial void MagicLinkRefused(ILogger logger, string reason);
}
