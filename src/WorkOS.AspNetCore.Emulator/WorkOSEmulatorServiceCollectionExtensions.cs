using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using WorkOS.AspNetCore.Emulator.Integration;

namespace WorkOS.AspNetCore.Emulator;

/// <summary>Wires apps to the local AuthKit emulator.</summary>
public static class WorkOSEmulatorServiceCollectionExtensions
{
    /// <summary>
    /// In the Development environment, when no WorkOS client id is configured (<c>WorkOS:ClientId</c>,
    /// <c>WORKOS_CLIENT_ID</c> or <c>Configure&lt;WorkOSClientOptions&gt;</c>), starts the emulator on loopback as the
    /// app starts and points the client settings (<see cref="WorkOSClientOptions"/>) at it, so every WorkOS scheme
    /// (AuthKit, bearer, API key, under any name) and service that takes its settings from them runs with no WorkOS
    /// account and no network, whatever the registration order. With a client id configured, or in any other
    /// environment, it does nothing: there the missing settings stop the app at startup, and no emulator, emulator
    /// client id or seeded API key is ever used. The port comes from
    /// <c>WorkOS:Emulator:Port</c> (0, the default, picks a free one) and the access-token lifetime from
    /// <c>WorkOS:Emulator:AccessTokenLifetime</c> (default 5 minutes).
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="configure">Changes the emulator's options (seed, token lifetime, ...).</param>
    /// <returns>The services.</returns>
    public static IServiceCollection AddWorkOSEmulatorWhenUnconfigured(this IServiceCollection services, Action<WorkOSEmulatorOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton(sp => new OfflineEmulator(sp.GetRequiredService<IConfiguration>(),
            sp.GetRequiredService<ILogger<OfflineEmulator>>(), configure, sp.GetService<IHostEnvironment>()));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IPostConfigureOptions<WorkOSClientOptions>, OfflineEmulatorPostConfigure>());
        return services;
    }
}
