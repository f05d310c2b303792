using Microsoft.Extensions.Logging;

namespace WorkOS.AspNetCore.Fga;

/// <summary>Log messages of WorkOS authorization (event ids 1300-1399). Never logs the API key or tokens.</summary>
internal static partial class FgaLog
{
    [LoggerMessage(EventId = 1301, Level = LogLevel.Debug, Message = "WorkOS authorized '{Permission}' on {Resource} for user {UserId} in {OrganizationId}.")]
    public static partial void CheckAllowed(this ILogger logger, string permission, WorkOSResource resource, string userId, string organizationId);

    [LoggerMessage(EventId = 1302, Level = LogLevel.Information, Message = "WorkOS denied '{Permission}' on {Resource} for user {UserId} in {OrganizationId}.")]
    public static partial void CheckDenied(this ILogger logger, string permission, WorkOSResource resource, string userId, string organizationId);

    [LoggerMessage(EventId = 1303, Level = LogLevel.Warning, Message = "The WorkOS check of '{Permission}' on {Resource} could not be decided ({Error}); denying with 503.")]
    public static partial void CheckUnavailable(this ILogger logger, string permission, WorkOSResource resource, string error, Exception? exception);

    [LoggerMessage(EventId = 1304, Level = LogLevel.Information, Message = "Denied '{Permission}': the session of user {UserId} has no organization.")]
    public static partial void NoOrganization(this ILogger logger, string permission, string? userId);

    [LoggerMessage(EventId = 1305, Level = LogLevel.Information, Message = "Denied '{Permission}': user {UserId} has no active membership in {OrganizationId}; no check was made.")]
    public static partial void NotMember(this ILogger logger, string permission, string? userId, string? organizationId);

    [LoggerMessage(EventId = 1306, Level = LogLevel.Warning, Message = "Looking up the membership of user {UserId} in {OrganizationId} failed ({Error}); denying with 503.")]
    public static partial void MembershipLookupFailed(this ILogger logger, string userId, string organizationId, string error, Exception? exception);

    [LoggerMessage(EventId = 1307, Level = LogLevel.Debug, Message = "Reusing this request's answer for '{Permission}' on {Resource}.")]
    public static partial void CheckMemoized(this ILogger logger, string permission, WorkOSResource resource);

    [LoggerMessage(EventId = 1308, Level = LogLevel.Warning, Message = "WorkOS refused the check of '{Permission}' on {Resource} with {StatusCode} ({Error}); denying.")]
    public static partial void CheckRejected(this ILogger logger, string permission, WorkOSResource resource, int statusCode, string error);

    [LoggerMessage(EventId = 1309, Level = LogLevel.Warning, Message = "Denied '{Permission}': the request does not name a resource (an empty route value, or no WorkOSResource passed to AuthorizeAsync).")]
    public static partial void NoResource(this ILogger logger, string permission);

    [LoggerMessage(EventId = 1310, Level = LogLevel.Error, Message = "An OnCheckFailed handler threw; the check stays denied.")]
    public static partial void EventHandlerFailed(this ILogger logger, Exception exception);

    [LoggerMessage(EventId = 1311, Level = LogLevel.Information, Message = "WorkOS does not know the membership {MembershipId} or the resource {Resource}; forgetting the cached membership and denying.")]
    public static partial void CheckNotFound(this ILogger logger, string membershipId, WorkOSResource resource);

    [LoggerMessage(EventId = 1312, Level = LogLevel.Error, Message = "Fine-grained checks need the WorkOS API key of scheme '{Scheme}', which is not configured; denying with 503.")]
    public static partial void ApiKeyMissing(this ILogger logger, string scheme);

    [LoggerMessage(EventId = 1320, Level = LogLevel.Debug, Message = "Policy '{PolicyName}' is not registered and has the shape of a permission; it requires that WorkOS permission.")]
    public static partial void PermissionPolicyCreated(this ILogger logger, string policyName);
}
