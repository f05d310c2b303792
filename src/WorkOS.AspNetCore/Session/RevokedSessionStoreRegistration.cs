using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace WorkOS.AspNetCore.Session;

/// <summary>
/// Registers the revoked-session list once, for whichever comes first: the AuthKit scheme (its cookies), or the
/// webhooks (revocation from events, also for apps with only the bearer scheme). In memory, or through the app's
/// <see cref="IDistributedCache"/> when multi-instance coordination is on.
/// </summary>
internal static class RevokedSessionStoreRegistration
{
    public static void TryAdd(IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => new MemoryRevokedSessionStore(sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton<SessionRevokedSignal>();
        services.TryAddSingleton<IRevokedSessionStore>(sp => SharedCache(sp) is { } cache
            ? new DistributedRevokedSessionStore(cache, sp.GetRequiredService<MemoryRevokedSessionStore>(), sp.GetRequiredService<TimeProvider>())
            : sp.GetRequiredService<MemoryRevokedSessionStore>());
    }

    /// <summary>The app's distributed cache when multi-instance coordination was asked for, else none.</summary>
    private static IDistributedCache? SharedCache(IServiceProvider services) =>
        services.GetService<SessionCoordination>() is null
            ? null
            : services.GetService<IDistributedCache>() ?? throw new InvalidOperationException(
                "AddWorkOSDistributedSessionCoordination() needs an IDistributedCache shared by the instances (for example AddStackExchangeRedisCache()).");
}
