using System.Net;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using WorkOS.AspNetCore.Tests.Infrastructure;
using WorkOS.AspNetCore.Testing;

namespace WorkOS.AspNetCore.Tests.Session;

/// <summary>
/// Two app instances behind a load balancer: one key ring, one distributed cache, one WorkOS, and multi-instance
/// coordination switched on.
/// </summary>
public sealed class MultiInstanceRefreshTests
{
    private static readonly TimeSpan IntoBuffer = TimeSpan.FromMinutes(4) + TimeSpan.FromSeconds(45);

    /// <summary>The emulator's clock; each instance has its own, moved in step.</summary>
    private ManualTimeProvider Clock { get; } = new();

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
        return (a, b, browser.CookieValue(WorkOSAuthKitDefaults.SessionCookieName)!);
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

        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(async i =>
        {
            using var browser = (i % 2 == 0 ? a : b).CreateBrowser();
            browser.Cookies.Add(new Cookie(WorkOSAuthKitDefaults.SessionCookieName, cookie, "/", "localhost"));
            return await browser.GetAsync("/protected");
        }));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.DoesNotContain(responses, r => r.SetCookies().Any(c => c.StartsWith(WorkOSAuthKitDefaults.SessionCookieName + "=;", StringComparison.Ordinal)));
        Assert.Equal(1, RefreshCalls(emulator));
    }

    [Fact]
    public async Task Without_a_distributed_cache_each_instance_keeps_its_own_results()
    {
        await using var app = await AuthKitTestApp.StartAsync();
        var store = app.Services.GetRequiredService<WorkOS.AspNetCore.Session.RefreshResultStore>();

        Assert.False(store.IsShared);
    }
}
