using System.Net;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using WorkOS.AspNetCore.Emulator;
using WorkOS.AspNetCore.Testing;
using WorkOS.AspNetCore.Tests.Bearer;
using WorkOS.AspNetCore.Tests.Infrastructure;
using Xunit.Abstractions;

namespace WorkOS.AspNetCore.Tests.Webhooks;

/// <summary>
/// The end-to-end case: two instances sharing one <see cref="IDistributedCache"/>, the emulator's webhook
/// endpoint pointing at instance A; a session revoked at WorkOS is refused, cookie and bearer token, on both, as soon as
/// the delivery has been handled.
/// </summary>
public sealed class RevocationAcrossInstancesTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Session_revoked_at_workos_is_refused_on_both_instances_once_the_webhook_to_one_of_them_is_handled()
    {
        var toInstanceA = new ForwardingHandler();
        var clock = TestClock.StartingNow();
        await using var emulator = WorkOSEmulator.CreateInProcess(o =>
        {
            o.TimeProvider = clock;
            o.WebhookHttpClient = new HttpClient(toInstanceA);
        });
        var keyRing = new EphemeralDataProtectionProvider();
        IDistributedCache cache = new MemoryDistributedCache(Options.Create(new MemoryDistributedCacheOptions()));
        void Shared(IServiceCollection s) => s.AddSingleton(cache).AddWorkOSDistributedSessionCoordination();
        await using var a = await RevocationTestApp.StartAsync(services: Shared, sharedEmulator: emulator, dataProtection: keyRing);
        await using var b = await RevocationTestApp.StartAsync(services: Shared, sharedEmulator: emulator, dataProtection: keyRing);
        TestClock.Align(clock, a.App.Clock, b.App.Clock);
        toInstanceA.Target = a.App.App.GetTestServer().CreateHandler();
        emulator.AddWebhookEndpoint("http://localhost" + WebhookTestApp.Path, WebhookTestApp.Secret);

        using var onA = await a.SignInAsync("alice@acme.com");
        var cookie = onA.GetCookie(WorkOSAuthKitDefaults.SessionCookieName)!;
        using var onB = b.App.CreateBrowser();
        onB.Cookies.Add(new Cookie(WorkOSAuthKitDefaults.SessionCookieName, cookie, "/", "localhost"));
        var token = await RevocationTestApp.TokenAsync(onA);
        var sid = (await onA.ClaimsAsync())["sid"].Single();
        Assert.Equal(HttpStatusCode.OK, (await onB.GetAsync("/protected")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await b.CallApiAsync(token)).StatusCode);

        var started = TimeProvider.System.GetTimestamp(); // wall time, printed only
        Assert.True(emulator.RevokeSession(sid));
        var delivery = await emulator.WaitForWebhookDeliveryAsync("session.revoked");
        await a.HandledAsync(delivery.EventId);
        var handledAfter = TimeProvider.System.GetElapsedTime(started);

        Assert.Equal(WebhookDeliveryState.Delivered, delivery.State);
        (await a.CallApiAsync(token)).AssertInvalidToken();
        (await b.CallApiAsync(token)).AssertInvalidToken();
        Assert.Equal(HttpStatusCode.Redirect, (await onA.GetAsync("/protected")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await onB.GetAsync("/protected")).StatusCode);
        Assert.Equal(0, emulator.CountRefreshes()); // refused on the shared list, not at a refresh at WorkOS
        output.WriteLine($"Revoked at WorkOS to handled on instance A: {handledAfter.TotalMilliseconds:F0} ms; refused on A and B (cookie and bearer) by {TimeProvider.System.GetElapsedTime(started).TotalMilliseconds:F0} ms.");
    }

    [Fact]
    public async Task User_revoked_on_one_instance_from_an_event_is_refused_on_the_other_sharing_the_cache()
    {
        var keyRing = new EphemeralDataProtectionProvider();
        IDistributedCache cache = new MemoryDistributedCache(Options.Create(new MemoryDistributedCacheOptions()));
        void Shared(IServiceCollection s) => s.AddSingleton(cache).AddWorkOSDistributedSessionCoordination();
        await using var a = await RevocationTestApp.StartAsync(services: Shared, dataProtection: keyRing);
        await using var b = await RevocationTestApp.StartAsync(services: Shared, sharedEmulator: a.Emulator, dataProtection: keyRing);
        TestClock.Align(a.App.Clock, b.App.Clock);
        using var onA = await a.SignInAsync("alice@acme.com");
        var token = await RevocationTestApp.TokenAsync(onA);
        Assert.Equal(HttpStatusCode.OK, (await b.CallApiAsync(token)).StatusCode);
        a.App.Clock.Advance(TimeSpan.FromSeconds(1));
        b.App.Clock.Advance(TimeSpan.FromSeconds(1));

        await a.DeliverAsync("event_01DEACTIVATED", "organization_membership.updated", EventData.Membership("user_alice", "org_acme", "inactive"), a.Now);

        (await b.CallApiAsync(token)).AssertInvalidToken();
        using var onB = b.App.CreateBrowser();
        onB.Cookies.Add(new Cookie(WorkOSAuthKitDefaults.SessionCookieName, onA.GetCookie(WorkOSAuthKitDefaults.SessionCookieName)!, "/", "localhost"));
        Assert.Equal(HttpStatusCode.Redirect, (await onB.GetAsync("/protected")).StatusCode);
    }
}
