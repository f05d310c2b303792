using Microsoft.Extensions.Logging;

namespace WorkOS.AspNetCore.Widgets;

/// <summary>Log messages of widget tokens (event ids 1021-1034). Never logs a token.</summary>
internal static partial class WidgetLog
{
    [LoggerMessage(EventId = 1021, Level = LogLevel.Debug, Message = "Issued a widget token for {UserId} in {OrganizationId} ({Scopes}), reused until {RefreshAt:O}.")]
    public static partial void WidgetTokenIssued(this ILogger logger, string userId, string organizationId, string scopes, DateTimeOffset refreshAt);

    [LoggerMessage(EventId = 1022, Level = LogLevel.Warning, Message = "Widget token refused before calling WorkOS: no WorkOS session is signed in.")]
    public static partial void WidgetTokenNotSignedIn(this ILogger logger);

    [LoggerMessage(EventId = 1023, Level = LogLevel.Warning, Message = "Widget token refused before calling WorkOS: the session of {UserId} is not in an organization.")]
    public static partial void WidgetTokenNoOrganization(this ILogger logger, string userId);

    [LoggerMessage(EventId = 1024, Level = LogLevel.Warning, Message = "Widget token refused before calling WorkOS: {Reason}.")]
    public static partial void WidgetTokenInvalidScopes(this ILogger logger, string reason);

    [LoggerMessage(EventId = 1025, Level = LogLevel.Warning, Message = "WorkOS gave no widget token for {UserId} in {OrganizationId} ({StatusCode}, {ErrorCode}); transient: {Transient}.")]
    public static partial void WidgetTokenFailed(this ILogger logger, string userId, string organizationId, int? statusCode, string? errorCode, bool transient,
        Exception exception);
}
