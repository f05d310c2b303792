using Microsoft.Extensions.Logging;

namespace WorkOS.AspNetCore.Emulator.Webhooks;

/// <summary>The webhook deliveries' log lines (event ids 2040-2059).</summary>
internal static partial class WebhookLog
{
    [LoggerMessage(EventId = 2040, Level = LogLevel.Information, Message = "Emulator webhooks: {EventType} {EventId} delivered to {EndpointId} ({Status}) on attempt {Attempt}.")]
    public static partial void Delivered(ILogger logger, string eventType, string eventId, string endpointId, int status, int attempt);

    [LoggerMessage(EventId = 2041, Level = LogLevel.Warning, Message = "Emulator webhooks: {EventType} {EventId} to {EndpointId} attempt {Attempt} answered {Status}; retrying in {Delay}.")]
    public static partial void Retrying(ILogger logger, string eventType, string eventId, string endpointId, int attempt, string status, TimeSpan delay);

    [LoggerMessage(EventId = 2042, Level = LogLevel.Warning, Message = "Emulator webhooks: {EventType} {EventId} to {EndpointId} failed after {Attempts} attempts (last: {Status}); giving up.")]
    public static partial void GaveUp(ILogger logger, string eventType, string eventId, string endpointId, int attempts, string status);

    [LoggerMessage(EventId = 2043, Level = LogLevel.Information, Message = "Emulator webhooks: endpoint {EndpointId} registered for {Url}.")]
    public static partial void Registered(ILogger logger, string endpointId, string url);
}
