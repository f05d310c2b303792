using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using WorkOS.AspNetCore.ApiKeys;
using WorkOS.AspNetCore.Authentication;
using WorkOS.AspNetCore.Bearer;
using WorkOS.AspNetCore.Emulator;
using WorkOS.AspNetCore.Testing.Factory;

namespace WorkOS.AspNetCore.Testing;

/// <summary>Points an app under test at an in-process <see cref="WorkOSEmulator"/>.</summary>
public static class WorkOSInProcessEmulatorServiceCollectionExtensions
{
    /// <summary>
    /// Adds an in-process emulator (a singleton <see cref="WorkOSEmulator"/>, made on first use and disposed with the
    /// services) and points every WorkOS scheme and service at it: the client settings (<see cref="WorkOSClientOptions"/>,
    /// which fine-grained checks, <c>WorkOSSessionService</c> and the schemes read), the per-scheme overrides of every
    /// <see cref="WorkOSAuthKitOptions"/>, <see cref="WorkOSBearerOptions"/> and <see cref="WorkOSApiKeyOptions"/> whatever
    /// their names, and the primary handler of the <see cref="WorkOSAuthKitDefaults.HttpClientName"/> HTTP client, so no
    /// call of the app under test reaches WorkOS itself. Works before or after the app's own WorkOS registration (for
    /// <c>WebApplicationFactory</c>, <c>WithWorkOSEmulator</c> calls it in <c>ConfigureTestServices</c>). The emulator's
    /// in-process base URL uses http; the settings get <c>AllowHttpApiBaseUrl</c> for it, so the app under test may run
    /// in any environment.
    /// </summary>
    /// <param name="services">The app's services.</param>
    /// <param name="configure">Changes the emulator's options (seed, token lifetime, clock).</param>
    /// <returns>The services.</returns>
    public static IServiceCollection AddWorkOSInProcessEmulator(this IServiceCollection services, Action<WorkOSEmulatorOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.RemoveAll<TestEmulator>();
        services.AddSingleton(_ => new TestEmulator(configure));
        services.RemoveAll<WorkOSEmulator>();
        services.AddSingleton(sp => sp.GetRequiredService<TestEmulator>().Emulator);

        // Configure (not only post-configure) so that an unconfigured-app fallback, which post-configures when the client
        // id is empty, sees the emulator's client id and stays off; post-configure again so values the app sets in code
        // after this call do not win.
        services.AddSingleton<IConfigureOptions<WorkOSClientOptions>>(sp =>
            new ConfigureNamedOptions<WorkOSClientOptions, WorkOSEmulator>(Options.DefaultName, sp.GetRequiredService<WorkOSEmulator>(), PointAt));
        services.AddSingleton<IPostConfigureOptions<WorkOSClientOptions>>(sp =>
            new PostConfigureOptions<WorkOSClientOptions, WorkOSEmulator>(Options.DefaultName, sp.GetRequiredService<WorkOSEmulator>(), PointAt));

        // A scheme's own settings override the client settings; in a test they too must name the emulator. Post-configure
        // (all names) overwrites them whatever the order of registration.
        services.AddSingleton<IPostConfigureOptions<WorkOSAuthKitOptions>>(sp =>
            new PostConfigureOptions<WorkOSAuthKitOptions, WorkOSEmulator>(null, sp.GetRequiredService<WorkOSEmulator>(), (options, emulator) =>
            {
                options.ClientId = emulator.ClientId;
                options.ApiKey = emulator.ApiKey;
                options.ApiBaseUrl = BaseUrl(emulator);
                options.AllowHttpApiBaseUrl = true;
            }));
        services.AddSingleton<IPostConfigureOptions<WorkOSBearerOptions>>(sp =>
            new PostConfigureOptions<WorkOSBearerOptions, WorkOSEmulator>(null, sp.GetRequiredService<WorkOSEmulator>(), (options, emulator) =>
            {
                options.ClientId = emulator.ClientId;
                options.ApiBaseUrl = BaseUrl(emulator);
                options.AllowHttpApiBaseUrl = true;
            }));
        services.AddSingleton<IPostConfigureOptions<WorkOSApiKeyOptions>>(sp =>
            new PostConfigureOptions<WorkOSApiKeyOptions, WorkOSEmulator>(null, sp.GetRequiredService<WorkOSEmulator>(), (options, emulator) =>
            {
                options.ApiKey = emulator.ApiKey;
                options.ApiBaseUrl = BaseUrl(emulator);
                options.AllowHttpApiBaseUrl = true;
            }));
        services.AddHttpClient(WorkOSAuthKitDefaults.HttpClientName)
            .ConfigurePrimaryHttpMessageHandler(sp => sp.GetRequiredService<WorkOSEmulator>().CreateHandler());
        return services;
    }

    private static void PointAt(WorkOSClientOptions options, WorkOSEmulator emulator)
    {
        options.ClientId = emulator.ClientId;
        options.ApiKey = emulator.ApiKey;
        options.ApiBaseUrl = BaseUrl(emulator);
        options.AllowHttpApiBaseUrl = true;
    }

    private static string BaseUrl(WorkOSEmulator emulator) => emulator.BaseUrl.ToString().TrimEnd('/');
}
