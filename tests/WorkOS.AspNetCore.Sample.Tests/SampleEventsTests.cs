using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using WorkOS.AspNetCore.Testing;

namespace WorkOS.AspNetCore.Sample.Tests;

/// <summary>
/// The sample's events page: against the emulator the sample registers its webhook endpoint at start, the emulator's
/// signed deliveries pass its verification, and the page lists what arrived.
/// </summary>
public sealed class SampleEventsTests(WebApplicationFactory<Program> baseFactory) : IClassFixture<WebApplicationFactory<Program>>
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Signing_in_and_out_shows_session_created_and_session_revoked_on_the_events_page()
    {
        var revokedHandled = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        WebApplicationFactory<Program>? factory = null;
        using var toApp = new HttpClient(new LateHandler(() => factory!.Server.CreateHandler()));
        factory = baseFactory
            .WithWorkOSEmulator(configure: o => o.WebhookHttpClient = toApp)
            .WithWebHostBuilder(b => b.ConfigureTestServices(services => services.AddWorkOSWebhooks()
                // Runs after the sample's own handler (handlers run in the order registered): the page has the event by then.
                .On("session.revoked", (e, _) =>
                {
                    revokedHandled.TrySetResult(e.Id);
                    return Task.CompletedTask;
                })));
        using var bob = factory.CreateWorkOSClient();
        using var alice = factory.CreateWorkOSClient();

        await bob.SignInAsAsync("bob@acme.com");
        await bob.SignOutAsync();
        var revokedId = await revokedHandled.Task.WaitAsync(Timeout);
        await alice.SignInAsAsync("alice@acme.com");
        using var page = await alice.GetAsync("/Admin/Events");
        var html = await page.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var revoked = Assert.Single(factory.GetWorkOSEmulator().WebhookDeliveries, d => d.EventType == "session.revoked");
        Assert.Equal(200, revoked.LastStatusCode); // the sample's endpoint verified the emulator's signature
        Assert.Contains("""<code data-testid="event-type">session.created</code>""", html);
        Assert.Contains("""<code data-testid="event-type">session.revoked</code>""", html);
        Assert.Contains(revokedId, html);
        Assert.Contains("user user_bob", html);
    }

    [Fact]
    public async Task A_member_who_is_not_an_admin_does_not_see_the_events_page()
    {
        var factory = baseFactory.WithWorkOSEmulator();
        using var bob = factory.CreateWorkOSClient();
        await bob.SignInAsAsync("bob@acme.com");

        using var page = await bob.GetAsync("/Admin/Events");

        Assert.Equal(HttpStatusCode.Forbidden, page.StatusCode);
    }

    /// <summary>Sends to a handler made at the first request: the app's in-memory server, which exists only once the factory has started.</summary>
    private sealed class LateHandler(Func<HttpMessageHandler> create) : HttpMessageHandler
    {
        private readonly Lazy<HttpMessageInvoker> _inner = new(() => new HttpMessageInvoker(create()));

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            _inner.Value.SendAsync(request, cancellationToken);
    }
}
