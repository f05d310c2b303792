using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.Logging;
using WorkOS.AspNetCore.Emulator;
using WorkOS.AspNetCore.Testing;
using WorkOS.AspNetCore.Tests.Infrastructure;

namespace WorkOS.AspNetCore.Tests.Emulator;

/// <summary>The emulator POSTs WorkOS-signed events to registered webhook endpoints, and retries failed deliveries.</summary>
public sealed class WebhookDeliveryTests
{
    private const string Secret = "whsec_test_emulator";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Sign_in_delivers_a_signed_session_created_event_to_the_registered_endpoint()
    {
        var clock = TestClock.StartingNow();
        var receiver = new WebhookReceiver();
        using var http = receiver.CreateClient();
        await using var emulator = WorkOSEmulator.CreateInProcess(o =>
        {
            o.TimeProvider = clock;
            o.WebhookHttpClient = http;
        });
        var endpointId = emulator.AddWebhookEndpoint("https://app.example/webhooks/workos", Secret);
        using var client = new AuthKitClient(emulator);

        var signIn = await client.SignInAsync("alice@acme.com");
        var delivery = await emulator.WaitForWebhookDeliveryAsync("session.created").WaitAsync(Timeout);

        var sid = Jwt.Payload(signIn.GetProperty("access_token").GetString()!).GetProperty("sid").GetString();
        var received = Assert.Single(receiver.Received);
        Assert.Equal(HttpMethod.Post, received.Method);
        Assert.Equal("https://app.example/webhooks/workos", received.Url.AbsoluteUri);
        Assert.Equal("application/json", received.ContentType);
        Assert.Equal(clock.GetUtcNow().ToUnixTimeMilliseconds(), received.VerifySignature(Secret));
        var json = received.Json;
        Assert.Equal("event", json.GetProperty("object").GetString());
        Assert.StartsWith("event_", json.GetProperty("id").GetString());
        Assert.Equal("session.created", json.GetProperty("event").GetString());
        Assert.Equal(sid, json.GetProperty("data").GetProperty("id").GetString());
        Assert.Equal("user_alice", json.GetProperty("data").GetProperty("user_id").GetString());
        Assert.Equal("active", json.GetProperty("data").GetProperty("status").GetString());
        Assert.True(json.TryGetProperty("created_at", out _));
        Assert.Equal(json.GetProperty("id").GetString(), delivery.EventId);
        Assert.Equal(endpointId, delivery.EndpointId);
        Assert.Equal(WebhookDeliveryState.Delivered, delivery.State);
        Assert.Equal(1, delivery.Attempts);
        Assert.Equal(200, delivery.LastStatusCode);
    }

    [Fact]
    public async Task Revoking_a_session_delivers_session_revoked_with_the_ended_session_to_a_seeded_endpoint()
    {
        var receiver = new WebhookReceiver();
        using var http = receiver.CreateClient();
        var seed = EmulatorSeed.CreateDefault();
        seed.WebhookEndpoints.Add(new SeedWebhookEndpoint { Id = "we_seeded", Url = "http://localhost:5000/webhooks", Secret = Secret });
        await using var emulator = WorkOSEmulator.CreateInProcess(o =>
        {
            o.Seed = seed;
            o.WebhookHttpClient = http;
        });
        using var client = new AuthKitClient(emulator);
        var signIn = await client.SignInAsync("alice@acme.com");
        var sid = Jwt.Payload(signIn.GetProperty("access_token").GetString()!).GetProperty("sid").GetString()!;

        Assert.True(emulator.RevokeSession(sid));
        var delivery = await emulator.WaitForWebhookDeliveryAsync("session.revoked").WaitAsync(Timeout);

        var received = Assert.Single(receiver.Received, r => r.Json.GetProperty("event").GetString() == "session.revoked");
        received.VerifySignature(Secret);
        var data = received.Json.GetProperty("data");
        Assert.Equal(sid, data.GetProperty("id").GetString());
        Assert.Equal("revoked", data.GetProperty("status").GetString());
        Assert.NotEqual(System.Text.Json.JsonValueKind.Null, data.GetProperty("ended_at").ValueKind);
        Assert.Equal("we_seeded", delivery.EndpointId);
        Assert.Equal(WebhookDeliveryState.Delivered, delivery.State);
    }

    [Fact]
    public async Task Revoking_an_already_ended_session_sends_no_second_event()
    {
        var receiver = new WebhookReceiver();
        using var http = receiver.CreateClient();
        await using var emulator = WorkOSEmulator.CreateInProcess(o => o.WebhookHttpClient = http);
        emulator.AddWebhookEndpoint("http://localhost:5000/webhooks", Secret);
        using var client = new AuthKitClient(emulator);
        var sid = Jwt.Payload((await client.SignInAsync("alice@acme.com")).GetProperty("access_token").GetString()!).GetProperty("sid").GetString()!;

        emulator.RevokeSession(sid);
        emulator.RevokeSession(sid);
        await emulator.WaitForWebhookDeliveryAsync("session.revoked").WaitAsync(Timeout);

        Assert.Single(emulator.WebhookDeliveries, d => d.EventType == "session.revoked");
    }

    [Fact]
    public async Task Membership_added_and_roles_changed_at_run_time_deliver_membership_created_and_updated()
    {
        var receiver = new WebhookReceiver();
        using var http = receiver.CreateClient();
        await using var emulator = WorkOSEmulator.CreateInProcess(o => o.WebhookHttpClient = http);
        emulator.AddWebhookEndpoint("http://localhost:5000/webhooks", Secret);
        var userId = emulator.AddUser(new SeedUser { Email = "dana@acme.com" });

        var membershipId = emulator.AddMembership(new SeedMembership { UserId = userId, OrganizationId = "org_acme" });
        var created = await emulator.WaitForWebhookDeliveryAsync("organization_membership.created").WaitAsync(Timeout);
        emulator.SetUserRoles(userId, "org_acme", "admin");
        var updated = await emulator.WaitForWebhookDeliveryAsync("organization_membership.updated").WaitAsync(Timeout);

        var createdData = Assert.Single(receiver.Received, r => r.Json.GetProperty("id").GetString() == created.EventId).Json.GetProperty("data");
        var updatedData = Assert.Single(receiver.Received, r => r.Json.GetProperty("id").GetString() == updated.EventId).Json.GetProperty("data");
        Assert.Equal(membershipId, createdData.GetProperty("id").GetString());
        Assert.Equal(userId, createdData.GetProperty("user_id").GetString());
        Assert.Equal(membershipId, updatedData.GetProperty("id").GetString());
        Assert.Equal("admin", updatedData.GetProperty("role").GetProperty("slug").GetString());
    }

    [Fact]
    public async Task Failed_delivery_is_retried_after_the_backoff_on_the_emulators_clock_and_then_delivered()
    {
        var clock = TestClock.StartingNow();
        var receiver = new WebhookReceiver(503, 0);
        using var http = receiver.CreateClient();
        await using var emulator = WorkOSEmulator.CreateInProcess(o =>
        {
            o.TimeProvider = clock;
            o.WebhookHttpClient = http;
            o.WebhookRetryDelay = TimeSpan.FromSeconds(10);
        });
        emulator.AddWebhookEndpoint("http://localhost:5000/webhooks", Secret);
        using var client = new AuthKitClient(emulator);
        await client.SignInAsync("alice@acme.com");

        var first = await emulator.WaitForWebhookAttemptsAsync("session.created", 1).WaitAsync(Timeout);
        clock.Advance(TimeSpan.FromSeconds(9));
        var stillOne = emulator.WebhookDeliveries.Single();
        clock.Advance(TimeSpan.FromSeconds(1));
        var second = await emulator.WaitForWebhookAttemptsAsync("session.created", 2).WaitAsync(Timeout);
        clock.Advance(TimeSpan.FromSeconds(20));
        var done = await emulator.WaitForWebhookDeliveryAsync("session.created").WaitAsync(Timeout);

        Assert.Equal((1, 503, WebhookDeliveryState.Pending), (first.Attempts, first.LastStatusCode, first.State));
        Assert.Equal(1, stillOne.Attempts);
        Assert.Equal((2, (int?)null, WebhookDeliveryState.Pending), (second.Attempts, second.LastStatusCode, second.State));
        Assert.Equal((3, 200, WebhookDeliveryState.Delivered), (done.Attempts, done.LastStatusCode, done.State));
        var bodies = receiver.Received.Select(r => r.Body).Distinct().ToList();
        Assert.Equal(3, receiver.Received.Count);
        Assert.Single(bodies);
        var timestamps = receiver.Received.Select(r => r.VerifySignature(Secret)).ToList();
        Assert.True(timestamps[2] > timestamps[1] && timestamps[1] > timestamps[0], "Each attempt is signed at its own time.");
    }

    [Fact]
    public async Task Client_that_throws_an_unexpected_exception_counts_as_no_answer_and_the_delivery_is_retried()
    {
        var clock = TestClock.StartingNow();
        var receiver = new WebhookReceiver(-2);
        using var http = receiver.CreateClient();
        await using var emulator = WorkOSEmulator.CreateInProcess(o =>
        {
            o.TimeProvider = clock;
            o.WebhookHttpClient = http;
        });
        emulator.AddWebhookEndpoint("http://localhost:5000/webhooks", Secret);
        using var client = new AuthKitClient(emulator);
        await client.SignInAsync("alice@acme.com");

        var failed = await emulator.WaitForWebhookAttemptsAsync("session.created", 1).WaitAsync(Timeout);
        clock.Advance(TimeSpan.FromSeconds(1));
        var done = await emulator.WaitForWebhookDeliveryAsync("session.created").WaitAsync(Timeout);

        Assert.Equal((1, (int?)null), (failed.Attempts, failed.LastStatusCode));
        Assert.Equal((2, 200, WebhookDeliveryState.Delivered), (done.Attempts, done.LastStatusCode, done.State));
    }

    [Fact]
    public async Task Endpoint_that_never_answers_times_out_on_the_emulators_clock_and_is_retried()
    {
        var clock = TestClock.StartingNow();
        var receiver = new WebhookReceiver(-1);
        using var http = receiver.CreateClient();
        await using var emulator = WorkOSEmulator.CreateInProcess(o =>
        {
            o.TimeProvider = clock;
            o.WebhookHttpClient = http;
        });
        emulator.AddWebhookEndpoint("http://localhost:5000/webhooks", Secret);
        using var client = new AuthKitClient(emulator);
        await client.SignInAsync("alice@acme.com");

        await receiver.FirstArrived.Task.WaitAsync(Timeout);
        var waiting = emulator.WebhookDeliveries.Single();
        clock.Advance(TimeSpan.FromSeconds(10));
        var timedOut = await emulator.WaitForWebhookAttemptsAsync("session.created", 1).WaitAsync(Timeout);
        clock.Advance(TimeSpan.FromSeconds(1));
        var done = await emulator.WaitForWebhookDeliveryAsync("session.created").WaitAsync(Timeout);

        Assert.Equal((0, WebhookDeliveryState.Pending), (waiting.Attempts, waiting.State));
        Assert.Equal((1, (int?)null, WebhookDeliveryState.Pending), (timedOut.Attempts, timedOut.LastStatusCode, timedOut.State));
        Assert.Equal((2, 200, WebhookDeliveryState.Delivered), (done.Attempts, done.LastStatusCode, done.State));
    }

    [Fact]
    public async Task Endpoint_that_keeps_failing_is_recorded_as_failed_after_the_last_attempt_with_a_log_line()
    {
        var clock = TestClock.StartingNow();
        var log = new TestLogSink();
        using var loggers = LoggerFactory.Create(builder => builder.AddProvider(log));
        var receiver = new WebhookReceiver(500, 500, 500, 500, 500);
        using var http = receiver.CreateClient();
        await using var emulator = WorkOSEmulator.CreateInProcess(o =>
        {
            o.TimeProvider = clock;
            o.LoggerFactory = loggers;
            o.WebhookHttpClient = http;
            o.WebhookMaxAttempts = 3;
        });
        emulator.AddWebhookEndpoint("http://localhost:5000/webhooks", Secret);
        using var client = new AuthKitClient(emulator);
        await client.SignInAsync("alice@acme.com");

        await emulator.WaitForWebhookAttemptsAsync("session.created", 1).WaitAsync(Timeout);
        clock.Advance(TimeSpan.FromSeconds(1));
        await emulator.WaitForWebhookAttemptsAsync("session.created", 2).WaitAsync(Timeout);
        clock.Advance(TimeSpan.FromSeconds(2));
        var failed = await emulator.WaitForWebhookDeliveryAsync("session.created").WaitAsync(Timeout);
        clock.Advance(TimeSpan.FromMinutes(10));

        Assert.Equal((3, 500, WebhookDeliveryState.Failed), (failed.Attempts, failed.LastStatusCode, failed.State));
        Assert.Equal(3, receiver.Received.Count);
        Assert.Equal(2, log.Entries.Count(e => e.EventId.Id == 2041));
        Assert.Equal(LogLevel.Warning, Assert.Single(log.Entries, e => e.EventId.Id == 2042).Level);
    }

    [Fact]
    public async Task Control_api_registers_an_endpoint_that_then_receives_events_and_lists_the_deliveries()
    {
        var receiver = new WebhookReceiver();
        using var http = receiver.CreateClient();
        await using var emulator = await WorkOSEmulator.StartAsync(o =>
        {
            o.EnableControlApi = true;
            o.WebhookHttpClient = http;
        });
        using var client = new AuthKitClient(emulator);

        using var register = await client.Http.PostAsJsonAsync("/_emulator/webhook_endpoints", new { url = "http://localhost:5000/webhooks", secret = Secret });
        var endpointId = (await AuthKitClient.ReadJsonAsync(register)).GetProperty("id").GetString();
        await client.SignInAsync("alice@acme.com");
        var delivery = await emulator.WaitForWebhookDeliveryAsync("session.created").WaitAsync(Timeout);
        using var list = await client.Http.GetAsync("/_emulator/webhook_deliveries?event=session.created");
        var listed = await AuthKitClient.ReadJsonAsync(list);

        Assert.Equal(HttpStatusCode.OK, register.StatusCode);
        Assert.StartsWith("we_", endpointId);
        Assert.Single(receiver.Received).VerifySignature(Secret);
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        Assert.Equal(1, listed.GetProperty("count").GetInt32());
        var entry = listed.GetProperty("data")[0];
        Assert.Equal(delivery.EventId, entry.GetProperty("event_id").GetString());
        Assert.Equal("session.created", entry.GetProperty("event").GetString());
        Assert.Equal(endpointId, entry.GetProperty("endpoint_id").GetString());
        Assert.Equal(1, entry.GetProperty("attempts").GetInt32());
        Assert.Equal(200, entry.GetProperty("last_status").GetInt32());
        Assert.Equal("delivered", entry.GetProperty("state").GetString());
    }

    [Theory]
    [InlineData("""{"url":"not a url","secret":"s"}""")]
    [InlineData("""{"url":"/webhooks","secret":"s"}""")]
    [InlineData("""{"url":"ftp://localhost/webhooks","secret":"s"}""")]
    [InlineData("""{"url":"http://user:pass@localhost/webhooks","secret":"s"}""")]
    [InlineData("""{"url":"http://localhost/webhooks","secret":""}""")]
    [InlineData("""{"secret":"s"}""")]
    public async Task Control_api_refuses_an_invalid_webhook_endpoint_with_422_and_registers_nothing(string body)
    {
        var receiver = new WebhookReceiver();
        using var http = receiver.CreateClient();
        var log = new TestLogSink();
        using var loggers = LoggerFactory.Create(builder => builder.AddProvider(log));
        await using var emulator = await WorkOSEmulator.StartAsync(o =>
        {
            o.EnableControlApi = true;
            o.LoggerFactory = loggers;
            o.WebhookHttpClient = http;
        });
        using var client = new AuthKitClient(emulator);

        using var register = await client.Http.PostAsync("/_emulator/webhook_endpoints",
            new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
        await client.SignInAsync("alice@acme.com");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, register.StatusCode);
        Assert.Contains(log.Entries, e => e.EventId.Id == 2024);
        Assert.Empty(emulator.WebhookDeliveries);
    }

    [Fact]
    public async Task Control_api_webhook_registration_from_a_non_loopback_host_is_refused_with_403()
    {
        var receiver = new WebhookReceiver();
        using var http = receiver.CreateClient();
        await using var emulator = await WorkOSEmulator.StartAsync(o =>
        {
            o.EnableControlApi = true;
            o.WebhookHttpClient = http;
        });
        using var client = new AuthKitClient(emulator);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/_emulator/webhook_endpoints")
        {
            Content = JsonContent.Create(new { url = "http://attacker.example/collect", secret = Secret }),
        };
        request.Headers.Host = "attacker.example";

        using var response = await client.Http.SendAsync(request);
        await client.SignInAsync("alice@acme.com");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Empty(emulator.WebhookDeliveries);
    }

    [Fact]
    public async Task Webhook_endpoint_in_a_json_seed_receives_the_events()
    {
        var receiver = new WebhookReceiver();
        using var http = receiver.CreateClient();
        var seed = EmulatorSeed.FromJson("""
            {
              "users": [{ "id": "user_erin", "email": "erin@example.com" }],
              "webhook_endpoints": [{ "id": "we_json", "url": "http://localhost:5000/webhooks", "secret": "whsec_json" }]
            }
            """);
        await using var emulator = WorkOSEmulator.CreateInProcess(o =>
        {
            o.Seed = seed;
            o.WebhookHttpClient = http;
        });
        using var client = new AuthKitClient(emulator);

        await client.SignInAsync("erin@example.com");
        var delivery = await emulator.WaitForWebhookDeliveryAsync("session.created").WaitAsync(Timeout);

        Assert.Equal("we_json", delivery.EndpointId);
        Assert.Single(receiver.Received).VerifySignature("whsec_json");
    }

    [Fact]
    public void Invalid_webhook_endpoint_in_the_seed_stops_the_emulator_from_starting()
    {
        var seed = EmulatorSeed.CreateDefault();
        seed.WebhookEndpoints.Add(new SeedWebhookEndpoint { Url = "javascript:alert(1)", Secret = Secret });

        var error = Assert.Throws<InvalidOperationException>(() => WorkOSEmulator.CreateInProcess(o => o.Seed = seed));

        Assert.Contains("webhook URL", error.Message);
    }

    [Fact]
    public void Run_time_registration_of_an_invalid_url_throws()
    {
        using var emulator = WorkOSEmulator.CreateInProcess();

        Assert.Throws<ArgumentException>(() => emulator.AddWebhookEndpoint("file:///etc/passwd", Secret));
        Assert.Throws<ArgumentException>(() => emulator.AddWebhookEndpoint("http://localhost/webhooks", ""));
    }
}
