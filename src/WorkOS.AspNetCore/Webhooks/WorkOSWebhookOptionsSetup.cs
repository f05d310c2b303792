using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace WorkOS.AspNetCore.Webhooks;

/// <summary>
/// Binds <see cref="WorkOSWebhookOptions"/> from the <c>WorkOS:Webhooks</c> section and adds <c>WORKOS_WEBHOOK_SECRET</c>
/// to the secrets, before the app's own configure callbacks run.
/// </summary>
internal sealed class WorkOSWebhookOptionsSetup(IConfiguration? configuration = null) : IConfigureOptions<WorkOSWebhookOptions>
{
    public const string Section = WorkOSAuthKitDefaults.ConfigurationSection + ":Webhooks";

    public void Configure(WorkOSWebhookOptions options)
    {
        if (configuration is null)
        {
            return;
        }

        configuration.GetSection(Section).Bind(options);
        if (configuration["WORKOS_WEBHOOK_SECRET"] is { Length: > 0 } secret && !options.Secrets.Contains(secret))
        {
            options.Secrets.Add(secret);
        }
    }
}
