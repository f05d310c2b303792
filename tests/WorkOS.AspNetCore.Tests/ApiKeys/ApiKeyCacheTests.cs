using Microsoft.Extensions.Logging;
using WorkOS.AspNetCore.Api;
using WorkOS.AspNetCore.ApiKeys;
using WorkOS.AspNetCore.Tests.Infrastructure;

namespace WorkOS.AspNetCore.Tests.ApiKeys;

/// <summary>The cache keys of API keys, and the budget of answers about unknown keys.</summary>
public sealed class ApiKeyCacheTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Unknown_key_answers_past_the_limit_are_not_stored_until_the_window_ends()
    {
        var budget = new UnknownKeyBudget();
        var options = new WorkOSApiKeyOptions { CacheSizeLimit = 3, InvalidKeyCacheDuration = TimeSpan.FromSeconds(30) };
        var logs = new TestLogSink();
        var logger = logs.CreateLogger("test");

        Assert.All(Enumerable.Range(0, 3), _ => Assert.True(budget.TryTake(options, Now, logger)));
        Assert.False(budget.TryTake(options, Now.AddSeconds(29), logger));
        Assert.False(budget.TryTake(options, Now.AddSeconds(29), logger));
        Assert.Single(logs.Entries, e => e.EventId.Id == 1459 && e.Level == LogLevel.Warning);

        Assert.True(budget.TryTake(options, Now.AddSeconds(30), logger));
    }

    [Fact]
    public void A_stored_answer_reads_back_as_it_was_and_an_outage_has_no_bytes()
    {
        var serializer = new ApiKeyAnswerSerializer();
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        var key = new WorkOSApiKey { Id = "api_key_1", Permissions = ["reports:view"], Owner = new WorkOSApiKeyOwner { Type = "organization", Id = "org_1" } };

        serializer.Serialize(new ApiKeyAnswer(new ApiKeyLookup(ApiKeyStatus.Valid, key, "valid"), Now.AddMinutes(1)), buffer);
        var read = serializer.Deserialize(new System.Buffers.ReadOnlySequence<byte>(buffer.WrittenMemory));

        Assert.Equal(ApiKeyStatus.Valid, read.Lookup.Status);
        Assert.Equal(Now.AddMinutes(1), read.ExpiresAt);
        Assert.Equal("api_key_1", read.Lookup.Key!.Id);
        Assert.Equal(["reports:view"], read.Lookup.Key.Permissions);
        Assert.Equal("org_1", read.Lookup.Key.Owner!.Id);
        Assert.Throws<InvalidOperationException>(() => serializer.Serialize(
            new ApiKeyAnswer(new ApiKeyLookup(ApiKeyStatus.Unavailable, null, "down"), Now.AddMinutes(1)), new System.Buffers.ArrayBufferWriter<byte>()));
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
}
