using Microsoft.Extensions.Logging;

namespace WorkOS.AspNetCore.Connect;

/// <summary>Log messages of WorkOS Connect (event ids 1051-1062, 1063-1080). Never logs a token or a secret.</summary>
internal static partial class ConnectLog
{
    [LoggerMessage(EventId = 1051, Level = LogLevel.Information, Message = "Fetched the WorkOS Connect discovery document of {Domain} from {Address}: {KeyCount} signing keys.")]
    public static partial void DiscoveryFetched(this ILogger logger, string domain, string address, int keyCount);

    [LoggerMessage(EventId = 1052, Level = LogLevel.Warning, Message = "Fetching the WorkOS Connect discovery document or keys of {Domain} failed; {KeyCount} keys already known keep verifying tokens.")]
    public static partial void DiscoveryFailed(this ILogger logger, string domain, int keyCount, Exception exception);

    [LoggerMessage(EventId = 1053, Level = LogLevel.Information, Message = "WorkOS Connect token refused ({Reason}): {Description}")]
    public static partial void TokenRefused(this ILogger logger, string reason, string description);

    [LoggerMessage(EventId = 1054, Level = LogLevel.Debug, Message = "WorkOS Connect token accepted for {Subject} (client {ClientId}, organization {OrganizationId}, machine {Machine}).")]
    public static partial void TokenAccepted(this ILogger logger, string? subject, string? clientId, string? organizationId, bool machine);

    [LoggerMessage(EventId = 1055, Level = LogLevel.Information, Message = "WorkOS Connect request forbidden: 403 insufficient_scope (missing '{Scope}').")]
    public static partial void InsufficientScope(this ILogger logger, string scope);

    [LoggerMessage(EventId = 1056, Level = LogLevel.Information, Message = "WorkOS Connect token refused: introspection says it is not active.")]
    public static partial void IntrospectionInactive(this ILogger logger);

    [LoggerMessage(EventId = 1057, Level = LogLevel.Warning, Message = "WorkOS Connect token not accepted: introspection at {Address} failed; answering 503.")]
    public static partial void IntrospectionFailed(this ILogger logger, string? address, Exception? exception);

    [LoggerMessage(EventId = 1058, Level = LogLevel.Debug, Message = "Answering the WorkOS Connect challenge with {StatusCode} ({Error}).")]
    public static partial void Challenged(this ILogger logger, int statusCode, string error);

    [LoggerMessage(EventId = 1060, Level = LogLevel.Information, Message = "Got a client credentials token for {ClientId} from {TokenEndpoint}, valid for {Seconds} s.")]
    public static partial void ClientTokenFetched(this ILogger logger, string clientId, string tokenEndpoint, long seconds);

    [LoggerMessage(EventId = 1061, Level = LogLevel.Warning, Message = "Getting a client credentials token for {ClientId} from {TokenEndpoint} failed: {Reason}")]
    public static partial void ClientTokenFailed(this ILogger logger, string clientId, string tokenEndpoint, string reason, Exception? exception);

    [LoggerMessage(EventId = 1062, Level = LogLevel.Information, Message = "{Method} {Host} answered 401 to the client credentials token of {ClientId}; retrying once with a fresh token.")]
    public static partial void ClientTokenRejected(this ILogger logger, string method, string host, string clientId);

    [LoggerMessage(EventId = 1063, Level = LogLevel.Information, Message = "WorkOS Connect request refused with 401: the Authorization header {Problem}.")]
    public static partial void HeaderRefused(this ILogger logger, string problem);

    [LoggerMessage(EventId = 1064, Level = LogLevel.Debug, Message = "Policy '{PolicyName}' built as a WorkOS Connect scope policy.")]
    public static partial void ScopePolicyCreated(this ILogger logger, string policyName);
}
