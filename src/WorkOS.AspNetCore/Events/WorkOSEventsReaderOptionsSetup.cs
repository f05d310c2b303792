using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace WorkOS.AspNetCore.Events;

/// <summary>Binds <see cref="WorkOSEventsReaderOptions"/> from the <c>WorkOS:Events</c> section, before the app's own configure callbacks run.</summary>
internal sealed class WorkOSEventsReaderOptionsSetup(IConfiguration? configuration = null) : IConfigureOptions<WorkOSEventsReaderOptions>
{
    public const string Section = WorkOSAuthKitDefaults.ConfigurationSection + ":Events";

    public void Configure(WorkOSEventsReaderOptions options) => configuration?.GetSection(Section).Bind(options);
}
