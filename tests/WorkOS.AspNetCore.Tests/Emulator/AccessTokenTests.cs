using System.Net;
using Microsoft.Extensions.Time.Testing;
using WorkOS.AspNetCore.Emulator;
using WorkOS.AspNetCore.Testing;

namespace WorkOS.AspNetCore.Tests.Emulator;

public sealed class AccessTokenTests
{
    [Theory]
    [MemberData(nameof(Emulators.Modes), MemberType = typeof(Emulators))]
    public async Task Access_token_verifies_against_the_jwks_and_carries_alices_acme_claims(EmulatorMode mode)
    {
        await using var emulator = await Emulators.StartAsync(mode);
        using var client = new AuthKitClient(emulator);
        var token = (await client.SignInAsync("alice@acme.com")).GetProperty("access_token").GetString()!;

        var validation = await Jwt.ValidateAsync(token, await Jwt.FetchJwksAsync(client.Http, emulator), emulator);

        Assert.True(validation.IsValid, validation.Exception?.Message);
        var header = Jwt.Header(token);
        Assert.Equal("RS256", header.GetProperty("alg").GetString());
        Assert.Equal(emulator.CurrentKeyId, header.GetProperty("kid").GetString());
        var claims = Jwt.Payload(token);
        Assert.Equal($"{emulator.BaseUrl.GetLeftPart(UriPartial.Authority)}/user_management/{emulator.ClientId}", claims.GetProperty("iss").GetString());
        Assert.Equal("user_alice", claims.GetProperty("sub").GetString());
        Assert.Equal(Assert.Single(emulator.Sessions).Id, claims.GetProperty("sid").GetString());
        Assert.Equal("org_acme", claims.GetProperty("org_id").GetString());
        Assert.Equal("admin", claims.GetProperty("role").GetString());
        Assert.Equal(["admin"], Jwt.Strings(claims, "roles"));
        Assert.Equal(["posts:read", "posts:write", "posts:delete", "users:manage", "reports:view"], Jwt.Strings(claims, "permissions"));
        Assert.Equal(["audit-logs", "sso"], Jwt.Strings(claims, "entitlements"));
        Assert.Equal(["new-dashboard"], Jwt.Strings(claims, "feature_flags"));
        Assert.False(string.IsNullOrEmpty(claims.GetProperty("jti").GetString()));
        Assert.Equal(300, claims.GetProperty("exp").GetInt64() - claims.GetProperty("iat").GetInt64());
        Assert.False(claims.TryGetProperty("aud", out _));
    }

    [Fact]
    public async Task Token_claims_follow_the_organization_without_entitlements_or_flags()
    {
        await using var emulator = WorkOSEmulator.CreateInProcess();
        using var client = new AuthKitClient(emulator);

        var claims = Jwt.Payload((await client.SignInAsync("carol@globex.com")).GetProperty("access_token").GetString()!);

        Assert.Equal("org_globex", claims.GetProperty("org_id").GetString());
        Assert.Equal("viewer", claims.GetProperty("role").GetString());
        Assert.Equal(["posts:read"], Jwt.Strings(claims, "permissions"));
        Assert.False(claims.TryGetProperty("feature_flags", out _));
        Assert.False(claims.TryGetProperty("entitlements", out _));
    }

    [Fact]
    public async Task User_without_memberships_gets_a_token_without_organization_claims()
    {
        await using var emulator = WorkOSEmulator.CreateInProcess(o => o.Seed.AddUser(new SeedUser
        {
            Id = "user_dave",
            Email = "dave@example.com",
            FeatureFlags = ["beta"],
        }));
        using var client = new AuthKitClient(emulator);

        var body = await client.SignInAsync("dave@example.com");

        Assert.False(body.TryGetProperty("organization_id", out _));
        var claims = Jwt.Payload(body.GetProperty("access_token").GetString()!);
        Assert.Equal("user_dave", claims.GetProperty("sub").GetString());
        Assert.False(claims.TryGetProperty("org_id", out _));
        Assert.False(claims.TryGetProperty("role", out _));
        Assert.Equal(["beta"], Jwt.Strings(claims, "feature_flags"));
    }

    [Fact]
    public async Task Access_token_lifetime_can_be_changed_at_run_time()
    {
        await using var emulator = WorkOSEmulator.CreateInProcess();
        using var client = new AuthKitClient(emulator);

        emulator.SetAccessTokenLifetime(TimeSpan.FromSeconds(30));
        var claims = Jwt.Payload((await client.SignInAsync("bob@acme.com")).GetProperty("access_token").GetString()!);

        Assert.Equal(30, claims.GetProperty("exp").GetInt64() - claims.GetProperty("iat").GetInt64());
    }

    [Fact]
    public async Task Token_times_come_from_the_emulator_clock()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2030, 1, 2, 3, 4, 5, TimeSpan.Zero));
        await using var emulator = WorkOSEmulator.CreateInProcess(o => o.TimeProvider = clock);
        using var client = new AuthKitClient(emulator);

        var claims = Jwt.Payload((await client.SignInAsync("bob@acme.com")).GetProperty("access_token").GetString()!);

        Assert.Equal(clock.GetUtcNow().ToUnixTimeSeconds(), claims.GetProperty("iat").GetInt64());
    }

    [Theory]
    [MemberData(nameof(Emulators.Modes), MemberType = typeof(Emulators))]
    public async Task Rotated_key_signs_new_tokens_while_the_old_key_stays_published(EmulatorMode mode)
    {
        await using var emulator = await Emulators.StartAsync(mode);
        using var client = new AuthKitClient(emulator);
        var oldKid = emulator.CurrentKeyId;
        var oldToken = (await client.SignInAsync("alice@acme.com")).GetProperty("access_token").GetString()!;

        emulator.RotateSigningKey();
        var newToken = (await client.SignInAsync("alice@acme.com")).GetProperty("access_token").GetString()!;
        var jwks = await Jwt.FetchJwksAsync(client.Http, emulator);

        Assert.NotEqual(oldKid, emulator.CurrentKeyId);
        Assert.Equal(emulator.CurrentKeyId, Jwt.Header(newToken).GetProperty("kid").GetString());
        Assert.Equal(new[] { oldKid, emulator.CurrentKeyId }.Order(), jwks.Keys.Select(k => k.Kid).Order());
        Assert.True((await Jwt.ValidateAsync(oldToken, jwks, emulator)).IsValid);
        Assert.True((await Jwt.ValidateAsync(newToken, jwks, emulator)).IsValid);
    }

    [Fact]
    public async Task Retiring_old_keys_removes_them_from_the_jwks()
    {
        await using var emulator = WorkOSEmulator.CreateInProcess();
        using var client = new AuthKitClient(emulator);
        var oldToken = (await client.SignInAsync("alice@acme.com")).GetProperty("access_token").GetString()!;

        emulator.RotateSigningKey(retireOld: true);
        var jwks = await Jwt.FetchJwksAsync(client.Http, emulator);

        Assert.Equal(emulator.CurrentKeyId, Assert.Single(jwks.Keys).Kid);
        Assert.False((await Jwt.ValidateAsync(oldToken, jwks, emulator)).IsValid);
    }

    [Fact]
    public async Task Jwks_publishes_public_rsa_keys_only()
    {
        await using var emulator = WorkOSEmulator.CreateInProcess();
        using var client = new AuthKitClient(emulator);

        var jwks = await AuthKitClient.ReadJsonAsync(await client.Http.GetAsync($"/sso/jwks/{emulator.ClientId}"));

        var key = Assert.Single(jwks.GetProperty("keys").EnumerateArray().ToList());
        Assert.Equal(["alg", "e", "kid", "kty", "n", "use"], key.EnumerateObject().Select(p => p.Name).Order());
        Assert.Equal("RSA", key.GetProperty("kty").GetString());
        Assert.Equal("sig", key.GetProperty("use").GetString());
        Assert.Equal("RS256", key.GetProperty("alg").GetString());
    }

    [Fact]
    public async Task Jwks_of_an_unknown_client_is_not_found()
    {
        await using var emulator = WorkOSEmulator.CreateInProcess();
        using var client = new AuthKitClient(emulator);

        using var response = await client.Http.GetAsync("/sso/jwks/client_other");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Custom_tokens_are_signed_with_the_current_key_and_defaults_are_added()
    {
        await using var emulator = WorkOSEmulator.CreateInProcess();
        using var client = new AuthKitClient(emulator);

        var token = emulator.CreateAccessToken(
            new Dictionary<string, object> { ["sub"] = "user_custom", ["https://example.com/tier"] = "gold", ["roles"] = new[] { "a", "b" } },
            TimeSpan.FromSeconds(90));

        Assert.True((await Jwt.ValidateAsync(token, await Jwt.FetchJwksAsync(client.Http, emulator), emulator)).IsValid);
        var claims = Jwt.Payload(token);
        Assert.Equal("gold", claims.GetProperty("https://example.com/tier").GetString());
        Assert.Equal(["a", "b"], Jwt.Strings(claims, "roles"));
        Assert.Equal(emulator.Options.Issuer, claims.GetProperty("iss").GetString());
        Assert.Equal(90, claims.GetProperty("exp").GetInt64() - claims.GetProperty("iat").GetInt64());
    }

    [Fact]
    public async Task Expired_custom_token_fails_validation()
    {
        await using var emulator = WorkOSEmulator.CreateInProcess();
        using var client = new AuthKitClient(emulator);
        var past = DateTimeOffset.UtcNow.AddHours(-1).ToUnixTimeSeconds();

        var token = emulator.CreateAccessToken(new Dictionary<string, object> { ["sub"] = "user_alice", ["iat"] = past - 300, ["exp"] = past });

        Assert.False((await Jwt.ValidateAsync(token, await Jwt.FetchJwksAsync(client.Http, emulator), emulator)).IsValid);
    }
}
