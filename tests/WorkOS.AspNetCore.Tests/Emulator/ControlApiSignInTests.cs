using System.Net;
using System.Net.Http.Json;
using System.Text;

namespace WorkOS.AspNetCore.Tests.Emulator;

/// <summary>Authentication errors, impersonation and the session list over the control API.</summary>
public sealed class ControlApiSignInTests
{
    [Fact]
    public async Task Authentication_error_set_over_http_fails_the_users_next_code_exchange_in_the_workos_shape_then_sign_in_works()
    {
        await using var host = await ControlApiHost.StartAsync();

        using var fail = await host.Http.PostAsJsonAsync("/_emulator/users/bob@acme.com/authentication_errors", new { error = "mfa_enrollment" });
        var pkce = Pkce.Create();
        using var failed = await host.Client.ExchangeAsync(await host.Client.GetCodeAsync("bob@acme.com", pkce), pkce.Verifier);
        var body = await AuthKitClient.ReadJsonAsync(failed);
        var signIn = await host.Client.SignInAsync("bob@acme.com");

        Assert.Equal(HttpStatusCode.NoContent, fail.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, failed.StatusCode);
        Assert.Equal("mfa_enrollment", body.GetProperty("code").GetString());
        Assert.Equal("user_bob", body.GetProperty("user").GetProperty("id").GetString());
        Assert.Equal("user_bob", signIn.GetProperty("user").GetProperty("id").GetString());
    }

    [Fact]
    public async Task Refresh_only_authentication_error_until_cleared_lets_the_user_sign_in_but_not_refresh_until_cleared_over_http()
    {
        await using var host = await ControlApiHost.StartAsync();

        using var fail = await host.Http.PostAsJsonAsync("/_emulator/users/user_alice/authentication_errors", new { error = "sso_required", count = -1, refresh_only = true });
        var signIn = await host.Client.SignInAsync("alice@acme.com");
        var refreshToken = signIn.GetProperty("refresh_token").GetString()!;
        using var first = await host.Client.RefreshAsync(refreshToken);
        using var second = await host.Client.RefreshAsync(refreshToken);
        using var clear = await host.Http.DeleteAsync("/_emulator/authentication_errors");
        using var afterClear = await host.Client.RefreshAsync(refreshToken);

        Assert.Equal(HttpStatusCode.NoContent, fail.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, first.StatusCode);
        Assert.Equal("sso_required", (await AuthKitClient.ReadJsonAsync(first)).GetProperty("error").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, second.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, clear.StatusCode);
        Assert.Equal(HttpStatusCode.OK, afterClear.StatusCode);
    }

    [Theory]
    [InlineData("/_emulator/users/bob@acme.com/authentication_errors", """{"error":"not_a_code"}""", "error")]
    [InlineData("/_emulator/users/bob@acme.com/authentication_errors", """{}""", "error")]
    [InlineData("/_emulator/users/bob@acme.com/authentication_errors", """{"error":"mfa_enrollment","count":0}""", "count")]
    [InlineData("/_emulator/users/bob@acme.com/authentication_errors", """{"error":"mfa_enrollment","count":-2}""", "count")]
    [InlineData("/_emulator/users/nobody@acme.com/authentication_errors", """{"error":"mfa_enrollment"}""", "nobody@acme.com")]
    [InlineData("/_emulator/users/bob@acme.com/impersonation", """{"reason":"no impersonator"}""", "impersonator_email")]
    [InlineData("/_emulator/users/bob@acme.com/impersonation", """{"impersonator_email":" "}""", "impersonator_email")]
    [InlineData("/_emulator/users/nobody@acme.com/impersonation", """{"impersonator_email":"support@example.com"}""", "nobody@acme.com")]
    public async Task Refused_authentication_error_or_impersonation_gets_422_and_the_next_sign_in_is_the_users_own(string path, string body, string reason)
    {
        await using var host = await ControlApiHost.StartAsync();

        using var response = await host.Http.PostAsync(path, new StringContent(body, Encoding.UTF8, "application/json"));
        var signIn = await host.Client.SignInAsync("bob@acme.com");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains(reason, (await AuthKitClient.ReadJsonAsync(response)).GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Contains(2024, host.EventIds);
        Assert.DoesNotContain(2026, host.EventIds);
        Assert.Equal("user_bob", signIn.GetProperty("user").GetProperty("id").GetString());
        Assert.False(signIn.TryGetProperty("impersonator", out _));
        Assert.NotEqual("Impersonation", signIn.GetProperty("authentication_method").GetString());
    }

    [Fact]
    public async Task Impersonation_set_over_http_signs_the_next_sign_in_in_as_the_user_with_the_impersonator_once()
    {
        await using var host = await ControlApiHost.StartAsync();

        using var impersonate = await host.Http.PostAsJsonAsync("/_emulator/users/bob@acme.com/impersonation", new { impersonator_email = "support@example.com", reason = "Billing issue" });
        var impersonated = await host.Client.SignInAsync("alice@acme.com");
        var payload = Jwt.Payload(impersonated.GetProperty("access_token").GetString()!);
        var next = await host.Client.SignInAsync("alice@acme.com");

        Assert.Equal(HttpStatusCode.NoContent, impersonate.StatusCode);
        Assert.Equal("user_bob", impersonated.GetProperty("user").GetProperty("id").GetString());
        Assert.Equal("Impersonation", impersonated.GetProperty("authentication_method").GetString());
        Assert.Equal("support@example.com", impersonated.GetProperty("impersonator").GetProperty("email").GetString());
        Assert.Equal("Billing issue", impersonated.GetProperty("impersonator").GetProperty("reason").GetString());
        Assert.Equal("support@example.com", payload.GetProperty("act").GetProperty("sub").GetString());
        Assert.Equal("user_alice", next.GetProperty("user").GetProperty("id").GetString());
        Assert.Contains(host.Log.Entries, e => e.EventId.Id == 2026 && e.Message.Contains("bob@acme.com", StringComparison.Ordinal) && e.Message.Contains("support@example.com", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Session_list_shows_each_session_with_its_state_and_filters_by_user()
    {
        await using var host = await ControlApiHost.StartAsync();
        var alice = Jwt.Payload((await host.Client.SignInAsync("alice@acme.com", "org_acme")).GetProperty("access_token").GetString()!).GetProperty("sid").GetString()!;
        var bob = Jwt.Payload((await host.Client.SignInAsync("bob@acme.com")).GetProperty("access_token").GetString()!).GetProperty("sid").GetString()!;
        using (await host.Http.PostAsJsonAsync($"/_emulator/sessions/{bob}/revoke", new { }))
        {
        }

        using var all = await host.Http.GetAsync("/_emulator/sessions");
        using var bobs = await host.Http.GetAsync("/_emulator/sessions?user=bob@acme.com");
        var list = await AuthKitClient.ReadJsonAsync(all);
        var bobList = await AuthKitClient.ReadJsonAsync(bobs);

        Assert.Equal(2, list.GetProperty("count").GetInt32());
        var first = list.GetProperty("data")[0];
        Assert.Equal(alice, first.GetProperty("id").GetString());
        Assert.Equal("user_alice", first.GetProperty("user_id").GetString());
        Assert.Equal("org_acme", first.GetProperty("organization_id").GetString());
        Assert.True(first.GetProperty("active").GetBoolean());
        var bobSession = Assert.Single(bobList.GetProperty("data").EnumerateArray());
        Assert.Equal(bob, bobSession.GetProperty("id").GetString());
        Assert.False(bobSession.GetProperty("active").GetBoolean());
        Assert.NotNull(bobSession.GetProperty("ended_at").GetString());
    }
}
