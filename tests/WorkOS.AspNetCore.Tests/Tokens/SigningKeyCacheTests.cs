using System.Collections.Concurrent;
using System.Security.Cryptography;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Tokens;
using WorkOS.AspNetCore.Tests.Infrastructure;
using WorkOS.AspNetCore.Tokens;

namespace WorkOS.AspNetCore.Tests.Tokens;

/// <summary>
/// Orderings of key fetches that requests cannot arrange on purpose, set up with a JWKS endpoint whose answers the test
/// holds and releases: which fetches happen, and which keys each lookup ends up with.
/// </summary>
public sealed class SigningKeyCacheTests
{
    private const string Url = "https://api.workos.test/sso/jwks/client_test";

    [Fact]
    public async Task A_token_from_WorkOS_that_joined_an_older_fetch_lacking_its_key_fetches_once_more()
    {
        var jwks = new ScriptedJwks();
        var cache = new SigningKeyCache(Url, jwks, TestClock.StartingNow(), TimeSpan.FromMinutes(5), TimeSpan.FromHours(12), NullLogger.Instance);
        jwks.Publish("key_a");
        Assert.NotNull((await cache.GetAsync("key_a", AccessTokenSource.Caller, CancellationToken.None)).Keys);

        // A caller's unknown kid starts a fetch that WorkOS answers with the keys of that moment, held in transit...
        var held = jwks.HoldNext();
        var callerLookup = cache.GetAsync("forged", AccessTokenSource.Caller, CancellationToken.None);
        await held.Requested;

        // ...WorkOS publishes key_b and signs in a user with it; that token's lookup joins the fetch in transit.
        jwks.Publish("key_a", "key_b");
        var workosLookup = cache.GetAsync("key_b", AccessTokenSource.WorkOS, CancellationToken.None);
        held.Release();

        var found = await workosLookup;
        Assert.False(found.FetchFailed);
        Assert.True(SigningKeyCache.HasKey(found.Keys!, "key_b"));
        Assert.Equal(3, jwks.Requests);
        Assert.False(SigningKeyCache.HasKey((await callerLookup).Keys!, "forged"));
    }

    [Fact]
    public async Task A_caller_fetch_in_transit_is_shared_and_a_throttled_caller_never_waits_for_or_starts_one()
    {
        var jwks = new ScriptedJwks();
        var cache = new SigningKeyCache(Url, jwks, TestClock.StartingNow(), TimeSpan.FromMinutes(5), TimeSpan.FromHours(12), NullLogger.Instance);
        jwks.Publish("key_a");
        await cache.GetAsync("key_a", AccessTokenSource.Caller, CancellationToken.None);

        var held = jwks.HoldNext();
        var lookups = Enumerable.Range(0, 20).Select(i => cache.GetAsync($"forged_{i}", AccessTokenSource.Caller, CancellationToken.None)).ToArray();
        await held.Requested;
        held.Release();
        await Task.WhenAll(lookups);
        Assert.Equal(2, jwks.Requests);

        // Throttled now: answered from the cache, no fetch.
        var throttled = await cache.GetAsync("forged_late", AccessTokenSource.Caller, CancellationToken.None);
        Assert.False(throttled.FetchFailed);
        Assert.True(SigningKeyCache.HasKey(throttled.Keys!, "key_a"));
        Assert.Equal(2, jwks.Requests);
    }

    /// <summary>A JWKS endpoint whose published keys the test sets, and whose next answer it can hold.</summary>
    [Fact]
    public async Task A_bug_in_a_key_fetch_reaches_the_waiting_requests_instead_of_passing_for_an_outage_and_the_next_fetch_runs()
    {
        var jwks = new ScriptedJwks();
        var cache = new SigningKeyCache(Url, jwks, TestClock.StartingNow(), TimeSpan.FromMinutes(5), TimeSpan.FromHours(12), NullLogger.Instance);
        jwks.Publish("key_a");
        await cache.GetAsync("key_a", AccessTokenSource.Caller, CancellationToken.None);

        jwks.Bug = new NotSupportedException("a bug, not an outage");
        await Assert.ThrowsAsync<NotSupportedException>(() => cache.GetAsync("key_b", AccessTokenSource.WorkOS, CancellationToken.None));

        jwks.Bug = null;
        jwks.Publish("key_a", "key_b");
        var found = await cache.GetAsync("key_b", AccessTokenSource.WorkOS, CancellationToken.None);
        Assert.False(found.FetchFailed);
        Assert.True(SigningKeyCache.HasKey(found.Keys!, "key_b"));
    }

    private sealed class ScriptedJwks : IDocumentRetriever
    {
        private readonly ConcurrentDictionary<string, string> _keys = new(StringComparer.Ordinal);
        private volatile string _document = """{"keys":[]}""";
        private Hold? _hold;
        private int _requests;

        public int Requests => Volatile.Read(ref _requests);

        public void Publish(params string[] kids) =>
            _document = "{\"keys\":[" + string.Join(',', kids.Select(kid => _keys.GetOrAdd(kid, Jwk))) + "]}";

        public Hold HoldNext() => _hold = new Hold();

        /// <summary>An exception no outage produces (a bug in the fetching code), thrown by the next requests while set.</summary>
        public Exception? Bug { get; set; }

        public async Task<string> GetDocumentAsync(string address, CancellationToken cancel)
        {
            Interlocked.Increment(ref _requests);
            if (Bug is { } bug)
            {
                throw bug;
            }

            var document = _document; // the keys of the moment the request reached WorkOS
            if (Interlocked.Exchange(ref _hold, null) is { } hold)
            {
                hold.Arrived();
                await hold.Released;
            }

            return document;
        }

        private static string Jwk(string kid)
        {
            using var rsa = RSA.Create(2048);
            var key = JsonWebKeyConverter.ConvertFromRSASecurityKey(new RsaSecurityKey(rsa.ExportParameters(false)) { KeyId = kid });
            return $$"""{"kty":"RSA","use":"sig","alg":"RS256","kid":"{{kid}}","n":"{{key.N}}","e":"{{key.E}}"}""";
        }
    }

    private sealed class Hold
    {
        private readonly TaskCompletionSource _requested = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task Requested => _requested.Task;

        public Task Released => _released.Task;

        public void Arrived() => _requested.TrySetResult();

        public void Release() => _released.TrySetResult();
    }
}
