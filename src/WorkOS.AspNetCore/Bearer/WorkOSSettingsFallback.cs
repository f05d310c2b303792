using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using WorkOS.AspNetCore.Authentication;

namespace WorkOS.AspNetCore.Bearer;

/// <summary>
/// Where the API schemes find the WorkOS settings the app did not give them: the app's AuthKit scheme (which is also
/// where the offline emulator plugs in), then the <c>WORKOS_*</c> variables, then the defaults.
/// </summary>
internal static class WorkOSSettingsFallback
{
    /// <summary>
    /// Fills the empty values. Pass <see langword="null"/> for a value the scheme does not use (the bearer scheme needs
    /// no API key, the API key scheme no client id); it comes back empty. A base URL taken from the AuthKit scheme
    /// brings that scheme's <see cref="WorkOSAuthKitOptions.AllowHttpApiBaseUrl"/> with it; otherwise
    /// <paramref name="allowHttpApiBaseUrl"/> comes back as it was.
    /// </summary>
    public static (string ClientId, string ApiKey, string ApiBaseUrl, bool AllowHttpApiBaseUrl) Resolve(IServiceProvider services,
        string? clientId, string? apiKey, string? apiBaseUrl, bool allowHttpApiBaseUrl)
    {
        var complete = clientId is not { Length: 0 } && apiKey is not { Length: 0 } && !string.IsNullOrEmpty(apiBaseUrl);
        if (complete)
        {
            return (clientId ?? string.Empty, apiKey ?? string.Empty, apiBaseUrl!, allowHttpApiBaseUrl);
        }

        if (AuthKitOptions(services) is { } authKit)
        {
            var fromAuthKit = string.IsNullOrEmpty(apiBaseUrl);
            return (
                clientId is null ? string.Empty : clientId.Length > 0 ? clientId : authKit.ClientId,
                apiKey is null ? string.Empty : apiKey.Length > 0 ? apiKey : authKit.ApiKey,
                fromAuthKit ? authKit.ApiBaseUrl : apiBaseUrl!,
                allowHttpApiBaseUrl || (fromAuthKit && authKit.AllowHttpApiBaseUrl));
        }

        var configuration = services.GetService<IConfiguration>();
        var fromEnvironment = new WorkOSAuthKitOptions { ClientId = clientId ?? string.Empty, ApiKey = apiKey ?? string.Empty };
        WorkOSEnvironment.Apply(fromEnvironment, name => configuration?[name] ?? Environment.GetEnvironmentVariable(name));
        return (
            clientId is null ? string.Empty : fromEnvironment.ClientId,
            apiKey is null ? string.Empty : fromEnvironment.ApiKey,
            string.IsNullOrEmpty(apiBaseUrl) ? fromEnvironment.ApiBaseUrl : apiBaseUrl,
            allowHttpApiBaseUrl);
    }

    /// <summary>The options of the app's AuthKit scheme, when it has one with a client id.</summary>
    private static WorkOSAuthKitOptions? AuthKitOptions(IServiceProvider services)
    {
        try
        {
            var options = services.GetService<IOptionsMonitor<WorkOSAuthKitOptions>>()?.Get(WorkOSAuthKitDefaults.AuthenticationScheme);
            return string.IsNullOrEmpty(options?.ClientId) ? null : options;
        }
        catch (OptionsValidationException)
        {
            // The AuthKit scheme is misconfigured; its own validation reports that at startup.
            return null;
        }
    }
}

/// <summary>Binds the <c>WorkOS</c> configuration section, then a scheme-specific subsection, into a scheme's options.</summary>
internal sealed class WorkOSConfigurationBinder<TOptions>(IServiceProvider services, string scheme, string subsection) : IConfigureNamedOptions<TOptions>
    where TOptions : class
{
    public void Configure(TOptions options) => Configure(Options.DefaultName, options);

    public void Configure(string? name, TOptions options)
    {
        if (!string.Equals(name, scheme, StringComparison.Ordinal) || services.GetService<IConfiguration>() is not { } configuration)
        {
            return;
        }

        var section = configuration.GetSection(WorkOSAuthKitDefaults.ConfigurationSection);
        section.Bind(options);
        section.GetSection(subsection).Bind(options);
    }
}
