using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.DependencyInjection;

namespace WorkOS.AspNetCore.Tests.Infrastructure;

/// <summary>
/// The app's HybridCache, except that a lookup of a key under the prefix that may call WorkOS sees neither stored answers nor calls in flight,
/// as a request does whose read came before the store and whose join came after the call ended.
/// </summary>
internal sealed class LateLookupHybridCache(HybridCache inner, string keyPrefix) : HybridCache
{
    public static void Replace(IServiceCollection services, string keyPrefix)
    {
        var registered = services.Last(d => d.ServiceType == typeof(HybridCache));
        services.Remove(registered);
        services.AddSingleton<HybridCache>(sp => new LateLookupHybridCache(
            (HybridCache)ActivatorUtilities.CreateInstance(sp, registered.ImplementationType!), keyPrefix));
    }

    public override ValueTask<T> GetOrCreateAsync<TState, T>(string key, TState state, Func<TState, CancellationToken, ValueTask<T>> factory,
        HybridCacheEntryOptions? options = null, IEnumerable<string>? tags = null, CancellationToken cancellationToken = default) =>
        key.StartsWith(keyPrefix, StringComparison.Ordinal)
            && (options?.Flags & HybridCacheEntryFlags.DisableUnderlyingData) == 0
            ? factory(state, cancellationToken)
            : inner.GetOrCreateAsync(key, state, factory, options, tags, cancellationToken);

    public override ValueTask SetAsync<T>(string key, T value, HybridCacheEntryOptions? options = null, IEnumerable<string>? tags = null,
        CancellationToken cancellationToken = default) => inner.SetAsync(key, value, options, tags, cancellationToken);

    public override ValueTask RemoveAsync(string key, CancellationToken cancellationToken = default) => inner.RemoveAsync(key, cancellationToken);

    public override ValueTask RemoveByTagAsync(string tag, CancellationToken cancellationToken = default) => inner.RemoveByTagAsync(tag, cancellationToken);
}
