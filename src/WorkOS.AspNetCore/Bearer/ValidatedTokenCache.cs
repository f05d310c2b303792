using System.Runtime.InteropServices;
using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace WorkOS.AspNetCore.Bearer;

/// <summary>
/// Bearer tokens that verified recently, so a client sending the same token again skips the signature check. Keyed by
/// the SHA-256 of the token; an entry lives at most until the token's <c>exp</c> on the app's clock, and only as long
/// as the keys that verified it are the keys in use. Bounded by <see cref="WorkOSBearerOptions.ValidatedTokenCacheSize"/>:
/// once full, new tokens are verified as usual and not added until the cache compacts in the background, so nothing
/// is scanned on the request path. Refused tokens are never cached.
/// </summary>
internal sealed class ValidatedTokenCache : IDisposable
{
    private readonly MemoryCache _cache;
    private readonly TimeProvider _timeProvider;

    public ValidatedTokenCache(int size, TimeProvider timeProvider)
    {
        _timeProvider = timeProvider;
#pragma warning disable CS0618 // MemoryCacheOptions.Clock is the only way to put expiry on the app's TimeProvider
        _cache = new MemoryCache(new MemoryCacheOptions { SizeLimit = size, Clock = new Clock(timeProvider), CompactionPercentage = 0.25 });
#pragma warning restore CS0618
    }

    /// <summary>The entry for <paramref name="token"/>, when it verified before and has not expired.</summary>
    public bool TryGet(string token, out ValidatedToken entry)
    {
        if (_cache.TryGetValue(new TokenHash(token), out var value) && value is ValidatedToken found
            && found.Expires > _timeProvider.GetUtcNow())
        {
            entry = found;
            return true;
        }

        entry = null!;
        return false;
    }

    /// <summary>Remembers a verified token until its expiry.</summary>
    public void Add(string token, ValidatedToken entry)
    {
        if (entry.Expires <= _timeProvider.GetUtcNow())
        {
            return;
        }

        using var cacheEntry = _cache.CreateEntry(new TokenHash(token));
        cacheEntry.Value = entry;
        cacheEntry.Size = 1;
        cacheEntry.AbsoluteExpiration = entry.Expires;
    }

    /// <summary>Forgets a token, for example one whose keys changed.</summary>
    public void Remove(string token) => _cache.Remove(new TokenHash(token));

    public void Dispose() => _cache.Dispose();

    /// <summary>The SHA-256 of the token's characters, as a value the cache compares without the token.</summary>
    private readonly record struct TokenHash(ulong A, ulong B, ulong C, ulong D)
    {
        public TokenHash(string token)
            : this(0, 0, 0, 0)
        {
            Span<ulong> hash = stackalloc ulong[4];
            SHA256.HashData(MemoryMarshal.AsBytes(token.AsSpan()), MemoryMarshal.AsBytes(hash));
            (A, B, C, D) = (hash[0], hash[1], hash[2], hash[3]);
        }
    }

#pragma warning disable CS0618
    private sealed class Clock(TimeProvider timeProvider) : Microsoft.Extensions.Internal.ISystemClock
#pragma warning restore CS0618
    {
        public DateTimeOffset UtcNow => timeProvider.GetUtcNow();
    }
}

/// <summary>What a verified token gave: the token, the identity built from it, and what a later request re-checks.</summary>
/// <param name="Token">The parsed token.</param>
/// <param name="Identity">The identity built by the claims mapper; each request gets a copy.</param>
/// <param name="Keys">The key set that verified the token.</param>
/// <param name="SessionId">The token's <c>sid</c>, checked against the revoked-session list on every request.</param>
/// <param name="Expires">The token's <c>exp</c>.</param>
internal sealed record ValidatedToken(JsonWebToken Token, ClaimsIdentity Identity, JsonWebKeySet Keys, string? SessionId, DateTimeOffset Expires);
