using WorkOS.AspNetCore.Authentication;

namespace WorkOS.AspNetCore.Api;

/// <summary>Where WorkOS is and who this application is: what every API call needs.</summary>
internal sealed record WorkOSApiSettings(Uri BaseUrl, string ClientId, string ApiKey)
{
    public static WorkOSApiSettings From(WorkOSAuthKitOptions options) =>
        new(new Uri(options.ApiBaseUrl.TrimEnd('/') + "/", UriKind.Absolute), options.ClientId, options.ApiKey);

    /// <summary>An absolute URL under the API base URL; <paramref name="relativePath"/> has no leading slash.</summary>
    public Uri Url(string relativePath) => new(BaseUrl, relativePath);
}
