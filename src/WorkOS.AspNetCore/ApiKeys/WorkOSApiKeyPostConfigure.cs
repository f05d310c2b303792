using Microsoft.Extensions.Options;

namespace WorkOS.AspNetCore.ApiKeys;

/// <summary>Fills the client settings the API key scheme left unset from <see cref="WorkOSClientOptions"/>.</summary>
internal sealed class WorkOSApiKeyPostConfigure(IOptionsMonitor<WorkOSClientOptions> client) : IPostConfigureOptions<WorkOSApiKeyOptions>
{
    public void PostConfigure(string? name, WorkOSApiKeyOptions options)
    {
        var settings = client.CurrentValue;
        if (string.IsNullOrEmpty(options.ApiKey))
        {
            options.ApiKey = settings.ApiKey;
        }

        if (string.IsNullOrEmpty(options.ApiBaseUrl))
        {
            // The opt-in for plain http travels with the base URL it was given for.
            options.ApiBaseUrl = settings.ApiBaseUrl;
            options.AllowHttpApiBaseUrl |= settings.AllowHttpApiBaseUrl;
        }
    }
}
