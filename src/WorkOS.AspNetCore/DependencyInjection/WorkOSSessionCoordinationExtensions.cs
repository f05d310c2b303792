using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using WorkOS.AspNetCore.Session;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Coordinates WorkOS sessions across the instances of an app.</summary>
public static class WorkOSSessionCoordinationExtensions
{
    /// <summary>
    /// Makes the instances of a load-balanced app share session state through the registered
    /// <see cref="IDistributedCache"/> (register a shared one, such as Redis, and share the DataProtection key ring):
    /// refresh results (a request carrying a just-spent refresh token gets the same new session on any instance), the
    /// claim that lets one instance spend a refresh token while the others wait for its result, and the
    /// revoked-session list (a signed-out cookie is refused on every instance at once). Every request with a session
    /// cookie then costs one cache read for the revoked-session list; when the cache cannot be read such requests are
    /// treated as anonymous (the cookie is kept).
    /// Without this call nothing is shared, even when the app registers a distributed cache for other reasons (Razor
    /// Pages and MVC register an in-memory one), and no instance ever waits for another.
    /// This registers the distributed <see cref="ISessionRefreshCoordinator"/>, replacing the in-process one (and one the
    /// app registered before this call).
    /// </summary>
    /// <param name="services">The services.</param>
    /// <returns>The services.</returns>
    public static IServiceCollection AddWorkOSDistributedSessionCoordination(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton<SessionCoordination>();
        services.Replace(ServiceDescriptor.Singleton<ISessionRefreshCoordinator>(sp => new DistributedSessionRefreshCoordinator(
            new RefreshResultStore(sp.GetRequiredService<IDataProtectionProvider>(), sp.GetRequiredService<TimeProvider>(),
                sp.GetService<IDistributedCache>() ?? throw new InvalidOperationException(
                    "AddWorkOSDistributedSessionCoordination() needs an IDistributedCache shared by the instances (for example AddStackExchangeRedisCache()).")),
            sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<DistributedSessionRefreshCoordinator>>())));
        return services;
    }
}
