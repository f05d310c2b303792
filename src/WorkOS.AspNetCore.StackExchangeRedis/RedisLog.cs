using Microsoft.Extensions.Logging;

namespace WorkOS.AspNetCore.StackExchangeRedis;

/// <summary>Log messages of the Redis package (event ids 2101-2129; 2112-2115 for marks from WorkOS events). Never logs tokens or keys' values.</summary>
internal static partial class RedisLog
{
    [LoggerMessage(EventId = 2101, Level = LogLevel.Warning, Message = "Redis is unavailable ({Operation}); refreshes coordinate in this instance only, its sign-outs are kept here until Redis is back, and other sessions are accepted on their verified access tokens.")]
    public static partial void RedisUnavailable(this ILogger logger, string operation, Exception exception);

    [LoggerMessage(EventId = 2102, Level = LogLevel.Information, Message = "Redis is reachable again; sharing resumes.")]
    public static partial void RedisRecovered(this ILogger logger);

    [LoggerMessage(EventId = 2103, Level = LogLevel.Warning, Message = "Session {SessionId} was signed out while Redis is unavailable: refused on this instance now, on the others once Redis is back.")]
    public static partial void RevocationHeld(this ILogger logger, string sessionId);

    [LoggerMessage(EventId = 2104, Level = LogLevel.Information, Message = "Shared {Count} sign-outs kept on this instance while Redis was unavailable.")]
    public static partial void RevocationsShared(this ILogger logger, int count);

    [LoggerMessage(EventId = 2105, Level = LogLevel.Debug, Message = "The shared revoked-session list is unavailable; session {SessionId} is accepted on its verified access token.")]
    public static partial void RevokedListSkipped(this ILogger logger, string sessionId);

    [LoggerMessage(EventId = 2106, Level = LogLevel.Debug, Message = "Another instance is spending this refresh token; waiting for its result.")]
    public static partial void WaitingForOtherInstance(this ILogger logger);

    [LoggerMessage(EventId = 2107, Level = LogLevel.Warning, Message = "No result from the instance spending this refresh token within {Waited}; spending it here.")]
    public static partial void StoppedWaiting(this ILogger logger, TimeSpan waited);

    [LoggerMessage(EventId = 2108, Level = LogLevel.Information, Message = "Refreshing without the shared claim while Redis is unavailable: single flight in this instance only.")]
    public static partial void RefreshingLocally(this ILogger logger);

    [LoggerMessage(EventId = 2109, Level = LogLevel.Warning, Message = "A server-side session could not be read while Redis is unavailable; the request is treated as anonymous and the cookie is kept.")]
    public static partial void SessionUnreadable(this ILogger logger);

    [LoggerMessage(EventId = 2110, Level = LogLevel.Warning, Message = "A server-side session was signed in or renewed while Redis is unavailable; it is held on this instance and written to Redis when Redis is back.")]
    public static partial void SessionHeld(this ILogger logger);

    [LoggerMessage(EventId = 2111, Level = LogLevel.Warning, Message = "{Limit} server-side sessions are held on this instance while Redis is unavailable; the one that expires first was dropped to hold a new sign-in.")]
    public static partial void HeldSessionDropped(this ILogger logger, int limit);

    [LoggerMessage(EventId = 2116, Level = LogLevel.Warning, Message = "WorkOS event {EventId} is claimed on this instance only while Redis is unavailable: it is handled here, and another instance given it during the outage may handle it too.")]
    public static partial void WebhookClaimedLocally(this ILogger logger, string eventId);

    [LoggerMessage(EventId = 2117, Level = LogLevel.Information, Message = "Shared {Count} WorkOS event claims made on this instance while Redis was unavailable.")]
    public static partial void WebhookClaimsShared(this ILogger logger, int count);
    [LoggerMessage(EventId = 2112, Level = LogLevel.Warning, Message = "Tokens of user {UserId} in organization {OrganizationId} were revoked or marked for refresh while Redis is unavailable: applied on this instance now, on the others once Redis is back.")]
    public static partial void MarkHeld(this ILogger logger, string userId, string organizationId);
}
