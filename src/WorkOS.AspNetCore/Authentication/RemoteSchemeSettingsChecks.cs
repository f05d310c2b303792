using Microsoft.AspNetCore.Http;

namespace WorkOS.AspNetCore.Authentication;

/// <summary>
/// The startup checks the AuthKit and SSO schemes share: the WorkOS client settings, the callback and the pending
/// sign-in limit, each with a message that says what to set.
/// </summary>
internal static class RemoteSchemeSettingsChecks
{
    /// <param name="errors">Where problems are added.</param>
    /// <param name="label">How messages name the scheme's settings: <c>WorkOS</c> or <c>WorkOS SSO</c>.</param>
    /// <param name="clientId">The WorkOS client id.</param>
    /// <param name="apiKey">The WorkOS API key.</param>
    /// <param name="apiBaseUrl">The WorkOS API base URL.</param>
    /// <param name="allowHttpApiBaseUrl">Whether a plain-http API base URL is allowed outside Development.</param>
    /// <param name="isDevelopment">Whether the app runs in Development, where a plain-http API base URL is allowed.</param>
    /// <param name="callbackPath">The scheme's callback path.</param>
    /// <param name="exampleCallbackPath">The default callback path, for the message.</param>
    /// <param name="redirectUri">The fixed redirect URI, if one is set.</param>
    /// <param name="maxPendingSignIns">The most sign-ins one browser may have pending.</param>
    public static void Add(List<string> errors, string label, string clientId, string apiKey, string apiBaseUrl,
        bool allowHttpApiBaseUrl, bool isDevelopment,
        PathString callbackPath, string exampleCallbackPath, string? redirectUri, int maxPendingSignIns)
    {
        if (string.IsNullOrWhiteSpace(clientId))
        {
            errors.Add("WorkOS ClientId is missing: set WorkOS:ClientId in configuration or the WORKOS_CLIENT_ID environment variable.");
        }

        if (string.IsNullOrWhiteSpace(apiKey))
        {
            errors.Add("WorkOS ApiKey is missing: set WorkOS:ApiKey in configuration or the WORKOS_API_KEY environment variable.");
        }

        if (!Uri.TryCreate(apiBaseUrl, UriKind.Absolute, out var baseUrl) || (baseUrl.Scheme != Uri.UriSchemeHttps && baseUrl.Scheme != Uri.UriSchemeHttp))
        {
            errors.Add($"WorkOS ApiBaseUrl '{apiBaseUrl}' is not an absolute http(s) URL.");
        }
        else if (baseUrl.Scheme != Uri.UriSchemeHttps && !isDevelopment && !allowHttpApiBaseUrl)
        {
            errors.Add($"WorkOS ApiBaseUrl '{apiBaseUrl}' must use https outside Development: to call a WorkOS stand-in over plain http, set WorkOS:AllowHttpApiBaseUrl (AllowHttpApiBaseUrl) to true.");
        }

        if (!callbackPath.HasValue)
        {
            errors.Add($"{label} CallbackPath must be a path starting with '/', for example {exampleCallbackPath}.");
        }

        if (redirectUri is { Length: > 0 } redirect && !Uri.TryCreate(redirect, UriKind.Absolute, out _))
        {
            errors.Add($"{label} RedirectUri '{redirect}' must be an absolute URL.");
        }

        if (maxPendingSignIns is < 1 or > 20)
        {
            errors.Add($"{label} MaxPendingSignIns must be between 1 and 20.");
        }
    }
}
