using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace WorkOS.AspNetCore.Emulator.Endpoints;

/// <summary>
/// The custom sign-in grants' and their endpoints' log lines (event ids 2069-2089). Values a caller chooses (emails,
/// ids in refusal reasons) are logged JSON-escaped (control, non-ASCII and bidirectional characters as <c>\uXXXX</c>)
/// and cut at 200 characters, so a request cannot forge or hide a log line. Codes and tokens are never logged.
/// </summary>
internal static partial class SignInFlowLog
{
    private const int MaxLength = 200;

    [LoggerMessage(EventId = 2069, Level = LogLevel.Information, Message = "Emulator grant {GrantType} signed in user {UserId} (session {SessionId}).")]
    public static partial void SignedIn(ILogger logger, string grantType, string userId, string sessionId);

    [LoggerMessage(EventId = 2070, Level = LogLevel.Information, Message = "Emulator grant {GrantType} for user {UserId} needs another step: {Step}.")]
    public static partial void StepRequired(ILogger logger, string grantType, string userId, string step);

    public static void Refused(ILogger logger, string grantType, string error, string description) =>
        LogRefused(logger, grantType, error, Caller(description));

    public static void EmailSent(ILogger logger, string kind, string email) => LogEmailSent(logger, kind, Caller(email));

    public static void RequestRefused(ILogger logger, string method, string path, int status, string reason) =>
        LogRequestRefused(logger, method, Caller(path), status, Caller(reason));

    [LoggerMessage(EventId = 2074, Level = LogLevel.Warning, Message = "Emulator grant {GrantType} rate limited; retry after {RetryAfterSeconds} s.")]
    public static partial void RateLimited(ILogger logger, string grantType, int retryAfterSeconds);

    /// <summary>A caller's value as it is logged: JSON-escaped, at most <see cref="MaxLength"/> characters of it.</summary>
    internal static string Caller(string value) =>
        value.Length > MaxLength
            ? JsonEncodedText.Encode(value.AsSpan(0, MaxLength)).ToString() + $"...({value.Length} chars)"
            : JsonEncodedText.Encode(value).ToString();

    [LoggerMessage(EventId = 2071, Level = LogLevel.Warning, Message = "Emulator grant {GrantType} refused ({Error}): {Description}")]
    private static partial void LogRefused(ILogger logger, string grantType, string error, string description);

    [LoggerMessage(EventId = 2072, Level = LogLevel.Information, Message = "Emulator sent a {Kind} email to {Email}.")]
    private static partial void LogEmailSent(ILogger logger, string kind, string email);

    [LoggerMessage(EventId = 2073, Level = LogLevel.Warning, Message = "Emulator refused {Method} {Path} ({Status}): {Reason}")]
    private static partial void LogRequestRefused(ILogger logger, string method, string path, int status, string reason);
}
