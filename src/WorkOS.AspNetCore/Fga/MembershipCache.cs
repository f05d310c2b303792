using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using WorkOS.AspNetCore.Authorization;

namespace WorkOS.AspNetCore.Fga;

/// <summary>
/// Remembers the organization membership id of a user in an organization (or that there is none) for a bounded
/// time, in a size-limited cache of its own, so fine-grained checks do not look it up on every request.
/// </summary>
internal sealed class MembershipCache : IDisposable
{
    private readonly MemoryCache _cache;
    private readonly TimeProvider _time;
    private readonly TimeSpan _duration;

    public MembershipCache(IOptions<WorkOSAuthorizationOptions> options, TimeProvider time)
    {
        _time = time;
        _duration = options.Value.MembershipCacheDuration;
        _cache = new MemoryCache(new MemoryCacheOptions { SizeLimit = Math.Max(1, options.Value.MembershipCacheSize) });
    }

    /// <summary>Whether the membership is known; <paramref name="membershipId"/> is null when the user is known not to be a member.</summary>
    public bool TryGet(string userId, string organizationId, out string? membershipId)
    {
        if (_cache.TryGetValue(Key(userId, organizationId), out Entry? entry) && entry is not null && _time.GetUtcNow() < entry.ExpiresAt)
        {
            membershipId = entry.MembershipId;
            return true;
        }

        membershipId = null;
        return false;
    }

    public void Set(string userId, string organizationId, string? membershipId)
    {
        if (_duration <= TimeSpan.Zero)
        {
            return;
        }

        var entry = new Entry(membershipId, _time.GetUtcNow() + _duration);
        _cache.Set(Key(userId, organizationId), entry, new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = _duration });
    }

    public void Remove(string userId, string organizationId) => _cache.Remove(Key(userId, organizationId));

    public void Dispose() => _cache.Dispose();

    private static string Key(string userId, string organizationId) => string.Concat(userId, "\n", organizationId);

    private sealed record Entry(string? MembershipId, DateTimeOffset ExpiresAt);
}
