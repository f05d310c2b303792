using Microsoft.Extensions.Options;

namespace WorkOS.AspNetCore.Bearer;

/// <summary>Fills the client settings the bearer scheme left unset from <see cref="WorkOSClientOptions"/>.</summary>
internal sealed class WorkOSBearerPostConfigure(IOptionsMonitor<WorkOSClientOptions> client) : IPostConfigureOptions<WorkOSBearerOptions>
{
    public void PostConfigure(string? name, WorkOSBearerOptions options)
    {
        var settings = client.CurrentValue;
        if (string.IsNullOrEmpty(options.ClientId))
        {
            options.ClientId = settings.ClientId;
        }

        if (string.IsNullOrEmpty(options.ApiBaseUrl))
        {
            // The opt-in for plain http travels with the base URL it was given for.
            options.ApiBaseUrl = settings.ApiBaseUrl;
            options.AllowHttpApiBaseUrl |= settings.AllowHttpApiBaseUrl;
        }

        if (options.ValidIssuers.Count == 0)
        {
            foreach (var issuer in settings.ValidIssuers)
            {
                options.ValidIssuers.Add(issuer);
            }
        }
    }
}
