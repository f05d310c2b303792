using System.Net;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using WorkOS.AspNetCore.Session;
using WorkOS.AspNetCore.Testing;
using WorkOS.AspNetCore.Tests.Infrastructure;

namespace WorkOS.AspNetCore.Tests.Session;

/// <summary>Sign-out and revocation make a session's cookie worthless at once, even while its access token has time left.</summary>
public sealed class RevokedSessionTests
{
    private static readonly TimeSpan IntoBuffer = TimeSpan.FromMinutes(4) + TimeSpan.FromSeconds(45);

    private static WorkOSTestClient BrowserWith(AuthKitTestApp app, string sessionCookie)
    {
        var browser = app.CreateBrowser();
        browser.Cookies.Add(new Cookie(WorkOSAuthKitDefaults.SessionCookieName, sessionCookie, "/", "localhost"));
        return browser;
    }

    private static async Task AssertRefusedAsync(AuthKitTestApp app, string sessionCookie)
    {
        using var replay = BrowserWith(app, sessionCookie);
        var response = await replay.GetAsync("/protected");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/user_management/authorize", replay.Location(response).AbsolutePath);
        Assert.Contains(response.SetCookies(), c => c.StartsWith(WorkOSAuthKitDefaults.SessionCookieName + "=;", StringComparison.Ordinal));
        Assert.Contains(app.Logs.Entries, e => e.EventId.Id == 1213);
    }

    [Fact]
    public async Task Cookie_replayed_after_sign_out_is_refused_while_its_access_token_is_still_valid()
    {
        await using var app = await AuthKitTestApp.StartAsync();
        using var browser = app.CreateBrowser();
        await browser.SignInAsync("alice@acme.com");
        var captured = browser.GetCookie(WorkOSAuthKitDefaults.SessionCookieName)!;
        Assert.Equal(HttpStatusCode.Redirect, (await browser.SubmitFormAsync("/auth/sign-out", new Dictionary<string, string>())).StatusCode);

        app.Clock.Advance(TimeSpan.FromMinutes(1)); // the captured token has four minutes left
        await AssertRefusedAsync(app, captured);
        Assert.Equal(0, app.Emulator.CountRefreshes());
    }

    [Fact]
    public async Task Previous_cookie_is_not_revived_after_sign_out_even_within_the_replay_window()
    {
        await using var app = await AuthKitTestApp.StartAsync();
        using var browser = app.CreateBrowser();
        await browser.SignInAsync("alice@acme.com");
        var previous = browser.GetCookie(WorkOSAuthKitDefaults.SessionCookieName)!;
        app.Clock.Advance(IntoBuffer);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/protected")).StatusCode); // refreshes
        await browser.SubmitFormAsync("/auth/sign-out", new Dictionary<string, string>());

        await AssertRefusedAsync(app, previous);
        Assert.Equal(1, app.Emulator.CountRefreshes());
    }

    [Fact]
    public async Task Session_revoked_through_the_session_service_is_refused_at_once()
    {
        await using var app = await AuthKitTestApp.StartAsync();
        using var browser = app.CreateBrowser();
        await browser.SignInAsync("alice@acme.com");
        var sid = (await browser.ClaimsAsync())["sid"].Single();

        await app.Services.GetRequiredService<WorkOSSessionService>().RevokeAsync(sid);

        await AssertRefusedAsync(app, browser.GetCookie(WorkOSAuthKitDefaults.SessionCookieName)!);
        Assert.False(app.Emulator.Sessions.Single(s => s.Id == sid).IsActive);
    }

    [Fact]
    public async Task Session_revoked_at_workos_ends_at_the_next_refresh_and_its_cookie_is_removed()
    {
        await using var app = await AuthKitTestApp.StartAsync();
        using var browser = app.CreateBrowser();
        await browser.SignInAsync("alice@acme.com");
        var sid = (await browser.ClaimsAsync())["sid"].Single();
        Assert.True(app.Emulator.RevokeSession(sid));

        app.Clock.Advance(IntoBuffer);
        var response = await browser.GetAsync("/protected");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Null(browser.GetCookie(WorkOSAuthKitDefaults.SessionCookieName));
        Assert.Contains(app.Logs.Entries, e => e.EventId.Id == 1205);
    }

    [Fact]
    public async Task Cookie_signed_out_on_one_instance_is_refused_on_another_sharing_the_store()
    {
        await using var emulator = WorkOSEmulator.CreateInProcess();
        var keyRing = new EphemeralDataProtectionProvider();
        IDistributedCache cache = new MemoryDistributedCache(Options.Create(new MemoryDistributedCacheOptions()));
        void Shared(IServiceCollection s) => s.AddSingleton(cache).AddWorkOSDistributedSessionCoordination();
        await using var a = await AuthKitTestApp.StartAsync(dataProtection: keyRing, sharedEmulator: emulator, services: Shared);
        await using var b = await AuthKitTestApp.StartAsync(dataProtection: keyRing, sharedEmulator: emulator, services: Shared);
        using var browser = a.CreateBrowser();
        await browser.SignInAsync("alice@acme.com");
        var captured = browser.GetCookie(WorkOSAuthKitDefaults.SessionCookieName)!;
        using (var onB = BrowserWith(b, captured))
        {
            Assert.Equal(HttpStatusCode.OK, (await onB.GetAsync("/protected")).StatusCode); // B accepts the session before
        }

        await browser.SubmitFormAsync("/auth/sign-out", new Dictionary<string, string>());

        await AssertRefusedAsync(b, captured);
    }

    [Fact]
    public async Task Shared_revoked_list_that_cannot_be_read_treats_the_request_as_anonymous_and_keeps_the_cookie()
    {
        var cache = new FailingCache();
        await using var app = await AuthKitTestApp.StartAsync(services: s => s.AddSingleton<IDistributedCache>(cache).AddWorkOSDistributedSessionCoordination());
        using var browser = app.CreateBrowser();
        await browser.SignInAsync("alice@acme.com");

        cache.Failing = true;
        var response = await browser.GetAsync("/protected");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.DoesNotContain(response.SetCookies(), c => c.StartsWith(WorkOSAuthKitDefaults.SessionCookieName, StringComparison.Ordinal));
        Assert.Contains(app.Logs.Entries, e => e.EventId.Id == 1214);
        cache.Failing = false;
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/protected")).StatusCode);
    }

    [Fact]
    public async Task Revoked_list_forgets_a_session_once_its_tokens_have_expired()
    {
        var clock = TestClock.StartingNow();
        var store = new MemoryRevokedSessionStore(clock);
        await store.RevokeAsync("session_a", clock.GetUtcNow() + TimeSpan.FromMinutes(5));

        Assert.True(await store.IsRevokedAsync("session_a"));
        Assert.False(await store.IsRevokedAsync("session_b"));
        clock.Advance(TimeSpan.FromMinutes(5));
        Assert.False(await store.IsRevokedAsync("session_a"));
        Assert.Equal(0, store.Count);
    }

    [Fact]
    public async Task Full_revoked_list_sweeps_expired_sessions_then_drops_the_soonest_to_expire()
    {
        var clock = TestClock.StartingNow();
        var store = new MemoryRevokedSessionStore(clock, capacity: 10);
        var now = clock.GetUtcNow();
        await store.RevokeAsync("session_expired", now + TimeSpan.FromSeconds(1));
        await store.RevokeAsync("session_soonest", now + TimeSpan.FromMinutes(1));
        for (var i = 0; i < 8; i++)
        {
            await store.RevokeAsync("session_" + i, now + TimeSpan.FromMinutes(5));
        }

        clock.Advance(TimeSpan.FromSeconds(2));
        await store.RevokeAsync("session_new", now + TimeSpan.FromMinutes(10)); // 11th: the expired entry makes room
        Assert.Equal(10, store.Count);
        Assert.True(await store.IsRevokedAsync("session_soonest"));

        await store.RevokeAsync("session_latest", now + TimeSpan.FromMinutes(10)); // 11th again: all live

        Assert.Equal(10, store.Count);
        Assert.False(await store.IsRevokedAsync("session_soonest"));
        Assert.True(await store.IsRevokedAsync("session_latest"));
        Assert.True(await store.IsRevokedAsync("session_0"));
    }

    /// <summary>A distributed cache that can be made to throw, like a Redis that went away.</summary>
    private sealed class FailingCache : IDistributedCache
    {
        private readonly MemoryDistributedCache _inner = new(Options.Create(new MemoryDistributedCacheOptions()));

        public bool Failing { get; set; }

        public byte[]? Get(string key) => Check() ? _inner.Get(key) : null;

        public Task<byte[]?> GetAsync(string key, CancellationToken token = default) => Check() ? _inner.GetAsync(key, token) : Task.FromResult<byte[]?>(null);

        public void Refresh(string key) => _inner.Refresh(key);

        public Task RefreshAsync(string key, CancellationToken token = default) => _inner.RefreshAsync(key, token);

        public void Remove(string key) => _inner.Remove(key);

        public Task RemoveAsync(string key, CancellationToken token = default) => _inner.RemoveAsync(key, token);

        public void Set(string key, byte[] value, DistributedCacheEntryOptions options) => _inner.Set(key, value, options);

        public Task SetAsync(string key, byte[] value, DistributedCacheEntryOptions options, CancellationToken token = default) =>
            _inner.SetAsync(key, value, options, token);

        private bool Check() => Failing ? throw new InvalidOperationException("The cache is unreachable.") : true;
    }
}
