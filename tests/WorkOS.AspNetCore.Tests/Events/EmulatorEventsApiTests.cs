using System.Net;
using System.Text.Json;
using WorkOS.AspNetCore.Emulator;
using WorkOS.AspNetCore.Testing;
using WorkOS.AspNetCore.Tests.Emulator;
using WorkOS.AspNetCore.Tests.Infrastructure;

namespace WorkOS.AspNetCore.Tests.Events;

/// <summary>
/// The emulator's <c>GET /events</c>: the events it raised, with the ids its webhook deliveries carry, filtered by type,
/// organization and time, paged with <c>after</c>; WorkOS's error shapes for a missing key or bad parameters.
/// </summary>
public sealed class EmulatorEventsApiTests : IAsyncDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);
    private readonly Microsoft.Extensions.Time.Testing.FakeTimeProvider _clock = TestClock.StartingNow();
    private readonly WebhookReceiver _receiver = new();
    private readonly HttpClient _webhooks;
    private readonly WorkOSEmulator _emulator;
    private readonly AuthKitClient _client;

    public EmulatorEventsApiTests()
    {
        _webhooks = _receiver.CreateClient();
        _emulator = WorkOSEmulator.CreateInProcess(o =>
        {
            o.TimeProvider = _clock;
            o.WebhookHttpClient = _webhooks;
        });
        _client = new AuthKitClient(_emulator);
    }

    public async ValueTask DisposeAsync()
    {
        _client.Dispose();
        await _emulator.DisposeAsync();
        _webhooks.Dispose();
        _receiver.Dispose();
    }

    private async Task<(HttpStatusCode Status, JsonElement Body)> ListAsync(string query, string? apiKey = "default")
    {
        using var response = await _client.SendWithApiKeyAsync(HttpMethod.Get, "/events" + query, apiKey: apiKey);
        return (response.StatusCode, await AuthKitClient.ReadJsonAsync(response));
    }

    private static List<string> Ids(JsonElement list) => [.. list.GetProperty("data").EnumerateArray().Select(e => e.GetProperty("id").GetString()!)];

    private string Raise(string eventType, string? organizationId = null) =>
        _emulator.RaiseEvent(eventType, JsonSerializer.SerializeToElement(new Dictionary<string, string?> { ["id"] = "x_01", ["organization_id"] = organizationId }));

    [Fact]
    public async Task A_sign_in_and_a_revocation_are_listed_with_the_event_ids_their_webhook_deliveries_carry()
    {
        _emulator.AddWebhookEndpoint("https://app.example/webhooks/workos", "whsec_events");
        var signIn = await _client.SignInAsync("alice@acme.com");
        var sid = Jwt.Payload(signIn.GetProperty("access_token").GetString()!).GetProperty("sid").GetString()!;
        Assert.True(_emulator.RevokeSession(sid));
        var created = await _emulator.WaitForWebhookDeliveryAsync("session.created").WaitAsync(Timeout);
        var revoked = await _emulator.WaitForWebhookDeliveryAsync("session.revoked").WaitAsync(Timeout);

        var (status, list) = await ListAsync("?events=session.created,session.revoked");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("list", list.GetProperty("object").GetString());
        Assert.Equal([created.EventId, revoked.EventId], Ids(list));
        var events = list.GetProperty("data").EnumerateArray().ToList();
        Assert.Equal("event", events[1].GetProperty("object").GetString());
        Assert.Equal("session.revoked", events[1].GetProperty("event").GetString());
        Assert.Equal(sid, events[1].GetProperty("data").GetProperty("id").GetString());
        Assert.Equal(revoked.EventId, list.GetProperty("list_metadata").GetProperty("after").GetString());
        Assert.Equal(JsonDocument.Parse(revoked.Body).RootElement.GetProperty("created_at").GetString(), events[1].GetProperty("created_at").GetString());
    }

    [Fact]
    public async Task Events_are_recorded_without_any_webhook_endpoint()
    {
        await _client.SignInAsync("alice@acme.com");

        var (status, list) = await ListAsync("?events=session.created");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Single(Ids(list));
        Assert.Empty(_receiver.Received);
    }

    [Fact]
    public async Task Pages_follow_after_oldest_first_and_list_metadata_after_is_the_last_event_of_the_page()
    {
        var raised = Enumerable.Range(0, 5).Select(_ => Raise("user.created")).ToList();

        var (_, first) = await ListAsync("?events=user.created&limit=2");
        var (_, second) = await ListAsync($"?events=user.created&limit=2&after={raised[1]}");
        var (_, last) = await ListAsync($"?events=user.created&limit=2&after={raised[3]}");
        var (_, empty) = await ListAsync($"?events=user.created&limit=2&after={raised[4]}");
        var (_, newestFirst) = await ListAsync("?events=user.created&limit=2&order=desc");

        Assert.Equal(raised[..2], Ids(first));
        Assert.Equal(raised[1], first.GetProperty("list_metadata").GetProperty("after").GetString());
        Assert.Equal(raised[2..4], Ids(second));
        Assert.Equal([raised[4]], Ids(last));
        Assert.Empty(Ids(empty));
        Assert.Equal(JsonValueKind.Null, empty.GetProperty("list_metadata").GetProperty("after").ValueKind);
        Assert.Equal([raised[4], raised[3]], Ids(newestFirst));
    }

    [Fact]
    public async Task Types_organizations_and_time_ranges_filter_the_list()
    {
        var acme = Raise("organization_membership.created", "org_acme");
        var initech = Raise("organization_membership.created", "org_initech");
        var user = Raise("user.created");
        _clock.Advance(TimeSpan.FromMinutes(1));
        var since = Uri.EscapeDataString(_clock.GetUtcNow().ToString("O"));
        var later = Raise("user.created");

        Assert.Equal([acme], Ids((await ListAsync("?events=organization_membership.created&organization_id=org_acme")).Body));
        Assert.Equal([acme, initech, user, later], Ids((await ListAsync("?events=user.created&events=organization_membership.created")).Body));
        Assert.Equal([user, later], Ids((await ListAsync("?events=user.created")).Body));
        Assert.Equal([later], Ids((await ListAsync($"?events=user.created&range_start={since}")).Body));
        Assert.Equal([user], Ids((await ListAsync($"?events=user.created&range_end={since}")).Body));
    }

    [Fact]
    public async Task Without_the_API_key_the_list_is_refused_with_401()
    {
        Raise("user.created");

        var (status, body) = await ListAsync("?events=user.created", apiKey: "sk_test_wrong");

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.False(body.TryGetProperty("data", out _));
    }

    [Theory]
    [InlineData("", "events is required")]
    [InlineData("?events=", "events is required")]
    [InlineData("?events=user.created&limit=101", "limit")]
    [InlineData("?events=user.created&after=event_01UNKNOWN", "Unknown pagination cursor")]
    [InlineData("?events=user.created&before=event_01X", "before is not supported")]
    [InlineData("?events=user.created&range_start=yesterday", "range_start")]
    public async Task Bad_parameters_are_answered_422_in_WorkOS_error_shape(string query, string message)
    {
        var (status, body) = await ListAsync(query);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.Equal("invalid_request_parameters", body.GetProperty("code").GetString());
        Assert.Contains(message, body.GetProperty("message").GetString(), StringComparison.Ordinal);
    }
}
