using System.Net;
using Microsoft.AspNetCore.TestHost;
using WorkOS.AspNetCore.Emulator;
using WorkOS.AspNetCore.Testing;
using WorkOS.AspNetCore.Tests.Bearer;
using WorkOS.AspNetCore.Tests.Infrastructure;

namespace WorkOS.AspNetCore.Tests.Webhooks;

/// <summary>
/// Revocation from the events the emulator itself raises and delivers (not hand-made ones): a directory deprovisioning
/// the user ends that user's sessions in the organization, and nobody else's.
/// </summary>
public sealed class RevocationFromEmulatorEventsTests
{
    [Fact]
    public async Task A_user_deprovisioned_by_the_directory_is_refused_cookie_and_bearer_once_the_emulators_webhook_is_handled()
    {
        var toApp = new ForwardingHandler();
        var clock = TestClock.StartingNow();
        await using var emulator = WorkOSEmulator.CreateInProcess(o =>
        {
            o.TimeProvider = clock;
            o.WebhookHttpClient = new HttpClient(toApp);
        });
        await using var app = await RevocationTestApp.StartAsync(sharedEmulator: emulator);
        TestClock.Align(clock, app.App.Clock);
        toApp.Target = app.App.App.GetTestServer().CreateHandler();
        emulator.AddWebhookEndpoint("http://localhost" + WebhookTestApp.Path, WebhookTestApp.Secret);
        using var alice = await app.SignInAsync("alice@acme.com");
        using var bob = await app.SignInAsync("bob@acme.com");
        var token = await RevocationTestApp.TokenAsync(alice);
        clock.Advance(TimeSpan.FromSeconds(1));
        app.App.Clock.Advance(TimeSpan.FromSeconds(1));

        Assert.True(emulator.DeprovisionDirectoryUser("alice@acme.com", "org_acme"));
        var delivery = await emulator.WaitForWebhookDeliveryAsync("organization_membership.updated");
        await app.HandledAsync(delivery.EventId);

        Assert.Equal(WebhookDeliveryState.Delivered, delivery.State);
        (await app.CallApiAsync(token)).AssertInvalidToken();
        var page = await alice.GetAsync("/protected");
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.Contains(page.SetCookies(), c => c.StartsWith(WorkOSAuthKitDefaults.SessionCookieName + "=;", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.OK, (await bob.GetAsync("/protected")).StatusCode);
        Assert.True(app.Logged(1921));
    }
}
