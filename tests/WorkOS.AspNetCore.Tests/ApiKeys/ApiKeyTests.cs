using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using WorkOS.AspNetCore.ApiKeys;
using WorkOS.AspNetCore.Claims;
using WorkOS.AspNetCore.Emulator;
using WorkOS.AspNetCore.Tests.Api;
using WorkOS.AspNetCore.Tests.Bearer;
using WorkOS.AspNetCore.Tests.Infrastructure;

namespace WorkOS.AspNetCore.Tests.ApiKeys;

/// <summary>
/// The API key scheme against the emulator's <c>POST /api_keys/validations</c>: claims and policies, refusals, the
/// cache (hash-keyed, bounded, single flight), revocation within the cache lifetime, and failing closed when WorkOS
/// is down while cached keys keep working.
/// </summary>
public sealed class ApiKeyTests
{
    private const string Scheme = WorkOSApiKeyDefaults.AuthenticationScheme;
    private const string AcmeKey = "sk_acme_reports_emulator";

    [Fact]
    public async Task A_valid_key_as_bearer_authenticates_with_owner_and_permission_claims()
    {
        await using var app = await ApiTestApp.StartAsync(Scheme);

        var me = await app.MeAsync(AcmeKey);

        Assert.Equal(Scheme, me.AuthenticationType);
        Assert.Equal("Acme reporting", me.Name);
        Assert.Equal(["org_acme"], me.Values(WorkOSClaimTypes.OrganizationId));
        Assert.Equal(["reports:view"], me.Values(WorkOSClaimTypes.Permission));
        Assert.Equal(["api_key_acme_reports"], me.Values(WorkOSApiKeyDefaults.KeyIdClaimType));
        Assert.Empty(me.Values(WorkOSClaimTypes.UserId));
        Assert.Contains(app.Logs.Entries, e => e.EventId.Id == 1453 && e.Message.Contains("api_key_acme_reports", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_valid_key_in_the_configured_header_authenticates()
    {
        await using var app = await ApiTestApp.StartAsync(Scheme);

        var me = await app.MeAsync(configure: r => r.Headers.Add("X-Api-Key", AcmeKey));

        Assert.Equal(["org_acme"], me.Values(WorkOSClaimTypes.OrganizationId));
    }

    [Fact]
    public async Task A_custom_header_name_is_honoured_and_the_default_one_then_ignored()
    {
        await using var app = await ApiTestApp.StartAsync(Scheme, apiKey: o => o.HeaderName = "X-Customer-Key");

        Assert.Equal(HttpStatusCode.OK, (await app.GetAsync("/api/me", configure: r => r.Headers.Add("X-Customer-Key", AcmeKey))).StatusCode);
        Assert.Equal("Bearer", (await app.GetAsync("/api/me", configure: r => r.Headers.Add("X-Api-Key", AcmeKey))).WwwAuthenticate());
    }

    [Fact]
    public async Task Permission_policies_work_the_same_as_for_users()
    {
        await using var app = await ApiTestApp.StartAsync(Scheme);

        Assert.Equal(HttpStatusCode.OK, (await app.GetAsync("/api/reports", AcmeKey)).StatusCode);

        var forbidden = await app.SendAsync(HttpMethod.Post, "/api/posts", AcmeKey);
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        Assert.StartsWith("Bearer error=\"insufficient_scope\"", forbidden.WwwAuthenticate(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_key_owned_by_a_user_maps_the_owner_to_sub()
    {
        await using var app = await ApiTestApp.StartAsync(Scheme, configureEmulator: o => o.Seed.AddApiKey(new SeedApiKey
        {
            Id = "api_key_bob",
            Value = "sk_bob_personal",
            Name = "Bob's key",
            OwnerType = "user",
            OwnerId = "user_bob",
            Permissions = ["posts:read", "posts:write"],
        }));

        var me = await app.MeAsync("sk_bob_personal");

        Assert.Equal(["user_bob"], me.Values(WorkOSClaimTypes.UserId));
        Assert.Empty(me.Values(WorkOSClaimTypes.OrganizationId));
        Assert.Equal(HttpStatusCode.OK, (await app.SendAsync(HttpMethod.Post, "/api/posts", "sk_bob_personal")).StatusCode);
    }

    [Fact]
    public async Task An_unknown_key_is_401_logged_by_fingerprint_and_cached_for_a_while()
    {
        await using var app = await ApiTestApp.StartAsync(Scheme);
        const string unknown = "sk_live_not_a_real_key_123";

        Assert.Equal("The API key is not valid.", (await app.GetAsync("/api/me", unknown)).AssertInvalidToken());
        Assert.Equal("The API key is not valid.", (await app.GetAsync("/api/me", unknown)).AssertInvalidToken());
        Assert.Equal(1, app.ValidationCalls);

        var fingerprint = ApiKeyValidator.Fingerprint(ApiKeyValidator.Hash(unknown));
        Assert.Contains(app.Logs.Entries, e => e.EventId.Id == 1452 && e.Message.Contains(fingerprint, StringComparison.Ordinal));
        Assert.DoesNotContain(app.Logs.Entries, e => e.Message.Contains(unknown, StringComparison.Ordinal));

        app.Clock.Advance(TimeSpan.FromSeconds(31));
        (await app.GetAsync("/api/me", unknown)).AssertInvalidToken();
        Assert.Equal(2, app.ValidationCalls);
    }

    [Fact]
    public async Task A_revoked_key_keeps_working_only_until_its_cached_answer_expires()
    {
        await using var app = await ApiTestApp.StartAsync(Scheme, apiKey: o => o.CacheDuration = TimeSpan.FromMinutes(2));
        Assert.Equal(HttpStatusCode.OK, (await app.GetAsync("/api/me", AcmeKey)).StatusCode);

        Assert.True(app.Emulator.RevokeApiKey(AcmeKey));
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(HttpStatusCode.OK, (await app.GetAsync("/api/me", AcmeKey)).StatusCode);
        Assert.Equal(1, app.ValidationCalls);

        app.Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal("The API key is not valid.", (await app.GetAsync("/api/me", AcmeKey)).AssertInvalidToken());
        Assert.Equal(2, app.ValidationCalls);
    }

    [Fact]
    public async Task A_key_is_never_cached_past_its_expiry()
    {
        await using var app = await ApiTestApp.StartAsync(Scheme, configureEmulator: o => o.Seed.AddApiKey(new SeedApiKey
        {
            Value = "sk_short_lived",
            Name = "Short lived",
            OwnerId = "org_acme",
            Permissions = ["reports:view"],
            ExpiresAt = o.TimeProvider.GetUtcNow().AddSeconds(20),
        }));

        Assert.Equal(HttpStatusCode.OK, (await app.GetAsync("/api/me", "sk_short_lived")).StatusCode);
        app.Clock.Advance(TimeSpan.FromSeconds(21));

        Assert.Equal("The API key is not valid.", (await app.GetAsync("/api/me", "sk_short_lived")).AssertInvalidToken());
        Assert.Equal(2, app.ValidationCalls);
    }

    [Fact]
    public async Task Many_requests_with_the_same_key_make_one_upstream_call()
    {
        await using var app = await ApiTestApp.StartAsync(Scheme);

        for (var i = 0; i < 25; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await app.GetAsync("/api/reports", AcmeKey)).StatusCode);
        }

        Assert.Equal(1, app.ValidationCalls);
    }

    [Fact]
    public async Task Concurrent_requests_with_a_new_key_share_one_upstream_call()
    {
        await using var app = await ApiTestApp.StartAsync(Scheme);
        app.Emulator.InjectFault("POST", "/api_keys/validations", 0, latency: TimeSpan.FromMilliseconds(300));

        var responses = await app.Emulator.ReleasingLatencyAsync(app.Clock, TimeSpan.FromMilliseconds(300), "POST", "/api_keys/validations",
            Task.WhenAll(Enumerable.Range(0, 50).Select(_ => app.GetAsync("/api/reports", AcmeKey))));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Equal(1, app.ValidationCalls);
    }

    [Fact]
    public async Task Fifty_concurrent_requests_with_a_new_key_make_one_upstream_call_and_leave_its_answer_in_the_apps_HybridCache()
    {
        await using var app = await ApiTestApp.StartAsync(Scheme, services: s => s.AddHybridCache());
        app.Emulator.InjectFault("POST", "/api_keys/validations", 0, latency: TimeSpan.FromMilliseconds(300));

        var responses = await app.Emulator.ReleasingLatencyAsync(app.Clock, TimeSpan.FromMilliseconds(300), "POST", "/api_keys/validations",
            Task.WhenAll(Enumerable.Range(0, 50).Select(_ => app.GetAsync("/api/reports", AcmeKey))));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Equal(1, app.ValidationCalls);
        var memory = (MemoryCache)app.App.Services.GetRequiredService<IMemoryCache>();
        Assert.Contains("WorkOS:api-key:" + Scheme + ":" + ApiKeyValidator.Hash(AcmeKey), memory.Keys.OfType<string>());
    }

    [Fact]
    public async Task Answers_never_reach_the_apps_distributed_cache()
    {
        var distributed = new RecordingDistributedCache();
        await using var app = await ApiTestApp.StartAsync(Scheme, services: s => s.AddSingleton<IDistributedCache>(distributed));

        Assert.Equal(HttpStatusCode.OK, (await app.GetAsync("/api/reports", AcmeKey)).StatusCode);
        (await app.GetAsync("/api/reports", "sk_made_up")).AssertInvalidToken();
        Assert.Equal(HttpStatusCode.OK, (await app.GetAsync("/api/reports", AcmeKey)).StatusCode);

        Assert.Equal(2, app.ValidationCalls);
        // HybridCache itself reads its tag-invalidation key there; nothing of the scheme is read or written.
        Assert.DoesNotContain(distributed.Touched, k => k.StartsWith("WorkOS:", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_WorkOS_outage_is_not_cached_so_the_next_request_asks_again_and_succeeds()
    {
        await using var app = await ApiTestApp.StartAsync(Scheme);
        app.Emulator.InjectFault("POST", "/api_keys/validations", 503);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await app.GetAsync("/api/reports", AcmeKey)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await app.GetAsync("/api/reports", AcmeKey)).StatusCode);
        Assert.Equal(2, app.ValidationCalls);
    }

    [Fact]
    public async Task An_unexpected_exception_while_checking_a_key_surfaces_as_a_500_not_a_503_and_is_not_cached()
    {
        var failing = new FailingHandler();
        await using var app = await ApiTestApp.StartAsync(Scheme,
            services: s => s.AddHttpClient(WorkOSAuthKitDefaults.HttpClientName).AddHttpMessageHandler(() => failing));

        var response = await app.GetAsync("/api/reports", AcmeKey);

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Contains(nameof(FailingHandler), await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain(app.Logs.Entries, e => e.EventId.Id == 1454);

        failing.Enabled = false;
        Assert.Equal(HttpStatusCode.OK, (await app.GetAsync("/api/reports", AcmeKey)).StatusCode);
        Assert.Equal(1, app.ValidationCalls);
    }

    [Fact]
    public async Task Concurrent_requests_with_an_unknown_key_share_one_upstream_call()
    {
        await using var app = await ApiTestApp.StartAsync(Scheme);
        app.Emulator.InjectFault("POST", "/api_keys/validations", 0, latency: TimeSpan.FromMilliseconds(300));

        var responses = await app.Emulator.ReleasingLatencyAsync(app.Clock, TimeSpan.FromMilliseconds(300), "POST", "/api_keys/validations",
            Task.WhenAll(Enumerable.Range(0, 30).Select(_ => app.GetAsync("/api/reports", "sk_made_up"))));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Unauthorized, r.StatusCode));
        Assert.Equal(1, app.ValidationCalls);
    }

    [Fact]
    public async Task WorkOS_down_fails_closed_with_503_while_a_recently_validated_key_keeps_working()
    {
        await using var app = await ApiTestApp.StartAsync(Scheme, configureEmulator: o => o.Seed.AddApiKey(new SeedApiKey
        {
            Value = "sk_globex_reports",
            Name = "Globex",
            OwnerId = "org_globex",
            Permissions = ["reports:view"],
        }));
        Assert.Equal(HttpStatusCode.OK, (await app.GetAsync("/api/reports", AcmeKey)).StatusCode);
        app.Emulator.InjectFault("POST", "/api_keys/validations", 503, count: -1);

        var response = await app.GetAsync("/api/reports", "sk_globex_reports");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("Bearer error=\"temporarily_unavailable\", error_description=\"WorkOS could not be reached to check the API key.\"",
            response.WwwAuthenticate());
        Assert.NotNull(response.Headers.RetryAfter);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(503, problem.GetProperty("status").GetInt32());
        Assert.Equal("temporarily_unavailable", problem.GetProperty("error").GetString());
        Assert.Contains(app.Logs.Entries, e => e.EventId.Id == 1454 && e.Level == LogLevel.Warning);

        // The cached key is still served, without asking WorkOS.
        var callsBefore = app.ValidationCalls;
        Assert.Equal(HttpStatusCode.OK, (await app.GetAsync("/api/reports", AcmeKey)).StatusCode);
        Assert.Equal(callsBefore, app.ValidationCalls);

        // "Could not ask" is not cached: once WorkOS is back the key works at once.
        app.Emulator.ClearFaults();
        Assert.Equal(HttpStatusCode.OK, (await app.GetAsync("/api/reports", "sk_globex_reports")).StatusCode);
    }

    [Theory]
    [InlineData(429)]
    [InlineData(500)]
    [InlineData(502)]
    public async Task Transient_WorkOS_errors_are_503_not_401(int status)
    {
        await using var app = await ApiTestApp.StartAsync(Scheme);
        app.Emulator.InjectFault("POST", "/api_keys/validations", status, count: -1);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await app.GetAsync("/api/me", AcmeKey)).StatusCode);
    }

    [Fact]
    public async Task A_WorkOS_timeout_is_503()
    {
        // ValidationTimeout runs on the app's clock: WorkOS never answers, and only advancing that clock ends the wait.
        var clock = new FakeTimeProvider();
        var held = new HeldUpstreamHandler("/api_keys/validations");
        await using var app = await ApiTestApp.StartAsync(Scheme, apiKey: o => o.ValidationTimeout = TimeSpan.FromSeconds(3), services: s =>
        {
            s.AddSingleton<TimeProvider>(clock);
            s.AddHttpClient(WorkOSAuthKitDefaults.HttpClientName).AddHttpMessageHandler(() => held);
        });

        var pending = app.GetAsync("/api/me", AcmeKey);
        var upstream = await held.WaitForCallAsync(pending);
        clock.Advance(TimeSpan.FromSeconds(3) - TimeSpan.FromTicks(1));
        Assert.False(upstream.IsCancellationRequested);
        clock.Advance(TimeSpan.FromTicks(1));
        Assert.True(upstream.IsCancellationRequested);
        var response = await pending;

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Contains("did not answer in time", response.WwwAuthenticate(), StringComparison.Ordinal);
        Assert.Contains(app.Logs.Entries, e => e.EventId.Id == 1454 && e.Message.Contains("did not answer in time", StringComparison.Ordinal));
        Assert.Equal(0, app.ValidationCalls); // the held call never reached WorkOS
    }

    [Fact]
    public async Task WorkOS_refusing_the_apps_own_key_is_503_and_an_error_log_not_a_401_for_the_customer()
    {
        await using var app = await ApiTestApp.StartAsync(Scheme, apiKey: o => o.ApiKey = "sk_test_wrong_app_key");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await app.GetAsync("/api/me", AcmeKey)).StatusCode);
        Assert.Contains(app.Logs.Entries, e => e.EventId.Id == 1455 && e.Level == LogLevel.Error);
        Assert.DoesNotContain(app.Logs.Entries, e => e.Message.Contains("sk_test_wrong_app_key", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_jwt_in_the_authorization_header_is_not_sent_to_WorkOS_as_a_key()
    {
        await using var app = await ApiTestApp.StartAsync(Scheme);

        var response = await app.GetAsync("/api/me", app.AliceToken());

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Bearer", response.WwwAuthenticate());
        Assert.Equal(0, app.ValidationCalls);
    }

    [Theory]
    [InlineData("sk_with space")]
    [InlineData("sk_with_\u00e9_accent")]
    [InlineData("sk_with_tab\tinside")]
    [InlineData("header.payload.signature")]
    public async Task A_key_no_WorkOS_key_can_be_is_refused_locally(string value)
    {
        await using var app = await ApiTestApp.StartAsync(Scheme);

        var response = await app.GetAsync("/api/me", configure: r => r.Headers.TryAddWithoutValidation("X-Api-Key", value));

        response.AssertInvalidToken();
        Assert.Equal(0, app.ValidationCalls);
        Assert.Contains(app.Logs.Entries, e => e.EventId.Id == 1452 && e.Message.Contains("(malformed", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Oversized_empty_and_repeated_keys_are_refused_locally()
    {
        await using var app = await ApiTestApp.StartAsync(Scheme);

        Assert.Equal("The API key is too long.", (await app.GetAsync("/api/me", "sk_" + new string('a', 600))).AssertInvalidToken());
        Assert.Equal("The Authorization header is too large.", (await app.GetAsync("/api/me", "sk_" + new string('a', 100_000))).AssertInvalidToken());
        Assert.Equal("The X-Api-Key header is empty.", (await app.GetAsync("/api/me", configure: r => r.Headers.TryAddWithoutValidation("X-Api-Key", " "))).AssertInvalidToken());
        Assert.Equal("Send one X-Api-Key header.", (await app.GetAsync("/api/me", configure: r => r.Headers.TryAddWithoutValidation("X-Api-Key", [AcmeKey, AcmeKey]))).AssertInvalidToken());
        Assert.Equal(0, app.ValidationCalls);
    }

    [Fact]
    public async Task The_cache_holds_hashes_never_keys_and_a_flood_of_unknown_keys_stops_being_cached_at_the_limit()
    {
        await using var app = await ApiTestApp.StartAsync(Scheme, apiKey: o => o.CacheSizeLimit = 5);
        Assert.Equal(HttpStatusCode.OK, (await app.GetAsync("/api/me", AcmeKey)).StatusCode);
        for (var i = 0; i < 20; i++)
        {
            (await app.GetAsync("/api/me", $"sk_flood_{i}")).AssertInvalidToken();
        }

        var memory = (MemoryCache)app.App.Services.GetRequiredService<IMemoryCache>();
        var stored = memory.Keys.OfType<string>().Where(k => k.StartsWith("WorkOS:api-key:", StringComparison.Ordinal)).ToList();
        Assert.Equal(6, stored.Count);
        Assert.All(stored, k => Assert.Matches("^WorkOS:api-key:" + Regex.Escape(Scheme) + ":[0-9A-F]{64}$", k));
        Assert.DoesNotContain(stored, k => k.Contains(AcmeKey, StringComparison.Ordinal) || k.Contains("sk_flood", StringComparison.Ordinal));
        Assert.Single(app.Logs.Entries, e => e.EventId.Id == 1459 && e.Level == LogLevel.Warning);

        // Within the limit an unknown key is answered from the cache; past it, it is refused after asking again.
        var calls = app.ValidationCalls;
        (await app.GetAsync("/api/me", "sk_flood_0")).AssertInvalidToken();
        Assert.Equal(calls, app.ValidationCalls);
        (await app.GetAsync("/api/me", "sk_flood_19")).AssertInvalidToken();
        Assert.Equal(calls + 1, app.ValidationCalls);

        // The valid key survived the flood of made-up ones.
        Assert.Equal(HttpStatusCode.OK, (await app.GetAsync("/api/me", AcmeKey)).StatusCode);
        Assert.Equal(calls + 1, app.ValidationCalls);
    }

    [Fact]
    public async Task OnKeyValidated_can_add_claims_or_reject_the_key()
    {
        await using var app = await ApiTestApp.StartAsync(Scheme, apiKey: o => o.Events.OnKeyValidated = context =>
        {
            if (context.ApiKey.Owner?.Id == "org_acme" && context.Request.Headers.ContainsKey("X-Suspend"))
            {
                context.Fail("The customer is suspended.");
            }
            else
            {
                ((System.Security.Claims.ClaimsIdentity)context.Principal!.Identity!).AddClaim(new System.Security.Claims.Claim("tier", "gold"));
            }

            return Task.CompletedTask;
        });

        Assert.Equal(["gold"], (await app.MeAsync(AcmeKey)).Values("tier"));
        Assert.Equal("The customer is suspended.",
            (await app.GetAsync("/api/me", AcmeKey, r => r.Headers.Add("X-Suspend", "1"))).AssertInvalidToken());
    }

    [Fact]
    public async Task OnChallenge_can_write_its_own_response()
    {
        await using var app = await ApiTestApp.StartAsync(Scheme, apiKey: o => o.Events.OnChallenge = async context =>
        {
            context.HandleResponse();
            context.Response.StatusCode = 401;
            await context.Response.WriteAsync($"custom:{context.Error}");
        });

        var response = await app.GetAsync("/api/me", "sk_unknown");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("custom:invalid_token", await response.Content.ReadAsStringAsync());
    }

    /// <summary>A bug in the app's HTTP pipeline: not a WorkOS outage.</summary>
    private sealed class FailingHandler : DelegatingHandler
    {
        public bool Enabled { get; set; } = true;

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Enabled ? throw new InvalidOperationException(nameof(FailingHandler) + " is broken.") : base.SendAsync(request, cancellationToken);
    }

    /// <summary>A distributed cache that records every key it is asked about.</summary>
    private sealed class RecordingDistributedCache : IDistributedCache
    {
        private readonly MemoryDistributedCache _inner = new(Options.Create(new MemoryDistributedCacheOptions()));

        public System.Collections.Concurrent.ConcurrentBag<string> Touched { get; } = [];

        public byte[]? Get(string key) => Record(key, _inner.Get(key));

        public Task<byte[]?> GetAsync(string key, CancellationToken token = default) => Record(key, _inner.GetAsync(key, token));

        public void Refresh(string key) => Record(key, 0);

        public Task RefreshAsync(string key, CancellationToken token = default) => Record(key, Task.CompletedTask);

        public void Remove(string key) => Record(key, 0);

        public Task RemoveAsync(string key, CancellationToken token = default) => Record(key, Task.CompletedTask);

        public void Set(string key, byte[] value, DistributedCacheEntryOptions options) => Record(key, 0);

        public Task SetAsync(string key, byte[] value, DistributedCacheEntryOptions options, CancellationToken token = default) =>
            Record(key, Task.CompletedTask);

        private T Record<T>(string key, T result)
        {
            Touched.Add(key);
            return result;
        }
    }
}
