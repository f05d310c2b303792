using Microsoft.Extensions.Options;
using WorkOS.AspNetCore.Tokens;

namespace WorkOS.AspNetCore.Bearer;

/// <summary>Fills what the bearer scheme needs and the app left unset, and derives the JWKS URL.</summary>
internal sealed class WorkOSBearerPostConfigure(IServiceProvider services) : IPostConfigureOptions<WorkOSBearerOptions>
{
    public void PostConfigure(string? name, WorkOSBearerOptions options)
    {
        var settings = WorkOSSettingsFallback.Resolve(services, options.ClientId ?? string.Empty, apiKey: null, options.ApiBaseUrl, options.AllowHttpApiBaseUrl);
        options.ClientId = settings.ClientId;
        options.ApiBaseUrl = settings.ApiBaseUrl;
        options.AllowHttpApiBaseUrl = settings.AllowHttpApiBaseUrl;
        if (!string.IsNullOrWhiteSpace(options.ClientId) && Uri.TryCreate(options.ApiBaseUrl, UriKind.Absolute, out _))
        {
            options.JwksUrl = AccessTokenValidators.JwksUrl(options.ApiBaseUrl, options.ClientId);
        }
    }
}
