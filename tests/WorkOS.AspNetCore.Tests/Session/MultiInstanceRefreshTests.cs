using System.Net;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using WorkOS.AspNetCore.Emulator;
using WorkOS.AspNetCore.Session;
using WorkOS.AspNetCore.Testing;
using WorkOS.AspNetCore.Tests.Infrastructure;

namespace WorkOS.AspNetCore.Tests.Session;

/// <summary>
/// Two app instances behind a load balancer: one key ring, one distributed cache, one WorkOS, and multi-instance
/// coordination switched on.
/// </summary>
public sealed class MultiInstanceRefreshTests : IAsyncLifetime
{
    /// <summary>The instances' clocks, running on while a test lasts: their claim settles and polls pass as on the system clock.</summary>
    private ClockPump? _instanceClocks;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_instanceClocks is not null)
        {
            await _instanceClocks.DisposeAsync();
        }
    }

    private static readonly TimeSpan IntoBuffer = TimeSpan.FromMinutes(4) + TimeSpan.FromSeconds(45);

    /// <summary>The emulator's clock; each instance has its own, moved in step.</summary>
    private FakeTimeProvider Clock { get; } = TestClock.StartingNow();

    /// <summary>
    /// Two instances sharing a key ring and a distributed cache, alice signed in through the first, and every clock
    /// moved into the refresh buffer. Returns the session cookie both instances will see.
    /// </summary>
    private async Task<(AuthKitTestApp A, AuthKitTestApp B, string Cookie)> SignedInOnTwoInstancesAsync(WorkOSEmulator emulator)
    {
        var keyRing = new EphemeralDataProtectionProvider();
        IDistributedCache cache = new MemoryDistributedCache(Options.Create(new MemoryDistributedCacheOptions()));
        var a = await AuthKitTestApp.StartAsync(dataProtection: keyRing, sharedEmulator: emulator, services: s => s.AddSingleton(cache).AddWorkOSDistributedSessionCoordination());
        var b = await AuthKitTestApp.StartAsync(dataProtection: keyRing, sharedEmulator: emulator, services: s => s.AddSingleton(cache).AddWorkOSDistributedSessionCoordination());
        using var browser = a.CreateBrowser();
        await browser.SignInAsync("alice@acme.com");
        a.Clock.Advance(IntoBuffer);
        b.Clock.Advance(IntoBuffer);
        Clock.Advance(IntoBuffer);
        _instanceClocks = new ClockPump(a.Clock, b.Clock);
        return (a, b, browser.GetCookie(WorkOSAuthKitDefaults.SessionCookieName)!);
    }

    private static int RefreshCalls(WorkOSEmulator emulator) =>
        emulator.Requests.Count(r => r.Path == "/user_management/authenticate" && r.Body["grant_type"] == "refresh_token");

    [Fact]
    public async Task Instances_hit_alternately_during_refresh_spend_the_refresh_token_once()
    {
        await using var emulator = WorkOSEmulator.CreateInProcess(o => o.TimeProvider = Clock);
        var (a, b, cookie) = await SignedInOnTwoInstancesAsync(emulator);
        await using var _ = a;
        await using var __ = b;

        // Requests carrying the same (old) cookie land on A, then B, then A, then B.
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            using var browser = (i % 2 == 0 ? a : b).CreateBrowser();
            browser.Cookies.Add(new Cookie(WorkOSAuthKitDefaults.SessionCookieName, cookie, "/", "localhost"));
            statuses.Add((await browser.GetAsync("/protected")).StatusCode);
        }

        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.OK, s));
        Assert.Equal(1, RefreshCalls(emulator));
    }

    [Fact]
    public async Task Instances_hit_at_once_during_refresh_sign_nobody_out()
    {
        await using var emulator = WorkOSEmulator.CreateInProcess(o => o.TimeProvider = Clock);
        var (a, b, cookie) = await SignedInOnTwoInstancesAsync(emulator);
        await using var _ = a;
        await using var __ = b;
        emulator.InjectFault("POST", "/user_management/authenticate", 0, latency: TimeSpan.FromMilliseconds(200), count: 2);

        var requests = Task.WhenAll(Enumerable.Range(0, 20).Select(async i =>
        {
            using var browser = (i % 2 == 0 ? a : b).CreateBrowser();
            browser.Cookies.Add(new Cookie(WorkOSAuthKitDefaults.SessionCookieName, cookie, "/", "localhost"));
            return await browser.GetAsync("/protected");
        }));
        var responses = await emulator.ReleasingLatencyAsync(Clock, TimeSpan.FromMilliseconds(200), "POST", "/user_management/authenticate", requests);

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.DoesNotContain(responses, r => r.SetCookies().Any(c => c.StartsWith(WorkOSAuthKitDefaults.SessionCookieName + "=;", StringComparison.Ordinal)));
        Assert.Equal(1, RefreshCalls(emulator));
    }

    [Fact]
    public async Task Without_a_distributed_cache_each_instance_keeps_its_own_results()
    {
        await using var app = await AuthKitTestApp.StartAsync();
        var coordinator = app.Services.GetRequiredService<ISessionRefreshCoordinator>();

        Assert.IsType<InProcessSessionRefreshCoordinator>(coordinator);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Opting_in_replaces_the_in_process_coordinator_whether_it_comes_before_or_after_AddWorkOSAuthKit(bool optInFirst)
    {
        var services = new ServiceCollection().AddLogging()
            .AddSingleton<IDistributedCache>(new MemoryDistributedCache(Options.Create(new MemoryDistributedCacheOptions())));
        if (optInFirst)
        {
            services.AddWorkOSDistributedSessionCoordination();
        }

        services.AddWorkOSAuthKit(o => o.ClientId = "client_test");
        if (!optInFirst)
        {
            services.AddWorkOSDistributedSessionCoordination();
        }

        using var provider = services.BuildServiceProvider();

        Assert.IsType<DistributedSessionRefreshCoordinator>(provider.GetRequiredService<ISessionRefreshCoordinator>());
        Assert.Single(services, d => d.ServiceType == typeof(ISessionRefreshCoordinator));
    }

    [Fact]
    public async Task App_with_a_distributed_cache_but_no_opt_in_shares_nothing_and_never_waits_for_another_instance()
    {
        // Razor Pages and MVC register an in-memory IDistributedCache; that alone must not switch coordination on.
        var appCache = new CountingCache();
        await using var app = await AuthKitTestApp.StartAsync(services: s => s.AddRazorPages().Services.AddSingleton<IDistributedCache>(appCache));
        using var browser = app.CreateBrowser();
        await browser.SignInAsync("alice@acme.com");
        app.Emulator.InjectFault("POST", "/user_management/authenticate", 503, count: 1);
        app.Clock.Advance(IntoBuffer);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/protected")).StatusCode); // transient: backs off

        app.Clock.Advance(TimeSpan.FromSeconds(6));
        var retried = await browser.GetAsync("/protected");

        Assert.Equal(HttpStatusCode.OK, retried.StatusCode);
        Assert.True(retried.SetsSessionCookie());
        Assert.Equal(2, RefreshCalls(app.Emulator));
        Assert.DoesNotContain(app.Logs.Entries, e => e.EventId.Id == 1210);
        Assert.Equal(0, appCache.Calls); // neither results, claims nor the revoked list went to the app's cache
    }

    [Fact]
    public async Task Failed_refresh_releases_its_claim_so_another_instance_refreshes_at_once()
    {
        await using var emulator = WorkOSEmulator.CreateInProcess(o => o.TimeProvider = Clock);
        var (a, b, cookie) = await SignedInOnTwoInstancesAsync(emulator);
        await using var _ = a;
        await using var __ = b;
        emulator.InjectFault("POST", "/user_management/authenticate", 503, count: 1);
        using var onA = a.CreateBrowser();
        onA.Cookies.Add(new Cookie(WorkOSAuthKitDefaults.SessionCookieName, cookie, "/", "localhost"));
        Assert.Equal(HttpStatusCode.OK, (await onA.GetAsync("/protected")).StatusCode); // A's refresh fails transiently

        using var onB = b.CreateBrowser();
        onB.Cookies.Add(new Cookie(WorkOSAuthKitDefaults.SessionCookieName, cookie, "/", "localhost"));
        var response = await onB.GetAsync("/protected");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(response.SetsSessionCookie());
        Assert.Equal(2, RefreshCalls(emulator));
        Assert.DoesNotContain(b.Logs.Entries, e => e.EventId.Id == 1210); // B claimed the token at once
    }

    /// <summary>The app's own cache, counting every use.</summary>
    private sealed class CountingCache : IDistributedCache
    {
        private readonly MemoryDistributedCache _inner = new(Options.Create(new MemoryDistributedCacheOptions()));
        private int _calls;

        public int Calls => _calls;

        public byte[]? Get(string key) => Count(_inner.Get(key));

        public Task<byte[]?> GetAsync(string key, CancellationToken token = default) => Count(_inner.GetAsync(key, token));

        public void Refresh(string key) => Count(key);

        public Task RefreshAsync(string key, CancellationToken token = default) => Count(_inner.RefreshAsync(key, token));

        public void Remove(string key) => _inner.Remove(Count(key));

        public Task RemoveAsync(string key, CancellationToken token = default) => Count(_inner.RemoveAsync(key, token));

        public void Set(string key, byte[] value, DistributedCacheEntryOptions options) => _inner.Set(Count(key), value, options);

        public Task SetAsync(string key, byte[] value, DistributedCacheEntryOptions options, CancellationToken token = default) =>
            Count(_inner.SetAsync(key, value, options, token));

        private T Count<T>(T value)
        {
            Interlocked.Increment(ref _calls);
            return value;
        }
    }
}
