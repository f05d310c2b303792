using Microsoft.Extensions.Logging;

namespace WorkOS.AspNetCore.Session;

/// <summary>Log messages of revocation from events and of the marks it leaves (event ids 1920-1929).</summary>
internal static partial class SessionMarkLog
{
    [LoggerMessage(EventId = 1920, Level = LogLevel.Information, Message = "WorkOS event {EventId} ({EventType}): session {SessionId} is on the revoked-session list until {Until:O}.")]
    public static partial void SessionRevokedByEvent(this ILogger logger, string eventId, string eventType, string sessionId, DateTimeOffset until);

    [LoggerMessage(EventId = 1921, Level = LogLevel.Information, Message = "WorkOS event {EventId} ({EventType}): tokens of user {UserId} in organization {OrganizationId} issued before {Before:O} are refused (kept until {Until:O}).")]
    public static partial void SubjectRevokedByEvent(this ILogger logger, string eventId, string eventType, string userId, string organizationId, DateTimeOffset before, DateTimeOffset until);

    [LoggerMessage(EventId = 1922, Level = LogLevel.Information, Message = "WorkOS event {EventId} ({EventType}): sessions of user {UserId} in organization {OrganizationId} with tokens issued before {Before:O} refresh at their next request (kept until {Until:O}).")]
    public static partial void RefreshMarkedByEvent(this ILogger logger, string eventId, string eventType, string userId, string organizationId, DateTimeOffset before, DateTimeOffset until);

    [LoggerMessage(EventId = 1923, Level = LogLevel.Warning, Message = "WorkOS event {EventId} ({EventType}) revokes nothing: {Reason}.")]
    public static partial void EventNotApplied(this ILogger logger, string eventId, string eventType, string reason);

    [LoggerMessage(EventId = 1924, Level = LogLevel.Warning, Message = "WorkOS event {EventId} ({EventType}) is applied on this instance, but the shared revoked-session list could not be written; the event is retried.")]
    public static partial void MarkNotShared(this ILogger logger, string eventId, string eventType, Exception exception);

    [LoggerMessage(EventId = 1925, Level = LogLevel.Information, Message = "Session {SessionId} refreshes early: its user's roles, permissions or membership changed after its access token was issued.")]
    public static partial void EarlyRefresh(this ILogger logger, string? sessionId);

    [LoggerMessage(EventId = 1926, Level = LogLevel.Information, Message = "Refused a token of session {SessionId}: its user or membership was revoked after the token was issued.")]
    public static partial void SubjectRevokedRefused(this ILogger logger, string? sessionId);

    [LoggerMessage(EventId = 1927, Level = LogLevel.Information, Message = "Refused a bearer token of session {SessionId}: its user's roles, permissions or membership changed after it was issued; the caller must refresh it.")]
    public static partial void BearerRefreshRequired(this ILogger logger, string? sessionId);

    [LoggerMessage(EventId = 1928, Level = LogLevel.Information, Message = "Revocation from WorkOS events is off (WorkOS:Webhooks:RevokeSessionsFromEvents); event {EventId} ({EventType}) revokes nothing.")]
    public static partial void RevocationOff(this ILogger logger, string eventId, string eventType);
}
