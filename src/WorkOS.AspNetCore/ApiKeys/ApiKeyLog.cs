using Microsoft.Extensions.Logging;

namespace WorkOS.AspNetCore.ApiKeys;

/// <summary>
/// Log messages of the API key scheme (event ids 1450-1499). Never logs a key: only WorkOS's obfuscated value, or a
/// short fingerprint (the start of the key's SHA-256) for keys WorkOS did not accept.
/// </summary>
internal static partial class ApiKeyLog
{
    [LoggerMessage(EventId = 1451, Level = LogLevel.Debug, Message = "No API key in the request.")]
    public static partial void NoKey(this ILogger logger);

    public static void KeyRefused(this ILogger logger, string reason, string fingerprint, string description) =>
        LogKeyRefused(logger, reason, fingerprint, LogValue.Caller(description));

    [LoggerMessage(EventId = 1452, Level = LogLevel.Information, Message = "API key refused ({Reason}, fingerprint {Fingerprint}): {Description}")]
    private static partial void LogKeyRefused(ILogger logger, string reason, string fingerprint, string description);

    [LoggerMessage(EventId = 1453, Level = LogLevel.Debug, Message = "API key {KeyId} ({ObfuscatedValue}) accepted for {OwnerType} {OwnerId}.")]
    public static partial void KeyAccepted(this ILogger logger, string keyId, string? obfuscatedValue, string? ownerType, string? ownerId);

    public static void WorkOSUnavailable(this ILogger logger, string fingerprint, string error, Exception? exception) =>
        LogWorkOSUnavailable(logger, fingerprint, LogValue.Caller(error), exception);

    [LoggerMessage(EventId = 1454, Level = LogLevel.Warning, Message = "API key (fingerprint {Fingerprint}) could not be checked because WorkOS is unavailable ({Error}); answering 503.")]
    private static partial void LogWorkOSUnavailable(ILogger logger, string fingerprint, string error, Exception? exception);

    [LoggerMessage(EventId = 1455, Level = LogLevel.Error, Message = "WorkOS refused this app's credentials (status {StatusCode}) when validating an API key: check WorkOS:ApiKey. Answering 503.")]
    public static partial void AppCredentialsRefused(this ILogger logger, int statusCode);

    public static void Challenged(this ILogger logger, int statusCode, string error) =>
        LogChallenged(logger, statusCode, LogValue.Caller(error));

    [LoggerMessage(EventId = 1456, Level = LogLevel.Debug, Message = "Answering the API key challenge with {StatusCode} ({Error}).")]
    private static partial void LogChallenged(ILogger logger, int statusCode, string error);

    [LoggerMessage(EventId = 1457, Level = LogLevel.Debug, Message = "API-key-authenticated request forbidden: 403 insufficient_scope.")]
    public static partial void Forbidden(this ILogger logger);

    public static void RejectedByEvent(this ILogger logger, string keyId, string description) =>
        LogRejectedByEvent(logger, LogValue.Caller(keyId), LogValue.Caller(description));

    [LoggerMessage(EventId = 1458, Level = LogLevel.Information, Message = "API key {KeyId} refused by the OnKeyValidated event: {Description}")]
    private static partial void LogRejectedByEvent(ILogger logger, string keyId, string description);

    [LoggerMessage(EventId = 1459, Level = LogLevel.Warning, Message = "More than {Limit} unknown API keys within InvalidKeyCacheDuration; further answers about unknown keys are not cached until it ends.")]
    public static partial void CacheTrimmed(this ILogger logger, int limit);
}
