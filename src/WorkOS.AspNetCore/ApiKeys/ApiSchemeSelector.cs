using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using WorkOS.AspNetCore.Http;

namespace WorkOS.AspNetCore.ApiKeys;

/// <summary>
/// Picks the scheme of the <see cref="Bearer.WorkOSBearerDefaults.ApiAuthenticationScheme"/> policy scheme from what the
/// request carries: the API key header or a non-JWT bearer credential go to the API key scheme, a JWT to the bearer
/// scheme; with neither, the session cookie (when one is configured and present), else the bearer scheme, whose
/// challenge tells the client to send a token. It lives with the API key scheme because what it decides first is
/// whether the request carries an API key; the bearer scheme knows nothing of API keys.
/// </summary>
internal static class ApiSchemeSelector
{
    public static string Select(HttpContext context, string bearerScheme, string apiKeyScheme, string? sessionScheme)
    {
        var request = context.Request;
        var services = context.RequestServices;
        var headerName = services.GetRequiredService<IOptionsMonitor<WorkOSApiKeyOptions>>().Get(apiKeyScheme).HeaderName;
        if (!string.IsNullOrEmpty(headerName) && request.Headers.ContainsKey(headerName))
        {
            return apiKeyScheme;
        }

        switch (ApiCredentials.ReadBearer(request, out var credential))
        {
            case CredentialRead.Present:
                return ApiCredentials.LooksLikeJwt(credential) ? bearerScheme : apiKeyScheme;
            case CredentialRead.Malformed or CredentialRead.TooLarge:
                return bearerScheme;
        }

        if (sessionScheme is not null
            && services.GetRequiredService<IOptionsMonitor<CookieAuthenticationOptions>>().Get(sessionScheme).Cookie.Name is { Length: > 0 } cookieName
            && request.Cookies.ContainsKey(cookieName))
        {
            return sessionScheme;
        }

        return bearerScheme;
    }
}
