using Microsoft.Extensions.Logging;
using WorkOS.AspNetCore.Diagnostics;

namespace WorkOS.AspNetCore.Sso;

/// <summary>Log messages of the SSO scheme and the Magic Link service. Never logs secrets: no API key, code, token or verifier.</summary>
internal static partial class SsoLog
{
    [LoggerMessage(EventId = 1960, Level = LogLevel.Debug, Message = "Redirecting to WorkOS SSO at {AuthorizeEndpoint} ({Selector}).")]
    public static partial void RedirectingToSso(this ILogger logger, string authorizeEndpoint, string selector);

    public static void SelectorInvalid(this ILogger logger, string problem) => LogSelectorInvalid(logger, LogValue.Caller(problem));

    [LoggerMessage(EventId = 1961, Level = LogLevel.Error, Message = "SSO sign-in not started: {Problem}")]
    private static partial void LogSelectorInvalid(ILogger logger, string problem);

    public static void SsoSignInRefused(this ILogger logger, string error, int statusCode, string description) =>
        LogSsoSignInRefused(logger, LogValue.Caller(error), statusCode, LogValue.Caller(description));

    [LoggerMessage(EventId = 1962, Level = LogLevel.Warning, Message = "SSO sign-in refused ({Error}, status {StatusCode}): {Description}")]
    private static partial void LogSsoSignInRefused(ILogger logger, string error, int statusCode, string description);

    [LoggerMessage(EventId = 1963, Level = LogLevel.Information, Message = "Signed in SSO profile {ProfileId} (connection {ConnectionId}, organization {OrganizationId}).")]
    public static partial void SsoSignedIn(this ILogger logger, string profileId, string? connectionId, string? organizationId);

    public static void SsoReturnUrlNotLocal(this ILogger logger, string returnUrl, string fallback) =>
        LogSsoReturnUrlNotLocal(logger, LogValue.Caller(returnUrl), fallback);

    [LoggerMessage(EventId = 1964, Level = LogLevel.Warning, Message = "Return URL {ReturnUrl} refused: it is not a path of this app; using {Fallback}.")]
    private static partial void LogSsoReturnUrlNotLocal(ILogger logger, string returnUrl, string fallback);

    public static void SsoFailureResponse(this ILogger logger, int statusCode, string error) =>
        LogSsoFailureResponse(logger, statusCode, LogValue.Caller(error));

    [LoggerMessage(EventId = 1965, Level = LogLevel.Warning, Message = "The SSO callback failed and no event handled it; answering {StatusCode} ({Error}).")]
    private static partial void LogSsoFailureResponse(ILogger logger, int statusCode, string error);

    [LoggerMessage(EventId = 1966, Level = LogLevel.Information, Message = "Signed out SSO profile {ProfileId} (identity provider logout: {IdpLogout}).")]
    public static partial void SsoSignedOut(this ILogger logger, string? profileId, bool idpLogout);

    [LoggerMessage(EventId = 1967, Level = LogLevel.Warning, Message = "SSO logout could not be authorized at WorkOS ({Error}); signed out locally only.")]
    public static partial void SsoLogoutFailed(this ILogger logger, string? error);

    [LoggerMessage(EventId = 1968, Level = LogLevel.Information, Message = "Created magic link session {SessionId} for scheme {Scheme}.")]
    public static partial void MagicLinkCreated(this ILogger logger, string sessionId, string scheme);

    [LoggerMessage(EventId = 1969, Level = LogLevel.Information, Message = "Asked WorkOS to email magic link session {SessionId}.")]
    public static partial void MagicLinkSent(this ILogger logger, string sessionId);

    [LoggerMessage(EventId = 1970, Level = LogLevel.Information, Message = "SSO profile {ProfileId} rejected by the app: {Reason}")]
    public static partial void ProfileRejected(this ILogger logger, string profileId, string reason);

    [LoggerMessage(EventId = 1971, Level = LogLevel.Debug, Message = "Answering a non-navigation request with 401 instead of a redirect to WorkOS SSO.")]
    public static partial void SsoChallengeAsUnauthorized(this ILogger logger);
}
