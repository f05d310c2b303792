using System.ComponentModel;
using System.Globalization;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using WorkOS.AspNetCore.Authorization;

namespace WorkOS.AspNetCore.Fga;

/// <summary>
/// The organization membership id of a user in an organization (or that there is none), remembered for
/// <see cref="WorkOSAuthorizationOptions.MembershipCacheDuration"/> in the app's <see cref="HybridCache"/> (in process
/// only), so fine-grained checks do not look it up on every request. Concurrent lookups of one membership share one
/// call through the cache's stampede protection; a failed lookup is never stored.
/// </summary>
internal sealed class MembershipCache(IServiceProvider services, IOptions<FgaOptions> options, TimeProvider time)
{
    private const string Prefix = "WorkOS:membership:";

    private HybridCache? _cache;

    /// <summary>Joins the running lookup of the key and writes nothing itself (the lookup that asked WorkOS stores the answer).</summary>
    private static readonly HybridCacheEntryOptions LookupOptions = new()
    {
        Flags = HybridCacheEntryFlags.DisableLocalCacheWrite | HybridCacheEntryFlags.DisableDistributedCache,
    };

    /// <summary>Reads a stored answer and nothing else: no lookup, no write.</summary>
    private static readonly HybridCacheEntryOptions StoredOnlyOptions = new()
    {
        Flags = HybridCacheEntryFlags.DisableLocalCacheWrite | HybridCacheEntryFlags.DisableDistributedCache
            | HybridCacheEntryFlags.DisableUnderlyingData,
    };

    /// <summary>The membership, from the cache or from <paramref name="lookup"/>.</summary>
    public async Task<FgaCall<string?>> GetAsync(string userId, string organizationId,
        Func<CancellationToken, Task<FgaCall<string?>>> lookup, CancellationToken cancellationToken)
    {
        var key = Key(userId, organizationId);
        var state = (Owner: this, Key: key, Lookup: lookup);
        var answer = await Cache.GetOrCreateAsync(key, state, static (s, ct) => s.Owner.LookUpAndStoreAsync(s.Key, s.Lookup, ct), LookupOptions,
            cancellationToken: cancellationToken).ConfigureAwait(false);
        if (answer.Failure is null && answer.ExpiresAt <= time.GetUtcNow())
        {
            // Stored answers carry their expiry on the app's clock; one past it is dropped and looked up again.
            await Cache.RemoveAsync(key, cancellationToken).ConfigureAwait(false);
            answer = await Cache.GetOrCreateAsync(key, state, static (s, ct) => s.Owner.LookUpAndStoreAsync(s.Key, s.Lookup, ct), LookupOptions,
                cancellationToken: cancellationToken).ConfigureAwait(false);
        }

        return answer.Failure is { } failure ? FgaCall<string?>.Failed(failure) : FgaCall<string?>.Answered(answer.MembershipId);
    }

    public ValueTask RemoveAsync(string userId, string organizationId) => Cache.RemoveAsync(Key(userId, organizationId));

    private async ValueTask<MembershipAnswer> LookUpAndStoreAsync(string key, Func<CancellationToken, Task<FgaCall<string?>>> lookup,
        CancellationToken cancellationToken)
    {
        // A request can miss the stored answer and then the lookup that stored it, when that lookup ended in between:
        // its own lookup then takes the stored answer instead of asking WorkOS again.
        if (await Cache.GetOrCreateAsync<MembershipAnswer?>(key, static _ => ValueTask.FromResult<MembershipAnswer?>(null), StoredOnlyOptions,
                cancellationToken: cancellationToken).ConfigureAwait(false) is { Failure: null } stored && stored.ExpiresAt > time.GetUtcNow())
        {
            return stored;
        }

        var found = await lookup(cancellationToken).ConfigureAwait(false);
        var duration = options.Value.MembershipCacheDuration;
        if (found.Failure is { } failure)
        {
            return new MembershipAnswer(null, time.GetUtcNow(), failure);
        }

        var answer = new MembershipAnswer(found.Value, time.GetUtcNow() + duration, null);
        if (duration > TimeSpan.Zero)
        {
            await Cache.SetAsync(key, answer, new HybridCacheEntryOptions
            {
                Expiration = duration,
                LocalCacheExpiration = duration,
                Flags = HybridCacheEntryFlags.DisableDistributedCache,
            }, cancellationToken: CancellationToken.None).ConfigureAwait(false);
        }

        return answer;
    }

    // Resolved at the first check, not with the authorization handler: a HybridCache reads its invalidation state from the
    // app's distributed cache when created, which an app that never runs a fine-grained check should not see.
    private HybridCache Cache => _cache ??= services.GetRequiredService<HybridCache>();

    // Length-prefixed, so no user id can end inside the organization id.
    private static string Key(string userId, string organizationId) =>
        string.Concat(Prefix, userId.Length.ToString(CultureInfo.InvariantCulture), ":", userId, organizationId);
}

/// <summary>
/// A membership lookup: the id (null for none) and when it stops counting, or why there is no answer (never stored).
/// Immutable, so the in-memory tier hands out the instance.
/// </summary>
[ImmutableObject(true)]
internal sealed record MembershipAnswer(string? MembershipId, DateTimeOffset ExpiresAt, FgaFailure? Failure);
