using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using WorkOS.AspNetCore;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Binds what is scheme-specific in the <c>WorkOS</c> configuration section into a scheme's options, then the scheme's
/// own subsection (<c>WorkOS:Bearer</c>, <c>WorkOS:ApiKeys</c>) whole. The client settings of the section (ClientId,
/// ApiKey, ApiBaseUrl, AllowHttpApiBaseUrl, ValidIssuers) are left out: they are bound once, into
/// <see cref="WorkOSClientOptions"/>, and reach the scheme from there, so that code-set client settings win over the
/// section for every scheme alike. A client setting in the subsection is an override for that scheme.
/// </summary>
internal sealed class WorkOSSchemeConfigurationBinder<TOptions>(IServiceProvider services, string scheme, string? subsection)
    : IConfigureNamedOptions<TOptions>
    where TOptions : class
{
    public void Configure(TOptions options) => Configure(Microsoft.Extensions.Options.Options.DefaultName, options);

    public void Configure(string? name, TOptions options)
    {
        if (!string.Equals(name, scheme, StringComparison.Ordinal) || WorkOSClientOptionsSetup.ConfigurationOf(services) is not { } configuration)
        {
            return;
        }

        var section = configuration.GetSection(WorkOSAuthKitDefaults.ConfigurationSection);
        Bind(section, options);
        if (subsection is not null)
        {
            section.GetSection(subsection).Bind(options);
        }
    }

    /// <summary>Binds <paramref name="section"/> into <paramref name="options"/> without its client settings.</summary>
    public static void Bind(IConfigurationSection section, TOptions options)
    {
        var schemeValues = section.AsEnumerable(makePathsRelative: true)
            .Where(entry => entry.Value is not null && !IsClientSetting(entry.Key));
        new ConfigurationBuilder().AddInMemoryCollection(schemeValues).Build().Bind(options);
    }

    private static bool IsClientSetting(string key) => WorkOSClientOptionsSetup.ClientKeys.Any(client =>
        key.Equals(client, StringComparison.OrdinalIgnoreCase) || key.StartsWith(client + ConfigurationPath.KeyDelimiter, StringComparison.OrdinalIgnoreCase));
}
