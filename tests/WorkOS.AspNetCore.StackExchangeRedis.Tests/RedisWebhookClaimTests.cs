using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using WorkOS.AspNetCore.Testing.Redis;
using WorkOS.AspNetCore.Tests.Infrastructure;

namespace WorkOS.AspNetCore.StackExchangeRedis.Tests;

/// <summary>
/// The webhook event claim on Redis: instances given the same event at the same moment handle it once between them,
/// and while Redis is away events are still handled, claimed on their instance, and that claim reaches Redis when it is back.
/// </summary>
[Collection(RedisCollection.Name)]
public sealed class RedisWebhookClaimTests(RedisServerFixture redis)
{
    private const string Secret = "wh_secret_redis_tests";
    private const string Path = "/webhooks/workos";

    [Fact]
    public async Task The_same_events_delivered_to_two_instances_at_once_are_each_handled_exactly_once()
    {
        await using var instances = new RedisInstances(redis.Server);
        var handled = new ConcurrentDictionary<string, int>(StringComparer.Ordinal);
        var sentinels = Channel.CreateUnbounded<string>();
        var a = await StartAsync(instances, handled, sentinels);
        var b = await StartAsync(instances, handled, sentinels);
        using var toA = a.App.GetTestClient();
        using var toB = b.App.GetTestClient();
        var ids = Enumerable.Range(0, 100).Select(i => $"event_01RACE{i:D3}").ToArray();

        foreach (var id in ids)
        {
            var body = Event(id, "user.updated");
            var answers = await Task.WhenAll(PostAsync(toA, a, body), PostAsync(toB, b, body), PostAsync(toA, a, body), PostAsync(toB, b, body));
            Assert.All(answers, status => Assert.Equal(HttpStatusCode.OK, status));
        }

        // Each instance handles its queue in order: once its sentinel ran, every event before it was decided.
        await PostAsync(toA, a, Event("event_01SENTINELA", "sentinel.done"));
        await PostAsync(toB, b, Event("event_01SENTINELB", "sentinel.done"));
        await NextAsync(sentinels);
        await NextAsync(sentinels);

        Assert.Equal(ids.Length, handled.Count);
        Assert.All(ids, id => Assert.Equal(1, handled[id]));
    }

    [Fact]
    public async Task While_redis_is_away_an_event_is_handled_on_its_instance_logged_and_counted_and_the_claim_reaches_redis_when_it_is_back()
    {
        await using var server = await RedisServerProcess.StartNewAsync(persistent: true);
        await using var instances = new RedisInstances(server);
        var handled = new ConcurrentDictionary<string, int>(StringComparer.Ordinal);
        var sentinels = Channel.CreateUnbounded<string>();
        var a = await StartAsync(instances, handled, sentinels);
        var b = await StartAsync(instances, handled, sentinels);
        using var unavailable = new MetricCollector<long>(a.Services.GetRequiredService<IMeterFactory>(), "WorkOS.AspNetCore", "workos.redis.unavailable");
        using var toA = a.App.GetTestClient();
        using var toB = b.App.GetTestClient();
        var body = Event("event_01OUTAGE", "user.updated");

        await server.StopAsync();
        Assert.Equal(HttpStatusCode.OK, await PostAsync(toA, a, body));
        Assert.Equal(HttpStatusCode.OK, await PostAsync(toA, a, body)); // a repeat on the same instance is still skipped
        await PostAsync(toA, a, Event("event_01SENTINEL1", "sentinel.done"));
        await NextAsync(sentinels);

        Assert.Equal(1, handled["event_01OUTAGE"]);
        Assert.Contains(a.Logs.Entries, e => e.EventId.Id == 2116 && e.Message.Contains("event_01OUTAGE", StringComparison.Ordinal));
        Assert.Contains(a.Logs.Entries, e => e.EventId.Id == 1909);
        Assert.Contains(unavailable.GetMeasurementSnapshot(), m => m.Value > 0 && Equals(m.Tags["workos.redis.operation"], "webhook-claim"));

        await server.StartAsync();
        using (var health = a.App.GetTestClient())
        using (var healthOfB = b.App.GetTestClient())
        {
            // B too must have its connection back: until then it claims on its own, as the outage rule says.
            await Eventually.HoldsAsync(async () => (await health.GetAsync(RedisInstances.HealthPath)).StatusCode == HttpStatusCode.OK
                && a.Logs.Entries.Any(e => e.EventId.Id == 2117)
                && (await healthOfB.GetAsync(RedisInstances.HealthPath)).StatusCode == HttpStatusCode.OK, "the claim made during the outage written to Redis, and B connected again");
        }

        Assert.Equal(HttpStatusCode.OK, await PostAsync(toB, b, body)); // delivered again, to the other instance
        await PostAsync(toB, b, Event("event_01SENTINEL2", "sentinel.done"));
        await NextAsync(sentinels);

        Assert.Equal(1, handled["event_01OUTAGE"]);
        Assert.Contains(b.Logs.Entries, e => e.EventId.Id == 1909);
    }

    private static Task<AuthKitTestApp> StartAsync(RedisInstances instances, ConcurrentDictionary<string, int> handled, Channel<string> sentinels) =>
        instances.StartAsync(
            services: s => s.AddWorkOSWebhooks(o => o.Secrets.Add(Secret))
                .On("user.updated", (e, _) =>
                {
                    handled.AddOrUpdate(e.Id, 1, (_, n) => n + 1);
                    return Task.CompletedTask;
                })
                .On("sentinel.done", (e, ct) => sentinels.Writer.WriteAsync(e.Id, ct).AsTask()),
            map: web => web.MapWorkOSWebhooks(Path));

    private static string Event(string id, string type) =>
        $$"""{"object":"event","id":"{{id}}","event":"{{type}}","data":{"id":"user_01"},"created_at":"2026-12-01T10:00:00.000Z"}""";

    private static async Task<HttpStatusCode> PostAsync(HttpClient client, AuthKitTestApp app, string body)
    {
        var t = app.Clock.GetUtcNow().ToUnixTimeMilliseconds();
        var signature = Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(Secret), Encoding.UTF8.GetBytes($"{t}.{body}")));
        using var request = new HttpRequestMessage(HttpMethod.Post, Path) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.TryAddWithoutValidation("WorkOS-Signature", $"t={t}, v1={signature}");
        using var response = await client.SendAsync(request);
        return response.StatusCode;
    }

    private static Task<string> NextAsync(Channel<string> channel) =>
        Eventually.CompletesAsync(channel.Reader.ReadAsync().AsTask(), "a sentinel event handled");
}
