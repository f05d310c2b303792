namespace WorkOS.AspNetCore;

/// <summary>Default names and values used by the WorkOS AuthKit authentication schemes.</summary>
public static class WorkOSAuthKitDefaults
{
    /// <summary>The default name of the remote scheme that redirects to AuthKit and handles the callback.</summary>
    public const string AuthenticationScheme = "WorkOS";

    /// <summary>The default name of the cookie scheme that holds the signed-in session.</summary>
    public const string CookieScheme = "WorkOS.Session";

    /// <summary>The display name of the remote scheme.</summary>
    public const string DisplayName = "WorkOS AuthKit";

    /// <summary>The name of the <see cref="System.Net.Http.IHttpClientFactory"/> client used for WorkOS API calls.</summary>
    public const string HttpClientName = "WorkOS.AspNetCore";

    /// <summary>The configuration section bound by <c>AddWorkOSAuthKit(IConfiguration)</c>.</summary>
    public const string ConfigurationSection = "WorkOS";

    /// <summary>The default WorkOS API base URL.</summary>
    public const string ApiBaseUrl = "https://api.workos.com";

    /// <summary>The default callback path AuthKit redirects back to.</summary>
    public const string CallbackPath = "/auth/callback";

    /// <summary>The default prefix of the endpoints mapped by <c>MapWorkOSAuthKit()</c>.</summary>
    public const string EndpointPrefix = "/auth";

    /// <summary>The default session cookie name (the same name WorkOS's own AuthKit libraries use).</summary>
    public const string SessionCookieName = "wos-session";

    /// <summary>The default name of the cookie that binds pending sign-ins to the browser.</summary>
    public const string PendingSignInCookieName = "wos-auth-pending";

    /// <summary>The name of the library's <see cref="System.Diagnostics.Metrics.Meter"/>, for <c>AddMeter(...)</c>.</summary>
    public const string MeterName = "WorkOS.AspNetCore";

    /// <summary>The name of the library's <see cref="System.Diagnostics.ActivitySource"/>, for <c>AddSource(...)</c>.</summary>
    public const string ActivitySourceName = "WorkOS.AspNetCore";

    /// <summary>The name of the health check that WorkOS's signing keys (the JWKS) can be fetched and used.</summary>
    public const string JwksHealthCheckName = "workos-jwks";

    /// <summary>The name of the health check that WorkOS accepts the configured API key.</summary>
    public const string ApiKeyHealthCheckName = "workos-api-key";

    /// <summary>The tag of the WorkOS health checks.</summary>
    public const string HealthCheckTag = "workos";
}
