using Microsoft.Extensions.Logging;

namespace WorkOS.AspNetCore.AdminPortal;

/// <summary>Log messages of the Admin Portal endpoint (event ids 1035-1049). Never logs a link's query (it carries its token).</summary>
internal static partial class AdminPortalLog
{
    [LoggerMessage(EventId = 1035, Level = LogLevel.Information, Message = "Sent {UserId} to the Admin Portal of {OrganizationId} ({Intent}) on {LinkHost}.")]
    public static partial void PortalLinkIssued(this ILogger logger, string userId, string organizationId, string intent, string linkHost);

    [LoggerMessage(EventId = 1036, Level = LogLevel.Warning, Message = "Admin Portal request for an unknown intent '{Intent}'; answering 404.")]
    public static partial void PortalUnknownIntent(this ILogger logger, string intent);

    [LoggerMessage(EventId = 1037, Level = LogLevel.Error, Message = "The Admin Portal endpoint {Path} has no authorization policy (or allows anonymous callers); answering 403. Add one with .RequireAuthorization(\"policy\") on MapWorkOSAdminPortal.")]
    public static partial void PortalWithoutPolicy(this ILogger logger, string path);

    [LoggerMessage(EventId = 1038, Level = LogLevel.Information, Message = "Admin Portal request without a WorkOS session; challenging {Scheme}.")]
    public static partial void PortalNotSignedIn(this ILogger logger, string scheme);

    [LoggerMessage(EventId = 1039, Level = LogLevel.Warning, Message = "Admin Portal request by {UserId}, whose session is not in an organization; answering 403.")]
    public static partial void PortalNoOrganization(this ILogger logger, string? userId);

    [LoggerMessage(EventId = 1040, Level = LogLevel.Warning, Message = "WorkOS gave no Admin Portal link for {OrganizationId} ({Intent}): {StatusCode}, {ErrorCode}; answering 502.")]
    public static partial void PortalLinkFailed(this ILogger logger, string organizationId, string intent, int? statusCode, string? errorCode, Exception exception);

    [LoggerMessage(EventId = 1041, Level = LogLevel.Error, Message = "WorkOS answered an Admin Portal link to {Link}, not an https URL on the portal hosts ({Hosts}) or the API's origin; answering 502, not redirecting.")]
    public static partial void PortalLinkRefused(this ILogger logger, string link, string hosts);
}
