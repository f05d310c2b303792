using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.IdentityModel.JsonWebTokens;

namespace WorkOS.AspNetCore.Claims;

/// <summary>
/// What a session cookie's identity derives to, computed once per access token: the token text, the parsed token,
/// and every claim (token claims then profile claims) in the order the mapper produces them. Shared between the
/// requests of one session and never handed out: each request gets clones of <see cref="Claims"/> in its own identity,
/// so an app that mutates its principal (claims transformation, say) never changes what the next request sees.
/// </summary>
internal sealed class DerivedIdentity(string scheme, string authenticationType, string accessToken, JsonWebToken token, Claim[] claims)
{
    public string Scheme { get; } = scheme;

    public string AuthenticationType { get; } = authenticationType;

    public string AccessToken { get; } = accessToken;

    public JsonWebToken Token { get; } = token;

    public Claim[] Claims { get; } = claims;

    /// <summary>A fresh identity of this session, one the caller owns.</summary>
    public ClaimsIdentity CreateIdentity() =>
        new(Claims, AuthenticationType, WorkOSClaimTypes.Email, WorkOSClaimTypes.Role);
}

/// <summary>The SHA-256 of the sealed bytes an identity derives from: distinct sessions and tokens never share a key.</summary>
internal readonly struct DerivedIdentityKey : IEquatable<DerivedIdentityKey>
{
    private readonly ulong _a, _b, _c, _d;

    private DerivedIdentityKey(ReadOnlySpan<byte> hash)
    {
        _a = BitConverter.ToUInt64(hash);
        _b = BitConverter.ToUInt64(hash[8..]);
        _c = BitConverter.ToUInt64(hash[16..]);
        _d = BitConverter.ToUInt64(hash[24..]);
    }

    public static DerivedIdentityKey Of(ReadOnlySpan<byte> source)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(source, hash);
        return new DerivedIdentityKey(hash);
    }

    public bool Equals(DerivedIdentityKey other) => _a == other._a && _b == other._b && _c == other._c && _d == other._d;

    public override bool Equals(object? obj) => obj is DerivedIdentityKey other && Equals(other);

    public override int GetHashCode() => (int)_a ^ (int)(_a >> 32);
}

/// <summary>
/// A bounded per-process cache of derived identities, in two generations: entries go into the current generation;
/// when it holds half the capacity it becomes the previous one and the old previous generation is dropped whole. An
/// entry read from the previous generation moves back to the current one, so sessions in use stay while those not seen
/// for a generation leave (an approximate LRU). Lookups take no lock and allocate nothing; nothing is ever scanned or
/// sorted. A session's token changes on every refresh, so entries of old tokens simply age out.
/// </summary>
internal sealed class DerivedClaimsCache
{
    /// <summary>The default bound: about 10 MB for sessions of some fifty claims.</summary>
    public const int DefaultCapacity = 1024;

    private readonly int _generationSize;
    private readonly Lock _rotation = new();
    private Generation _current = new();
    private Generation _previous = new();

    public DerivedClaimsCache(int capacity = DefaultCapacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 2);
        _generationSize = capacity / 2;
    }

    /// <summary>How many entries the cache holds now (never much more than its capacity).</summary>
    public int Count => _current.Entries.Count + _previous.Entries.Count;

    public bool TryGet(DerivedIdentityKey key, [NotNullWhen(true)] out DerivedIdentity? value)
    {
        if (_current.Entries.TryGetValue(key, out value))
        {
            return true;
        }

        if (_previous.Entries.TryGetValue(key, out value))
        {
            Add(key, value);
            return true;
        }

        return false;
    }

    public void Add(DerivedIdentityKey key, DerivedIdentity value)
    {
        var current = _current;
        if (current.Entries.TryAdd(key, value) && Interlocked.Increment(ref current.Count) >= _generationSize)
        {
            lock (_rotation)
            {
                if (ReferenceEquals(_current, current))
                {
                    _previous = current;
                    _current = new Generation();
                }
            }
        }
    }

    private sealed class Generation
    {
        public readonly ConcurrentDictionary<DerivedIdentityKey, DerivedIdentity> Entries = new();
        public int Count;
    }
}
