using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace WorkOS.AspNetCore.Actions;

/// <summary>
/// Binds <see cref="WorkOSActionOptions"/> from the <c>WorkOS:Actions</c> section and adds <c>WORKOS_ACTIONS_SECRET</c> to
/// the secrets, before the app's own configure callbacks run.
/// </summary>
internal sealed class WorkOSActionOptionsSetup(IConfiguration? configuration = null) : IConfigureOptions<WorkOSActionOptions>
{
    public const string Section = WorkOSAuthKitDefaults.ConfigurationSection + ":Actions";

    public void Configure(WorkOSActionOptions options)
    {
        if (configuration is null)
        {
            return;
        }

        configuration.GetSection(Section).Bind(options);
        if (configuration["WORKOS_ACTIONS_SECRET"] is { Length: > 0 } secret && !options.Secrets.Contains(secret))
        {
            options.Secrets.Add(secret);
        }
    }
}
