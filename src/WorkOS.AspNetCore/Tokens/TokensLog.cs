using Microsoft.Extensions.Logging;

namespace WorkOS.AspNetCore.Tokens;

/// <summary>Log messages of access token verification (event ids 1600-1649). Never logs a token.</summary>
internal static partial class TokensLog
{
    [LoggerMessage(EventId = 1601, Level = LogLevel.Information, Message = "Fetched the WorkOS signing keys from {JwksUrl} ({Reason}): {KeyCount} keys.")]
    private static partial void KeysFetched(this ILogger logger, string jwksUrl, string reason, int keyCount);

    public static void SigningKeysFetched(this ILogger logger, string jwksUrl, AccessTokenSource source, int keyCount) =>
        logger.KeysFetched(jwksUrl, source switch
        {
            AccessTokenSource.HealthCheck => "a health probe",
            AccessTokenSource.WorkOS => "an unknown key id in a token from WorkOS",
            _ => "an unknown key id in a request's token",
        }, keyCount);

    [LoggerMessage(EventId = 1602, Level = LogLevel.Warning, Message = "Fetching the WorkOS signing keys from {JwksUrl} failed ({Source}); the {KeyCount} keys already known keep verifying tokens.")]
    public static partial void SigningKeysFetchFailed(this ILogger logger, string jwksUrl, AccessTokenSource source, int keyCount, Exception exception);
}
