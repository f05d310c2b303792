using System.Runtime.InteropServices;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace WorkOS.AspNetCore.Bearer;

/// <summary>
/// Bearer tokens that verified recently, so a client sending the same token again skips the signature check. Looked up
/// by a hash of the token seeded afresh in each process (<see cref="HashCode"/>), and a hit is only a hit when the
/// remembered token is the presented one, character for character: a hash shared by two tokens costs the second a
/// fresh check, never the first one's identity. An entry lives at most until the token's <c>exp</c> on the app's
/// clock, and only as long as the keys that verified it are the keys in use. Bounded by
/// <see cref="WorkOSBearerOptions.ValidatedTokenCacheSize"/>: once full, new tokens are verified as usual and not added
/// until the cache compacts in the background, so nothing is scanned on the request path. Refused tokens are never cached.
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
    public bool TryGet(ReadOnlySpan<char> token, out ValidatedToken entry) => TryGet(token, out entry, out _);

    /// <summary>As <see cref="TryGet(ReadOnlySpan{char}, out ValidatedToken)"/>, with the remembered token as a string.</summary>
    public bool TryGet(ReadOnlySpan<char> token, out ValidatedToken entry, out string remembered)
    {
        if (_cache.TryGetValue(Key(token), out var value) && value is Remembered found
            && token.SequenceEqual(found.Token) && found.Entry.Expires > _timeProvider.GetUtcNow())
        {
            (entry, remembered) = (found.Entry, found.Token);
            return true;
        }

        (entry, remembered) = (null!, null!);
        return false;
    }

    /// <summary>Remembers a verified token until its expiry.</summary>
    public void Add(string token, ValidatedToken entry)
    {
        if (entry.Expires <= _timeProvider.GetUtcNow())
        {
            return;
        }

        using var cacheEntry = _cache.CreateEntry(Key(token));
        cacheEntry.Value = new Remembered(token, entry);
        cacheEntry.Size = 1;
        cacheEntry.AbsoluteExpiration = entry.Expires;
    }

    /// <summary>Forgets a token, for example one whose keys changed.</summary>
    public void Remove(ReadOnlySpan<char> token)
    {
        var key = Key(token);
        if (_cache.TryGetValue(key, out var value) && value is Remembered found && token.SequenceEqual(found.Token))
        {
            _cache.Remove(key);
        }
    }

    public void Dispose() => _cache.Dispose();

    /// <summary>The token's characters hashed with this process's seed; equal keys do not mean equal tokens.</summary>
    private static int Key(ReadOnlySpan<char> token)
    {
        var hash = default(HashCode);
        hash.AddBytes(MemoryMarshal.AsBytes(token));
        return hash.ToHashCode();
    }

    /// <summary>A cache value: the token itself, compared at every hit, and what it gave.</summary>
    private sealed record Remembered(string Token, ValidatedToken Entry);

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
internal sealed record ValidatedToken(JsonWebToken Token, ClaimsIdentity Identity, JsonWebKeySet Keys, string? SessionId, DateTimeOffset Expires)
{
    /// <summary>The properties <c>JwtBearerHandler</c> gives a verified token (its <c>exp</c> and <c>nbf</c>), formatted once.</summary>
    private readonly Dictionary<string, string?> _properties = FormatProperties(Token, saved: null);

    /// <summary>The same with the token saved in them, as <c>JwtBearerOptions.SaveToken</c> has it; made at the first request that needs it.</summary>
    private SavedProperties? _saved;

    /// <summary>This request's own copy of the token's authentication properties, with <paramref name="saved"/> stored as the access token unless null.</summary>
    public AuthenticationProperties CreateProperties(string? saved)
    {
        var items = _properties;
        if (saved is not null)
        {
            var template = Volatile.Read(ref _saved);
            if (template is null || !ReferenceEquals(template.Token, saved))
            {
                template = new SavedProperties(saved, FormatProperties(Token, saved));
                Volatile.Write(ref _saved, template);
            }

            items = template.Items;
        }

        return new AuthenticationProperties(new Dictionary<string, string?>(items, StringComparer.Ordinal));
    }

    // With the framework's own setters and StoreTokens, so the items are exactly what JwtBearerHandler would write.
    private static Dictionary<string, string?> FormatProperties(JsonWebToken token, string? saved)
    {
        var properties = new AuthenticationProperties { ExpiresUtc = SafeDateTime(token.ValidTo), IssuedUtc = SafeDateTime(token.ValidFrom) };
        if (saved is not null)
        {
            properties.StoreTokens([new AuthenticationToken { Name = "access_token", Value = saved }]);
        }

        return new Dictionary<string, string?>(properties.Items, StringComparer.Ordinal);
    }

    // As JwtBearerHandler: DateTime.MinValue (a claim the token does not have) is no date at all.
    private static DateTimeOffset? SafeDateTime(DateTime value) => value == DateTime.MinValue ? null : value;

    private sealed record SavedProperties(string Token, Dictionary<string, string?> Items);
}
