namespace WorkOS.AspNetCore.Api;

/// <summary>Where WorkOS is and who this application is: what every API call needs.</summary>
internal sealed record WorkOSApiSettings(Uri BaseUrl, string ClientId, string ApiKey)
{
    /// <summary>The settings of the app's WorkOS client.</summary>
    public static WorkOSApiSettings From(WorkOSClientOptions options) => Create(options.ApiBaseUrl, options.ClientId, options.ApiKey);

    /// <summary>Settings from a base URL (absolute; a trailing slash is optional), a client id and an API key.</summary>
    public static WorkOSApiSettings Create(string apiBaseUrl, string clientId, string apiKey) =>
        new(new Uri(apiBaseUrl.TrimEnd('/') + "/", UriKind.Absolute), clientId, apiKey);

    /// <summary>An absolute URL under the API base URL; <paramref name="relativePath"/> has no leading slash.</summary>
    public Uri Url(string relativePath) => new(BaseUrl, relativePath);
}
