using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using WorkOS.AspNetCore.Authentication;
using WorkOS.AspNetCore.Emulator.Integration;

namespace WorkOS.AspNetCore.Emulator;

/// <summary>Wires apps to the local AuthKit emulator.</summary>
public static class WorkOSEmulatorServiceCollectionExtensions
{
    /// <summary>
    /// When no WorkOS client id is configured, starts the emulator on loopback as the app starts and points the
    /// AuthKit scheme at it, so the app runs with no WorkOS account and no network. With a client id configured it
    /// does nothing. The port comes from <c>WorkOS:Emulator:Port</c> (0, the default, picks a free one) and the
    /// access-token lifetime from <c>WorkOS:Emulator:AccessTokenLifetime</c> (default 5 minutes).
    /// Meant for samples and local development, not production.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="configure">Changes the emulator's options (seed, token lifetime, ...).</param>
    /// <returns>The services.</returns>
    public static IServiceCollection AddWorkOSEmulatorWhenUnconfigured(this IServiceCollection services, Action<WorkOSEmulatorOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton(sp => new OfflineEmulator(sp.GetRequiredService<IConfiguration>(),
            sp.GetRequiredService<ILogger<OfflineEmulator>>(), configure));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IPostConfigureOptions<WorkOSAuthKitOptions>, OfflineEmulatorPostConfigure>());
        return services;
    }
}
