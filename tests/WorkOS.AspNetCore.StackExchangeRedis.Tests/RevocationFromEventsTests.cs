using System.Net;
using System.Net.Http.Headers;
using System.Security.Claims;
using System.Threading.Channels;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using WorkOS.AspNetCore.Bearer;
using WorkOS.AspNetCore.Testing;
using WorkOS.AspNetCore.Tests.Infrastructure;
using Xunit.Abstractions;

namespace WorkOS.AspNetCore.StackExchangeRedis.Tests;

/// <summary>
/// Revocation from events on two instances sharing a real Redis: the emulator's webhook endpoint points at instance A,
/// and what A learns from an event, B refuses too (one <c>MGET</c> per check on B).
/// </summary>
[Collection(RedisCollection.Name)]
public sealed class RevocationFromEventsTests(RedisServerFixture redis, ITestOutputHelper output)
{
    private const string Secret = "wh_secret_redis_instances";
    private const string WebhookPath = "/webhooks/workos";

    private readonly Channel<string> _handledOnA = Channel.CreateUnbounded<string>();

    [Fact]
    public async Task Session_revoked_at_workos_is_refused_cookie_and_bearer_on_both_instances_once_the_webhook_to_one_is_handled()
    {
        var toA = new ForwardingHandler();
        await using var instances = new RedisInstances(redis.Server, o => o.WebhookHttpClient = new HttpClient(toA));
        var a = await StartAsync(instances, _handledOnA);
        var b = await StartAsync(instances, null);
        toA.Target = a.App.GetTestServer().CreateHandler();
        instances.Emulator.AddWebhookEndpoint("http://localhost" + WebhookPath, Secret);
        using var onA = a.CreateBrowser();
        await onA.SignInAsync("alice@acme.com");
        var token = await TokenAsync(onA);
        using var onB = BrowserWith(b, onA);
        var sid = (await onA.ClaimsAsync())["sid"].Single();
        Assert.Equal(HttpStatusCode.OK, (await onB.GetAsync("/protected")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await CallApiAsync(b, token)).StatusCode);

        var started = TimeProvider.System.GetTimestamp(); // wall time, printed only
        Assert.True(instances.Emulator.RevokeSession(sid));
        var delivery = await instances.Emulator.WaitForWebhookDeliveryAsync("session.revoked");
        await HandledAsync(delivery.EventId);
        var handled = TimeProvider.System.GetElapsedTime(started);

        Assert.Equal(HttpStatusCode.Unauthorized, (await CallApiAsync(a, token)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await CallApiAsync(b, token)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await onA.GetAsync("/protected")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await onB.GetAsync("/protected")).StatusCode);
        Assert.Equal(0, instances.Emulator.CountRefreshes());
        output.WriteLine($"Revoked at WorkOS to handled on instance A: {handled.TotalMilliseconds:F0} ms; refused on A and B (cookie and bearer) by {TimeProvider.System.GetElapsedTime(started).TotalMilliseconds:F0} ms.");
    }

    [Fact]
    public async Task Role_change_at_workos_refreshes_the_cookie_early_on_the_other_instance_and_refuses_the_older_bearer_token_there()
    {
        var toA = new ForwardingHandler();
        await using var instances = new RedisInstances(redis.Server, o => o.WebhookHttpClient = new HttpClient(toA));
        var a = await StartAsync(instances, _handledOnA);
        var b = await StartAsync(instances, null);
        toA.Target = a.App.GetTestServer().CreateHandler();
        instances.Emulator.AddWebhookEndpoint("http://localhost" + WebhookPath, Secret);
        using var onA = a.CreateBrowser();
        await onA.SignInAsync("alice@acme.com");
        var token = await TokenAsync(onA);
        using var onB = BrowserWith(b, onA);
        Assert.Equal(["admin"], (await onB.ClaimsAsync())["role"]);
        instances.Advance(TimeSpan.FromSeconds(1));

        instances.Emulator.SetUserRoles("user_alice", "org_acme", "member");
        var delivery = await instances.Emulator.WaitForWebhookDeliveryAsync("organization_membership.updated");
        await HandledAsync(delivery.EventId);

        Assert.Equal(HttpStatusCode.Unauthorized, (await CallApiAsync(b, token)).StatusCode);
        Assert.Equal(["member"], (await onB.ClaimsAsync())["role"]);
        Assert.Equal(1, instances.Emulator.CountRefreshes());
    }

    [Fact]
    public async Task An_older_event_handled_after_a_newer_one_does_not_move_the_shared_mark_back()
    {
        await using var instances = new RedisInstances(redis.Server);
        var a = await StartAsync(instances, _handledOnA);
        var b = await StartAsync(instances, null);
        using var onA = a.CreateBrowser();
        await onA.SignInAsync("alice@acme.com");
        var token = await TokenAsync(onA);
        var signedInAt = instances.Clock.GetUtcNow();
        instances.Advance(TimeSpan.FromSeconds(1));

        await DeliverAsync(a, "event_02NEWER", "organization_membership.deleted", instances.Clock.GetUtcNow());
        await DeliverAsync(a, "event_01OLDER", "organization_membership.deleted", signedInAt - TimeSpan.FromMinutes(1));

        // B never saw either event: it reads the mark from Redis, where the older event's write kept the newer time.
        Assert.Equal(HttpStatusCode.Unauthorized, (await CallApiAsync(b, token)).StatusCode);
    }

    /// <summary>Posts a membership event for alice in Acme to <paramref name="app"/>, signed as WorkOS does, and waits until it was handled.</summary>
    private async Task DeliverAsync(AuthKitTestApp app, string id, string type, DateTimeOffset createdAt)
    {
        var body = $$$"""{"object":"event","id":"{{{id}}}","event":"{{{type}}}","data":{"object":"organization_membership","id":"om_alice_acme","user_id":"user_alice","organization_id":"org_acme","status":"inactive"},"created_at":"{{{createdAt.UtcDateTime:yyyy-MM-ddTHH:mm:ss.fffZ}}}"}""";
        var t = app.Clock.GetUtcNow().ToUnixTimeMilliseconds();
        var signature = Convert.ToHexStringLower(System.Security.Cryptography.HMACSHA256.HashData(System.Text.Encoding.UTF8.GetBytes(Secret), System.Text.Encoding.UTF8.GetBytes($"{t}.{body}")));
        using var client = app.App.GetTestServer().CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, WebhookPath) { Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json") };
        request.Headers.TryAddWithoutValidation("WorkOS-Signature", $"t={t}, v1={signature}");
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(request)).StatusCode);
        await HandledAsync(id);
    }

    private async Task HandledAsync(string eventId)
    {
        while (await _handledOnA.Reader.ReadAsync() != eventId)
        {
        }
    }

    private static Task<AuthKitTestApp> StartAsync(RedisInstances instances, Channel<string>? handled) => instances.StartAsync(
        services: s =>
        {
            s.AddAuthentication().AddWorkOSBearer();
            var webhooks = s.AddWorkOSWebhooks(o => o.Secrets.Add(Secret));
            if (handled is not null)
            {
                webhooks.OnAny((e, _) => handled.Writer.WriteAsync(e.Id).AsTask());
            }
        },
        map: web =>
        {
            web.MapWorkOSWebhooks(WebhookPath);
            web.MapGet("/token", async (HttpContext context) =>
            {
                return await context.GetWorkOSAccessTokenAsync();
            }).RequireAuthorization();
            web.MapGet("/api/claims", (ClaimsPrincipal user) => Results.Json(user.Claims.Select(c => c.Type).Distinct().ToArray()))
                .RequireAuthorization(new AuthorizeAttribute { AuthenticationSchemes = WorkOSBearerDefaults.AuthenticationScheme });
        });

    private static WorkOSTestClient BrowserWith(AuthKitTestApp app, WorkOSTestClient signedIn)
    {
        var browser = app.CreateBrowser();
        browser.Cookies.Add(new Cookie(WorkOSAuthKitDefaults.SessionCookieName, signedIn.GetCookie(WorkOSAuthKitDefaults.SessionCookieName)!, "/", "localhost"));
        return browser;
    }

    private static async Task<string> TokenAsync(WorkOSTestClient browser)
    {
        var response = await browser.GetAsync("/token");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    private static async Task<HttpResponseMessage> CallApiAsync(AuthKitTestApp app, string token)
    {
        using var api = app.App.GetTestServer().CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/claims");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await api.SendAsync(request);
    }

    /// <summary>Routes the emulator's deliveries to an instance started after the emulator.</summary>
    private sealed class ForwardingHandler : HttpMessageHandler
    {
        public HttpMessageHandler? Target { get; set; }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            new HttpMessageInvoker(Target ?? throw new InvalidOperationException("No instance yet."), disposeHandler: false).SendAsync(request, cancellationToken);
    }
}
