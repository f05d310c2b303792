using System.Net;
using System.Net.Http.Json;
using System.Text;

namespace WorkOS.AspNetCore.Tests.Emulator;

/// <summary>Tokens with chosen claims over the control API: one signed on request, or claims added to every issued token.</summary>
public sealed class ControlApiTokenTests
{
    [Fact]
    public async Task Access_token_signed_over_http_carries_the_claims_as_given_and_verifies_against_the_jwks()
    {
        await using var host = await ControlApiHost.StartAsync();

        using var response = await host.Http.PostAsync("/_emulator/access_tokens", Json("""
            {"claims":{"sub":"user_forged","permissions":["reports:view","posts:write"],"org_count":3,"ratio":0.5,"beta":true,
              "act":{"sub":"support@example.com"}},"lifetime_seconds":90}
            """));
        var token = (await AuthKitClient.ReadJsonAsync(response)).GetProperty("access_token").GetString()!;
        var payload = Jwt.Payload(token);
        var jwks = await Jwt.FetchJwksAsync(host.Http, host.Emulator);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(host.Emulator.CurrentKeyId, Jwt.Header(token).GetProperty("kid").GetString());
        Assert.True((await Jwt.ValidateAsync(token, jwks, host.Emulator)).IsValid);
        Assert.Equal("user_forged", payload.GetProperty("sub").GetString());
        Assert.Equal(["reports:view", "posts:write"], Jwt.Strings(payload, "permissions"));
        Assert.Equal(3, payload.GetProperty("org_count").GetInt64());
        Assert.Equal(0.5, payload.GetProperty("ratio").GetDouble());
        Assert.True(payload.GetProperty("beta").GetBoolean());
        Assert.Equal("support@example.com", payload.GetProperty("act").GetProperty("sub").GetString());
        Assert.Equal(90, payload.GetProperty("exp").GetInt64() - payload.GetProperty("iat").GetInt64());
        Assert.Contains(2025, host.EventIds);
    }

    [Theory]
    [InlineData("/_emulator/access_tokens", """{"lifetime_seconds":60}""")]
    [InlineData("/_emulator/access_tokens", """{"claims":{"sub":null}}""")]
    [InlineData("/_emulator/access_tokens", """{"claims":{" ":"blank name"}}""")]
    [InlineData("/_emulator/session_token_claims", """{}""")]
    [InlineData("/_emulator/session_token_claims", """{"claims":{"aud":null}}""")]
    public async Task Claims_that_are_missing_or_null_get_422_and_no_token_changes(string path, string body)
    {
        await using var host = await ControlApiHost.StartAsync();

        using var response = path.EndsWith("claims", StringComparison.Ordinal)
            ? await host.Http.PutAsync(path, Json(body))
            : await host.Http.PostAsync(path, Json(body));
        var payload = Jwt.Payload((await host.Client.SignInAsync("alice@acme.com")).GetProperty("access_token").GetString()!);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.StartsWith("claims", (await AuthKitClient.ReadJsonAsync(response)).GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(2024, host.EventIds);
        Assert.DoesNotContain(2025, host.EventIds);
        Assert.False(payload.TryGetProperty("aud", out _));
    }

    [Fact]
    public async Task Session_token_claims_set_over_http_appear_in_issued_tokens_until_set_to_none()
    {
        await using var host = await ControlApiHost.StartAsync();

        using var set = await host.Http.PutAsJsonAsync("/_emulator/session_token_claims", new { claims = new { aud = "client_other", tier = "gold" } });
        var withClaims = Jwt.Payload((await host.Client.SignInAsync("alice@acme.com")).GetProperty("access_token").GetString()!);
        using var clear = await host.Http.PutAsJsonAsync("/_emulator/session_token_claims", new { claims = new { } });
        var without = Jwt.Payload((await host.Client.SignInAsync("alice@acme.com")).GetProperty("access_token").GetString()!);

        Assert.Equal(HttpStatusCode.NoContent, set.StatusCode);
        Assert.Equal("client_other", withClaims.GetProperty("aud").GetString());
        Assert.Equal("gold", withClaims.GetProperty("tier").GetString());
        Assert.Equal("user_alice", withClaims.GetProperty("sub").GetString());
        Assert.Equal(HttpStatusCode.NoContent, clear.StatusCode);
        Assert.False(without.TryGetProperty("aud", out _));
        Assert.False(without.TryGetProperty("tier", out _));
    }

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");
}
