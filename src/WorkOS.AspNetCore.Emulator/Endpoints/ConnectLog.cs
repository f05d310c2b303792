using Microsoft.Extensions.Logging;

namespace WorkOS.AspNetCore.Emulator.Endpoints;

/// <summary>The log lines of the emulator's WorkOS Connect endpoints (event ids 2190-2209). Never logs a secret or a token.</summary>
internal static partial class ConnectLog
{
    public const string Category = "WorkOS.AspNetCore.Emulator.Connect";

    [LoggerMessage(EventId = 2190, Level = LogLevel.Warning, Message = "Emulator /oauth2/token refused ({Status} {Error}): {Description}")]
    public static partial void TokenRefused(ILogger logger, int status, string error, string description);

    [LoggerMessage(EventId = 2191, Level = LogLevel.Information, Message = "Emulator issued a Connect token {Jti} to {ClientId} for scopes '{Scope}'.")]
    public static partial void TokenIssued(ILogger logger, string jti, string clientId, string scope);

    [LoggerMessage(EventId = 2192, Level = LogLevel.Warning, Message = "Emulator /oauth2/introspection refused ({Status} {Error}): {Description}")]
    public static partial void IntrospectionRefused(ILogger logger, int status, string error, string description);

    [LoggerMessage(EventId = 2193, Level = LogLevel.Information, Message = "Emulator introspection answered inactive: {Reason}")]
    public static partial void IntrospectionInactive(ILogger logger, string reason);

    [LoggerMessage(EventId = 2194, Level = LogLevel.Information, Message = "Emulator Connect token {Jti} revoked.")]
    public static partial void TokenRevoked(ILogger logger, string jti);
}
