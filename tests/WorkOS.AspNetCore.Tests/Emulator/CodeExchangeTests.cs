using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using WorkOS.AspNetCore.Emulator;
using WorkOS.AspNetCore.Testing;
using WorkOS.AspNetCore.Tests.Infrastructure;

namespace WorkOS.AspNetCore.Tests.Emulator;

public sealed class CodeExchangeTests
{
    [Theory]
    [MemberData(nameof(Emulators.Modes), MemberType = typeof(Emulators))]
    public async Task Code_with_the_right_verifier_returns_the_user_tokens_and_organization(EmulatorMode mode)
    {
        await using var emulator = await Emulators.StartAsync(mode);
        using var client = new AuthKitClient(emulator);
        var pkce = Pkce.Create();
        var code = await client.GetCodeAsync("alice@acme.com", pkce);

        using var response = await client.ExchangeAsync(code, pkce.Verifier);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await AuthKitClient.ReadJsonAsync(response);
        var user = body.GetProperty("user");
        Assert.Equal("user", user.GetProperty("object").GetString());
        Assert.Equal("user_alice", user.GetProperty("id").GetString());
        Assert.Equal("alice@acme.com", user.GetProperty("email").GetString());
        Assert.Equal("Alice", user.GetProperty("first_name").GetString());
        Assert.Equal("Admin", user.GetProperty("last_name").GetString());
        Assert.True(user.GetProperty("email_verified").GetBoolean());
        Assert.Equal(JsonValueKind.Null, user.GetProperty("profile_picture_url").ValueKind);
        Assert.EndsWith("Z", user.GetProperty("created_at").GetString(), StringComparison.Ordinal);
        Assert.True(user.TryGetProperty("updated_at", out _));
        Assert.Equal("org_acme", body.GetProperty("organization_id").GetString());
        Assert.Equal(3, body.GetProperty("access_token").GetString()!.Split('.').Length);
        Assert.False(string.IsNullOrEmpty(body.GetProperty("refresh_token").GetString()));
        Assert.Equal("Password", body.GetProperty("authentication_method").GetString());
        var session = Assert.Single(emulator.Sessions);
        Assert.StartsWith("session_", session.Id, StringComparison.Ordinal);
        Assert.Equal(("user_alice", "org_acme", true), (session.UserId, session.OrganizationId, session.IsActive));
    }

    [Fact]
    public async Task Wrong_verifier_is_rejected_with_invalid_grant()
    {
        await using var emulator = WorkOSEmulator.CreateInProcess();
        using var client = new AuthKitClient(emulator);
        var code = await client.GetCodeAsync("alice@acme.com", Pkce.Create());

        using var response = await client.ExchangeAsync(code, Pkce.Create().Verifier);

        await AssertOAuthErrorAsync(response, HttpStatusCode.BadRequest, "invalid_grant");
        Assert.Empty(emulator.Sessions);
    }

    [Fact]
    public async Task Missing_verifier_is_rejected_with_invalid_grant_when_a_challenge_was_sent()
    {
        await using var emulator = WorkOSEmulator.CreateInProcess();
        using var client = new AuthKitClient(emulator);
        var code = await client.GetCodeAsync("alice@acme.com", Pkce.Create());

        using var response = await client.ExchangeAsync(code, verifier: null);

        await AssertOAuthErrorAsync(response, HttpStatusCode.BadRequest, "invalid_grant");
    }

    [Theory]
    [MemberData(nameof(Emulators.Modes), MemberType = typeof(Emulators))]
    public async Task Code_replay_is_rejected_with_invalid_grant(EmulatorMode mode)
    {
        await using var emulator = await Emulators.StartAsync(mode);
        using var client = new AuthKitClient(emulator);
        var pkce = Pkce.Create();
        var code = await client.GetCodeAsync("alice@acme.com", pkce);
        using var first = await client.ExchangeAsync(code, pkce.Verifier);

        using var second = await client.ExchangeAsync(code, pkce.Verifier);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        await AssertOAuthErrorAsync(second, HttpStatusCode.BadRequest, "invalid_grant");
        Assert.Single(emulator.Sessions);
    }

    [Fact]
    public async Task Code_expires_after_the_code_lifetime_on_the_emulator_clock()
    {
        var clock = TestClock.StartingNow();
        await using var emulator = WorkOSEmulator.CreateInProcess(o =>
        {
            o.TimeProvider = clock;
            o.CodeLifetime = TimeSpan.FromMinutes(10);
        });
        using var client = new AuthKitClient(emulator);
        var fresh = Pkce.Create();
        var stale = Pkce.Create();
        var freshCode = await client.GetCodeAsync("alice@acme.com", fresh);
        clock.Advance(TimeSpan.FromMinutes(9));
        using var beforeExpiry = await client.ExchangeAsync(freshCode, fresh.Verifier);
        var staleCode = await client.GetCodeAsync("alice@acme.com", stale);

        clock.Advance(TimeSpan.FromMinutes(10) + TimeSpan.FromSeconds(1));
        using var afterExpiry = await client.ExchangeAsync(staleCode, stale.Verifier);

        Assert.Equal(HttpStatusCode.OK, beforeExpiry.StatusCode);
        await AssertOAuthErrorAsync(afterExpiry, HttpStatusCode.BadRequest, "invalid_grant");
    }

    [Theory]
    [MemberData(nameof(Emulators.Modes), MemberType = typeof(Emulators))]
    public async Task Wrong_client_secret_is_rejected_with_invalid_client_and_401(EmulatorMode mode)
    {
        await using var emulator = await Emulators.StartAsync(mode);
        using var client = new AuthKitClient(emulator);
        var pkce = Pkce.Create();
        var code = await client.GetCodeAsync("alice@acme.com", pkce);

        using var wrong = await client.ExchangeAsync(code, pkce.Verifier, clientSecret: "sk_test_wrong");
        using var right = await client.ExchangeAsync(code, pkce.Verifier);

        await AssertOAuthErrorAsync(wrong, HttpStatusCode.Unauthorized, "invalid_client");
        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
    }

    [Fact]
    public async Task Code_issued_without_pkce_needs_the_client_secret()
    {
        await using var emulator = WorkOSEmulator.CreateInProcess();
        using var client = new AuthKitClient(emulator);
        var code = await client.GetCodeAsync("bob@acme.com");

        using var withoutSecret = await client.ExchangeAsync(code, verifier: null, clientSecret: null);
        using var withSecret = await client.ExchangeAsync(code, verifier: null);

        await AssertOAuthErrorAsync(withoutSecret, HttpStatusCode.Unauthorized, "invalid_client");
        Assert.Equal(HttpStatusCode.OK, withSecret.StatusCode);
    }

    [Fact]
    public async Task Pkce_code_can_be_exchanged_by_a_public_client_without_a_secret()
    {
        await using var emulator = WorkOSEmulator.CreateInProcess();
        using var client = new AuthKitClient(emulator);
        var pkce = Pkce.Create();
        var code = await client.GetCodeAsync("bob@acme.com", pkce);

        using var response = await client.ExchangeAsync(code, pkce.Verifier, clientSecret: null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Form_encoded_exchange_is_accepted()
    {
        await using var emulator = WorkOSEmulator.CreateInProcess();
        using var client = new AuthKitClient(emulator);
        var pkce = Pkce.Create();
        var code = await client.GetCodeAsync("carol@globex.com", pkce);

        using var response = await client.Http.PostAsync("/user_management/authenticate", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code",
            ["client_id"] = emulator.ClientId,
            ["client_secret"] = emulator.ApiKey,
            ["code"] = code,
            ["code_verifier"] = pkce.Verifier,
        }));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("org_globex", (await AuthKitClient.ReadJsonAsync(response)).GetProperty("organization_id").GetString());
    }

    [Fact]
    public async Task Unknown_grant_type_is_rejected_with_unsupported_grant_type()
    {
        await using var emulator = WorkOSEmulator.CreateInProcess();
        using var client = new AuthKitClient(emulator);

        using var response = await client.Http.PostAsync("/user_management/authenticate", JsonBody(new Dictionary<string, string>
        {
            ["grant_type"] = "urn:ietf:params:oauth:grant-type:jwt-bearer",
            ["client_id"] = emulator.ClientId,
            ["client_secret"] = emulator.ApiKey,
        }));

        await AssertOAuthErrorAsync(response, HttpStatusCode.BadRequest, "unsupported_grant_type");
    }

    [Fact]
    public async Task Unknown_client_id_is_rejected_with_invalid_client()
    {
        await using var emulator = WorkOSEmulator.CreateInProcess();
        using var client = new AuthKitClient(emulator);

        using var response = await client.Http.PostAsync("/user_management/authenticate", JsonBody(new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code",
            ["client_id"] = "client_other",
            ["client_secret"] = emulator.ApiKey,
            ["code"] = "whatever",
        }));

        await AssertOAuthErrorAsync(response, HttpStatusCode.Unauthorized, "invalid_client");
    }

    internal static async Task AssertOAuthErrorAsync(HttpResponseMessage response, HttpStatusCode status, string error)
    {
        Assert.Equal(status, response.StatusCode);
        var body = await AuthKitClient.ReadJsonAsync(response);
        Assert.Equal(error, body.GetProperty("error").GetString());
        Assert.False(string.IsNullOrEmpty(body.GetProperty("error_description").GetString()));
    }

    private static StringContent JsonBody(Dictionary<string, string> values) =>
        new(JsonSerializer.Serialize(values), System.Text.Encoding.UTF8, "application/json");
}
