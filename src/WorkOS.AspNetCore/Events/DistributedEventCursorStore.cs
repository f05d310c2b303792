using Microsoft.Extensions.Caching.Distributed;

namespace WorkOS.AspNetCore.Events;

/// <summary>
/// The default cursor store: the app's <see cref="IDistributedCache"/>, with no expiry. The in-memory cache when the app
/// registered none (a restart starts again from <see cref="WorkOSEventsReaderOptions.StartFrom"/>); a shared one
/// (Redis, SQL Server) keeps the cursor across restarts and shares it between instances.
/// </summary>
internal sealed class DistributedEventCursorStore(IDistributedCache cache) : IWorkOSEventCursorStore
{
    public Task<string?> GetAsync(string key, CancellationToken cancellationToken) => cache.GetStringAsync(key, cancellationToken);

    public Task SetAsync(string key, string cursor, CancellationToken cancellationToken) =>
        cache.SetStringAsync(key, cursor, new DistributedCacheEntryOptions(), cancellationToken);
}
