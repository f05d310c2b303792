using Microsoft.Extensions.Logging;

namespace WorkOS.AspNetCore.HealthChecks;

/// <summary>The log lines of the health checks (event ids 1860-1879).</summary>
internal static partial class HealthCheckLog
{
    [LoggerMessage(EventId = 1860, Level = LogLevel.Warning, Message = "Health check {Check}: the WorkOS signing keys at {JwksUrl} could not be fetched or used.")]
    public static partial void SigningKeysUnhealthy(this ILogger logger, string check, string jwksUrl, Exception exception);

    [LoggerMessage(EventId = 1861, Level = LogLevel.Warning, Message = "Health check {Check}: WorkOS refused the configured API key ({StatusCode}).")]
    public static partial void ApiKeyRefused(this ILogger logger, string check, int statusCode);

    [LoggerMessage(EventId = 1862, Level = LogLevel.Warning, Message = "Health check {Check}: WorkOS could not be asked whether the configured API key is accepted ({Error}).")]
    public static partial void ApiKeyUnverified(this ILogger logger, string check, string error, Exception? exception);

    [LoggerMessage(EventId = 1863, Level = LogLevel.Warning, Message = "Health check {Check}: no WorkOS {Setting} is configured.")]
    public static partial void NotConfigured(this ILogger logger, string check, string setting);
}
