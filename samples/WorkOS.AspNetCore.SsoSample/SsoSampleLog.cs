namespace WorkOS.AspNetCore.SsoSample;

/// <summary>The sample's log lines (event ids 2150-2159).</summary>
internal static partial class SsoSampleLog
{
    [LoggerMessage(EventId = 2150, Level = LogLevel.Information, Message = "Created app user {UserId} for connection {ConnectionId} on first sign-in.")]
    public static partial void UserCreated(ILogger logger, int userId, string connectionId);

    [LoggerMessage(EventId = 2151, Level = LogLevel.Information, Message = "App user {UserId} signed in through connection {ConnectionId}.")]
    public static partial void UserSignedIn(ILogger logger, int userId, string connectionId);

    [LoggerMessage(EventId = 2152, Level = LogLevel.Warning, Message = "Refused a profile of organization {OrganizationId}, which this app does not serve.")]
    public static partial void OrganizationRefused(ILogger logger, string organizationId);

    [LoggerMessage(EventId = 2153, Level = LogLevel.Information, Message = "No SSO connection for the email domain the user typed; the sign-in page says so.")]
    public static partial void DomainUnknown(ILogger logger);

    [LoggerMessage(EventId = 2154, Level = LogLevel.Information, Message = "Sent magic link {SessionId}.")]
    public static partial void MagicLinkSent(ILogger logger, string sessionId);

    [LoggerMessage(EventId = 2155, Level = LogLevel.Warning, Message = "WorkOS refused the magic link ({ErrorCode}).")]
    public static partial void MagicLinkFailed(ILogger logger, string? errorCode);
}
