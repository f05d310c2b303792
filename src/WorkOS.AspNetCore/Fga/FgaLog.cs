using Microsoft.Extensions.Logging;

namespace WorkOS.AspNetCore.Fga;

/// <summary>Log messages of WorkOS authorization (event ids 1300-1399). Never logs the API key or tokens.</summary>
internal static partial class FgaLog
{
    public static void CheckAllowed(this ILogger logger, string permission, WorkOSResource resource, string userId, string organizationId) =>
        LogCheckAllowed(logger, permission, LogValue.Caller(resource.ToString()), userId, organizationId);

    [LoggerMessage(EventId = 1301, Level = LogLevel.Debug, Message = "WorkOS authorized '{Permission}' on {Resource} for user {UserId} in {OrganizationId}.")]
    private static partial void LogCheckAllowed(ILogger logger, string permission, string resource, string userId, string organizationId);

    public static void CheckDenied(this ILogger logger, string permission, WorkOSResource resource, string userId, string organizationId) =>
        LogCheckDenied(logger, permission, LogValue.Caller(resource.ToString()), userId, organizationId);

    [LoggerMessage(EventId = 1302, Level = LogLevel.Information, Message = "WorkOS denied '{Permission}' on {Resource} for user {UserId} in {OrganizationId}.")]
    private static partial void LogCheckDenied(ILogger logger, string permission, string resource, string userId, string organizationId);

    public static void CheckUnavailable(this ILogger logger, string permission, WorkOSResource resource, string error, Exception? exception) =>
        LogCheckUnavailable(logger, permission, LogValue.Caller(resource.ToString()), LogValue.Caller(error), exception);

    [LoggerMessage(EventId = 1303, Level = LogLevel.Warning, Message = "The WorkOS check of '{Permission}' on {Resource} could not be decided ({Error}); denying with 503.")]
    private static partial void LogCheckUnavailable(ILogger logger, string permission, string resource, string error, Exception? exception);

    [LoggerMessage(EventId = 1304, Level = LogLevel.Information, Message = "Denied '{Permission}': the session of user {UserId} has no organization.")]
    public static partial void NoOrganization(this ILogger logger, string permission, string? userId);

    public static void NotMember(this ILogger logger, string permission, string? userId, string? organizationId) =>
        LogNotMember(logger, permission, userId, LogValue.Caller(organizationId));

    [LoggerMessage(EventId = 1305, Level = LogLevel.Information, Message = "Denied '{Permission}': user {UserId} has no active membership in {OrganizationId}; no check was made.")]
    private static partial void LogNotMember(ILogger logger, string permission, string? userId, string? organizationId);

    public static void MembershipLookupFailed(this ILogger logger, string userId, string organizationId, string error, Exception? exception) =>
        LogMembershipLookupFailed(logger, userId, LogValue.Caller(organizationId), LogValue.Caller(error), exception);

    [LoggerMessage(EventId = 1306, Level = LogLevel.Warning, Message = "Looking up the membership of user {UserId} in {OrganizationId} failed ({Error}); denying with 503.")]
    private static partial void LogMembershipLookupFailed(ILogger logger, string userId, string organizationId, string error, Exception? exception);

    public static void CheckMemoized(this ILogger logger, string permission, WorkOSResource resource) =>
        LogCheckMemoized(logger, permission, LogValue.Caller(resource.ToString()));

    [LoggerMessage(EventId = 1307, Level = LogLevel.Debug, Message = "Reusing this request's answer for '{Permission}' on {Resource}.")]
    private static partial void LogCheckMemoized(ILogger logger, string permission, string resource);

    public static void CheckRejected(this ILogger logger, string permission, WorkOSResource resource, int statusCode, string error) =>
        LogCheckRejected(logger, permission, LogValue.Caller(resource.ToString()), statusCode, LogValue.Caller(error));

    [LoggerMessage(EventId = 1308, Level = LogLevel.Warning, Message = "WorkOS refused the check of '{Permission}' on {Resource} with {StatusCode} ({Error}); denying.")]
    private static partial void LogCheckRejected(ILogger logger, string permission, string resource, int statusCode, string error);

    [LoggerMessage(EventId = 1309, Level = LogLevel.Warning, Message = "Denied '{Permission}': the request does not name a resource (an empty route value, or no WorkOSResource passed to AuthorizeAsync).")]
    public static partial void NoResource(this ILogger logger, string permission);

    public static void CheckNotFound(this ILogger logger, string membershipId, WorkOSResource resource) =>
        LogCheckNotFound(logger, membershipId, LogValue.Caller(resource.ToString()));

    [LoggerMessage(EventId = 1311, Level = LogLevel.Information, Message = "WorkOS does not know the membership {MembershipId} or the resource {Resource}; forgetting the cached membership and denying.")]
    private static partial void LogCheckNotFound(ILogger logger, string membershipId, string resource);

    [LoggerMessage(EventId = 1312, Level = LogLevel.Error, Message = "Fine-grained checks need the WorkOS API key of scheme '{Scheme}', which is not configured; denying with 503.")]
    public static partial void ApiKeyMissing(this ILogger logger, string scheme);

    [LoggerMessage(EventId = 1320, Level = LogLevel.Debug, Message = "Policy '{PolicyName}' is not registered and has the shape of a permission; it requires that WorkOS permission.")]
    public static partial void PermissionPolicyCreated(this ILogger logger, string policyName);
}
