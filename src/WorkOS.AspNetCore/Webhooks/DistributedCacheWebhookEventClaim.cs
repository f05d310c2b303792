using Microsoft.Extensions.Caching.Distributed;

namespace WorkOS.AspNetCore.Webhooks;

/// <summary>
/// The default event claim, in the app's <see cref="IDistributedCache"/> (<c>workos:webhook-event:{id}</c>). The cache
/// has no atomic add, so this is a read then a write: instances sharing the cache skip events another one handled, but
/// two that read the same event at the same moment can both handle it. A store with an atomic add replaces it.
/// </summary>
internal sealed class DistributedCacheWebhookEventClaim(IDistributedCache cache) : IWebhookEventClaim
{
    private const string KeyPrefix = "workos:webhook-event:";
    private static readonly byte[] Handled = [1];

    public async ValueTask<bool> TryClaimAsync(string eventId, TimeSpan lifetime, CancellationToken cancellationToken)
    {
        var key = KeyPrefix + eventId;
        if (await cache.GetAsync(key, cancellationToken).ConfigureAwait(false) is not null)
        {
            return false;
        }

        await cache.SetAsync(key, Handled, new DistributedCacheEntryOptions { AbsoluteExpirationRelativeToNow = lifetime }, cancellationToken)
            .ConfigureAwait(false);
        return true;
    }
}
