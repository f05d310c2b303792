using WorkOS.AspNetCore.Api;
using WorkOS.AspNetCore.ApiKeys;

namespace WorkOS.AspNetCore.Tests.ApiKeys;

/// <summary>The API key cache on its own: expiry, its size bound, and what it drops first.</summary>
public sealed class ApiKeyCacheTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void An_answer_expires_at_its_own_time()
    {
        var cache = new ApiKeyCache(10);
        cache.Set("A", Valid("a"), Now.AddMinutes(1), Now);

        Assert.True(cache.TryGet("A", Now.AddSeconds(59), out _));
        Assert.False(cache.TryGet("A", Now.AddMinutes(1), out _));
        Assert.Equal(0, cache.Count);
    }

    [Fact]
    public void A_flood_of_invalid_keys_never_grows_the_cache_past_its_limit_nor_evicts_valid_keys()
    {
        var cache = new ApiKeyCache(100);
        for (var i = 0; i < 50; i++)
        {
            cache.Set($"valid{i}", Valid($"k{i}"), Now.AddMinutes(1), Now);
        }

        for (var i = 0; i < 10_000; i++)
        {
            cache.Set($"invalid{i}", Invalid, Now.AddSeconds(30), Now);
            Assert.True(cache.Count <= 100);
        }

        for (var i = 0; i < 50; i++)
        {
            Assert.True(cache.TryGet($"valid{i}", Now, out var lookup));
            Assert.Equal(ApiKeyStatus.Valid, lookup.Status);
        }
    }

    [Fact]
    public void When_full_of_valid_keys_those_closest_to_expiry_go_first()
    {
        var cache = new ApiKeyCache(10);
        for (var i = 0; i < 10; i++)
        {
            cache.Set($"k{i}", Valid($"k{i}"), Now.AddSeconds(10 + i), Now);
        }

        cache.Set("new", Valid("new"), Now.AddMinutes(5), Now);

        Assert.True(cache.Count <= 10);
        Assert.True(cache.TryGet("new", Now, out _));
        Assert.False(cache.TryGet("k0", Now, out _));
        Assert.True(cache.TryGet("k9", Now, out _));
    }

    [Fact]
    public void Expired_answers_are_dropped_before_anything_else()
    {
        var cache = new ApiKeyCache(3);
        cache.Set("old", Valid("old"), Now.AddSeconds(1), Now);
        cache.Set("b", Valid("b"), Now.AddMinutes(1), Now);
        cache.Set("c", Valid("c"), Now.AddMinutes(1), Now);

        cache.Set("d", Valid("d"), Now.AddMinutes(1), Now.AddSeconds(2));

        Assert.Equal(3, cache.Count);
        Assert.True(cache.TryGet("b", Now.AddSeconds(2), out _));
        Assert.True(cache.TryGet("d", Now.AddSeconds(2), out _));
    }

    [Fact]
    public void Hashes_are_sha256_hex_and_differ_per_key()
    {
        var a = ApiKeyValidator.Hash("sk_a");
        Assert.Matches("^[0-9A-F]{64}$", a);
        Assert.NotEqual(a, ApiKeyValidator.Hash("sk_b"));
        Assert.Equal(a, ApiKeyValidator.Hash("sk_a"));
        Assert.Equal(12, ApiKeyValidator.Fingerprint(a).Length);
        Assert.Matches("^[0-9A-F]{64}$", ApiKeyValidator.Hash(new string('x', 5000)));
    }

    private static readonly ApiKeyLookup Invalid = new(ApiKeyStatus.Invalid, null, "invalid");

    private static ApiKeyLookup Valid(string id) => new(ApiKeyStatus.Valid, new WorkOSApiKey { Id = id }, "valid");
}
