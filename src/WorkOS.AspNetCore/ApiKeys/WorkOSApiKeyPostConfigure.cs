using Microsoft.Extensions.Options;
using WorkOS.AspNetCore.Bearer;

namespace WorkOS.AspNetCore.ApiKeys;

/// <summary>Fills what the API key scheme needs and the app left unset.</summary>
internal sealed class WorkOSApiKeyPostConfigure(IServiceProvider services) : IPostConfigureOptions<WorkOSApiKeyOptions>
{
    public void PostConfigure(string? name, WorkOSApiKeyOptions options)
    {
        var settings = WorkOSSettingsFallback.Resolve(services, clientId: null, options.ApiKey ?? string.Empty, options.ApiBaseUrl, options.AllowHttpApiBaseUrl);
        options.ApiKey = settings.ApiKey;
        options.ApiBaseUrl = settings.ApiBaseUrl;
        options.AllowHttpApiBaseUrl = settings.AllowHttpApiBaseUrl;
    }
}
