using Microsoft.Extensions.Logging;

namespace WorkOS.AspNetCore.Emulator.Endpoints;

/// <summary>The log lines of the emulator's widget token and Admin Portal endpoints (event ids 2210-2229). Never logs a token.</summary>
internal static partial class WidgetPortalLog
{
    public const string Category = "WorkOS.AspNetCore.Emulator.Widgets";

    [LoggerMessage(EventId = 2210, Level = LogLevel.Warning, Message = "Emulator /widgets/token refused ({Status} {Code}): {Reason}")]
    public static partial void WidgetTokenRefused(ILogger logger, int status, string code, string reason);

    [LoggerMessage(EventId = 2211, Level = LogLevel.Information,
        Message = "Emulator issued a widget token for user {UserId} in organization {OrganizationId} with scopes '{Scopes}'.")]
    public static partial void WidgetTokenIssued(ILogger logger, string? userId, string organizationId, string scopes);

    [LoggerMessage(EventId = 2212, Level = LogLevel.Warning, Message = "Emulator /portal/generate_link refused ({Status} {Code}): {Reason}")]
    public static partial void PortalLinkRefused(ILogger logger, int status, string code, string reason);

    [LoggerMessage(EventId = 2213, Level = LogLevel.Information,
        Message = "Emulator generated an Admin Portal link for organization {OrganizationId} with intent {Intent}, expiring at {ExpiresAt:O}.")]
    public static partial void PortalLinkGenerated(ILogger logger, string organizationId, string intent, DateTimeOffset expiresAt);

    [LoggerMessage(EventId = 2214, Level = LogLevel.Warning, Message = "Emulator Admin Portal page refused ({Status}): {Reason}")]
    public static partial void PortalPageRefused(ILogger logger, int status, string reason);
}
