using System.Net;
using Microsoft.Extensions.Logging;
using WorkOS.AspNetCore.Emulator;
using WorkOS.AspNetCore.Testing;
using WorkOS.AspNetCore.Tests.Infrastructure;

namespace WorkOS.AspNetCore.Tests.Emulator;

public sealed class WidgetTokenTests
{
    [Theory]
    [MemberData(nameof(Emulators.Modes), MemberType = typeof(Emulators))]
    public async Task Widget_token_is_signed_with_the_session_keys_for_the_member_organization_and_scopes_for_one_hour(EmulatorMode mode)
    {
        await using var emulator = await Emulators.StartAsync(mode);
        using var api = new AuthKitClient(emulator);

        using var response = await api.SendWithApiKeyAsync(HttpMethod.Post, "/widgets/token",
            new { organization_id = "org_acme", user_id = "user_alice", scopes = new[] { "widgets:users-table:manage", "widgets:sso:manage" } });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var token = (await AuthKitClient.ReadJsonAsync(response)).GetProperty("token").GetString()!;
        var validation = await Jwt.ValidateAsync(token, await Jwt.FetchJwksAsync(api.Http, emulator), emulator);
        Assert.True(validation.IsValid, validation.Exception?.Message);
        var payload = Jwt.Payload(token);
        Assert.Equal(("user_alice", "org_acme"), (payload.GetProperty("sub").GetString(), payload.GetProperty("org_id").GetString()));
        Assert.Equal(["widgets:users-table:manage", "widgets:sso:manage"], Jwt.Strings(payload, "scopes"));
        Assert.Equal(3600, payload.GetProperty("exp").GetInt64() - payload.GetProperty("iat").GetInt64());
        Assert.Equal(emulator.Options.Issuer, payload.GetProperty("iss").GetString());
    }

    [Fact]
    public async Task Widget_token_expires_an_hour_after_issue_on_the_emulator_clock()
    {
        var clock = TestClock.StartingNow();
        await using var emulator = WorkOSEmulator.CreateInProcess(o => o.TimeProvider = clock);
        using var api = new AuthKitClient(emulator);

        using var response = await api.SendWithApiKeyAsync(HttpMethod.Post, "/widgets/token",
            new { organization_id = "org_acme", user_id = "user_bob", scopes = new[] { "widgets:users-table:manage" } });

        var payload = Jwt.Payload((await AuthKitClient.ReadJsonAsync(response)).GetProperty("token").GetString()!);
        Assert.Equal(clock.GetUtcNow().AddHours(1).ToUnixTimeSeconds(), payload.GetProperty("exp").GetInt64());
    }

    [Fact]
    public async Task Widget_token_takes_form_encoded_scopes_as_the_reference_curl_sends_them()
    {
        await using var emulator = WorkOSEmulator.CreateInProcess();
        using var http = emulator.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/widgets/token")
        {
            Headers = { Authorization = new("Bearer", emulator.ApiKey) },
            Content = new FormUrlEncodedContent([
                new("organization_id", "org_acme"), new("user_id", "user_bob"), new("scopes", "widgets:users-table:manage"), new("scopes", "widgets:dsync:manage")]),
        };

        using var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var payload = Jwt.Payload((await AuthKitClient.ReadJsonAsync(response)).GetProperty("token").GetString()!);
        Assert.Equal(["widgets:users-table:manage", "widgets:dsync:manage"], Jwt.Strings(payload, "scopes"));
    }

    [Theory]
    [InlineData("{\"user_id\":\"user_alice\",\"scopes\":[\"widgets:users-table:manage\"]}", "organization_id")]
    [InlineData("{\"organization_id\":\"org_acme\",\"user_id\":\"user_alice\"}", "scopes")]
    [InlineData("{\"organization_id\":\"org_acme\",\"user_id\":\"user_alice\",\"scopes\":[]}", "scopes")]
    [InlineData("{\"organization_id\":\"org_acme\",\"user_id\":\"user_alice\",\"scopes\":[\"widgets:everything:manage\"]}", "scopes")]
    [InlineData("{\"organization_id\":\"org_acme\",\"user_id\":\"user_alice\",\"scopes\":[\"widgets:users-table:manage\",7]}", "scopes")]
    [InlineData("{\"organization_id\":", "body")]
    public Task Widget_token_request_without_a_valid_organization_or_scopes_is_refused_with_422_naming_the_field(string json, string field) =>
        InvalidRequestAssertions.AssertRefusedNamingAsync("/widgets/token", json, field, 2210);

    [Theory]
    [InlineData("org_nope", "user_alice", "Organization not found")]
    [InlineData("org_acme", "user_nope", "User not found")]
    [InlineData("org_acme", "user_carol", "not an active member")]
    public async Task Widget_token_for_an_unknown_organization_an_unknown_user_or_a_non_member_is_not_found(string organizationId, string userId, string message)
    {
        var log = new TestLogSink();
        using var loggers = LoggerFactory.Create(builder => builder.AddProvider(log));
        await using var emulator = WorkOSEmulator.CreateInProcess(o => o.LoggerFactory = loggers);
        using var api = new AuthKitClient(emulator);

        using var response = await api.SendWithApiKeyAsync(HttpMethod.Post, "/widgets/token",
            new { organization_id = organizationId, user_id = userId, scopes = new[] { "widgets:users-table:manage" } });

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var body = await AuthKitClient.ReadJsonAsync(response);
        Assert.Equal("entity_not_found", body.GetProperty("code").GetString());
        Assert.Contains(message, body.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.False(body.TryGetProperty("token", out _));
        Assert.Contains(log.Entries, e => e.EventId.Id == 2210);
    }

    [Fact]
    public async Task Widget_token_for_a_member_whose_membership_is_inactive_is_not_found()
    {
        await using var emulator = WorkOSEmulator.CreateInProcess(o =>
            o.Seed.Memberships.Add(new SeedMembership { UserId = "user_carol", OrganizationId = "org_acme", Roles = ["member"], Status = "inactive" }));
        using var api = new AuthKitClient(emulator);

        using var response = await api.SendWithApiKeyAsync(HttpMethod.Post, "/widgets/token",
            new { organization_id = "org_acme", user_id = "user_carol", scopes = new[] { "widgets:users-table:manage" } });

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var body = await AuthKitClient.ReadJsonAsync(response);
        Assert.Equal("entity_not_found", body.GetProperty("code").GetString());
        Assert.Contains("not an active member", body.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Widget_token_needs_the_api_key()
    {
        await using var emulator = WorkOSEmulator.CreateInProcess();
        using var api = new AuthKitClient(emulator);
        var body = new { organization_id = "org_acme", user_id = "user_alice", scopes = new[] { "widgets:users-table:manage" } };

        using var none = await api.SendWithApiKeyAsync(HttpMethod.Post, "/widgets/token", body, apiKey: null);
        using var wrong = await api.SendWithApiKeyAsync(HttpMethod.Post, "/widgets/token", body, apiKey: "sk_test_wrong");

        Assert.Equal((HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized), (none.StatusCode, wrong.StatusCode));
        Assert.False((await AuthKitClient.ReadJsonAsync(none)).TryGetProperty("token", out _));
    }
}
