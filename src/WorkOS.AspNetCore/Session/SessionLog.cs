using Microsoft.Extensions.Logging;

namespace WorkOS.AspNetCore.Session;

/// <summary>Log messages of session refresh, sign-out and organization switching. Never logs tokens.</summary>
internal static partial class SessionLog
{
    [LoggerMessage(EventId = 1201, Level = LogLevel.Debug, Message = "Refreshing the access token of session {SessionId} (expires {ExpiresAt:O}).")]
    public static partial void Refreshing(this ILogger logger, string? sessionId, DateTimeOffset expiresAt);

    [LoggerMessage(EventId = 1202, Level = LogLevel.Information, Message = "Refreshed session {SessionId}; the new access token expires {ExpiresAt:O}.")]
    public static partial void Refreshed(this ILogger logger, string? sessionId, DateTime expiresAt);

    [LoggerMessage(EventId = 1203, Level = LogLevel.Debug, Message = "A request carried an already spent refresh token; using the session that replaced it.")]
    public static partial void UsedRecentResult(this ILogger logger);

    public static void RefreshTransient(this ILogger logger, string? sessionId, string error, DateTimeOffset retryAt) =>
        LogRefreshTransient(logger, sessionId, LogValue.Caller(error), retryAt);

    [LoggerMessage(EventId = 1204, Level = LogLevel.Warning, Message = "Refreshing session {SessionId} failed transiently ({Error}); the user stays signed in while the token is valid, retry after {RetryAt:O}.")]
    private static partial void LogRefreshTransient(ILogger logger, string? sessionId, string error, DateTimeOffset retryAt);

    public static void SessionEnded(this ILogger logger, string? sessionId, string error) =>
        LogSessionEnded(logger, sessionId, LogValue.Caller(error));

    [LoggerMessage(EventId = 1205, Level = LogLevel.Information, Message = "The WorkOS session {SessionId} has ended ({Error}); signing the user out.")]
    private static partial void LogSessionEnded(ILogger logger, string? sessionId, string error);

    [LoggerMessage(EventId = 1206, Level = LogLevel.Warning, Message = "The access token of session {SessionId} expired and could not be refreshed; the request is treated as anonymous.")]
    public static partial void ExpiredWithoutRefresh(this ILogger logger, string? sessionId);

    [LoggerMessage(EventId = 1207, Level = LogLevel.Debug, Message = "Skipping the refresh of session {SessionId} until {RetryAt:O} after a transient failure.")]
    public static partial void BackingOff(this ILogger logger, string? sessionId, DateTimeOffset retryAt);

    public static void SwitchedOrganization(this ILogger logger, string? sessionId, string organizationId) =>
        LogSwitchedOrganization(logger, sessionId, LogValue.Caller(organizationId));

    [LoggerMessage(EventId = 1208, Level = LogLevel.Information, Message = "Session {SessionId} switched to organization {OrganizationId}.")]
    private static partial void LogSwitchedOrganization(ILogger logger, string? sessionId, string organizationId);

    public static void SwitchNeedsSignIn(this ILogger logger, string? sessionId, string organizationId, string error) =>
        LogSwitchNeedsSignIn(logger, sessionId, LogValue.Caller(organizationId), LogValue.Caller(error));

    [LoggerMessage(EventId = 1209, Level = LogLevel.Information, Message = "Switching session {SessionId} to organization {OrganizationId} needs a new sign-in ({Error}).")]
    private static partial void LogSwitchNeedsSignIn(ILogger logger, string? sessionId, string organizationId, string error);

    [LoggerMessage(EventId = 1210, Level = LogLevel.Information, Message = "Another instance is spending this refresh token; waiting for its result.")]
    public static partial void WaitingForOtherInstance(this ILogger logger);

    [LoggerMessage(EventId = 1820, Level = LogLevel.Warning, Message = "No result from the instance spending this refresh token within {Waited}; spending it here.")]
    public static partial void StoppedWaitingForOtherInstance(this ILogger logger, TimeSpan waited);

    [LoggerMessage(EventId = 1821, Level = LogLevel.Warning, Message = "The refresh coordinator failed for session {SessionId}; the refresh counts as a transient failure and the user stays signed in while the token is valid.")]
    public static partial void CoordinationFailed(this ILogger logger, string? sessionId, Exception exception);

    public static void SwitchRefused(this ILogger logger, string? sessionId, string organizationId, string error) =>
        LogSwitchRefused(logger, sessionId, LogValue.Caller(organizationId), LogValue.Caller(error));

    [LoggerMessage(EventId = 1211, Level = LogLevel.Information, Message = "WorkOS refused to switch session {SessionId} to organization {OrganizationId} ({Error}); the session is unchanged.")]
    private static partial void LogSwitchRefused(ILogger logger, string? sessionId, string organizationId, string error);

    public static void SwitchTooLarge(this ILogger logger, string? sessionId, string organizationId) =>
        LogSwitchTooLarge(logger, sessionId, LogValue.Caller(organizationId));

    [LoggerMessage(EventId = 1090, Level = LogLevel.Error, Message = "Session {SessionId} was not switched to organization {OrganizationId}: the new session does not fit in one iron session cookie (see event 1952). The browser keeps its cookie. Trim the access token's claims (roles, permissions, JWT template) or use the default session cookie format.")]
    private static partial void LogSwitchTooLarge(ILogger logger, string? sessionId, string organizationId);

    [LoggerMessage(EventId = 1092, Level = LogLevel.Information, Message = "Session {SessionId} was switched back to organization {OrganizationId} after a switch whose session did not fit; the browser's cookie holds that session.")]
    public static partial void SwitchedBack(this ILogger logger, string? sessionId, string organizationId);

    [LoggerMessage(EventId = 1093, Level = LogLevel.Warning, Message = "Session {SessionId} could not be switched back after a switch whose session did not fit ({Reason}); the browser keeps its cookie until its access token expires.")]
    public static partial void SwitchBackFailed(this ILogger logger, string? sessionId, string reason);

    [LoggerMessage(EventId = 1212, Level = LogLevel.Information, Message = "A request of session {SessionId} carried a refresh token that was already spent and can no longer be replayed; it is not spent again.")]
    public static partial void StaleRefreshToken(this ILogger logger, string? sessionId);

    [LoggerMessage(EventId = 1213, Level = LogLevel.Information, Message = "Refused a cookie of session {SessionId}: the session was signed out or revoked.")]
    public static partial void RevokedSessionRefused(this ILogger logger, string? sessionId);

    [LoggerMessage(EventId = 1214, Level = LogLevel.Warning, Message = "The revoked-session list could not be read for session {SessionId}; the request is treated as anonymous.")]
    public static partial void RevokedListUnavailable(this ILogger logger, string? sessionId, Exception exception);

    [LoggerMessage(EventId = 1215, Level = LogLevel.Information, Message = "Session {SessionId} is on the revoked-session list until {Until:O}.")]
    public static partial void SessionRevoked(this ILogger logger, string sessionId, DateTimeOffset until);

    [LoggerMessage(EventId = 1216, Level = LogLevel.Error, Message = "Session {SessionId} could not be added to the shared revoked-session list; other instances accept its cookie until its access token expires.")]
    public static partial void RevokeNotShared(this ILogger logger, string sessionId, Exception exception);

    [LoggerMessage(EventId = 1217, Level = LogLevel.Information, Message = "Refused a session cookie that does not read ({Reason}); the request is treated as anonymous.")]
    public static partial void SessionCookieRefused(this ILogger logger, string reason);
}
