using System.Net;
using Microsoft.Extensions.Time.Testing;
using WorkOS.AspNetCore.Emulator;
using WorkOS.AspNetCore.Testing;
using WorkOS.AspNetCore.Tests.Infrastructure;

namespace WorkOS.AspNetCore.Tests.Emulator;

public sealed class RefreshAndSessionTests
{
    [Theory]
    [MemberData(nameof(Emulators.Modes), MemberType = typeof(Emulators))]
    public async Task Refresh_rotates_the_refresh_token_and_the_old_one_is_rejected_after_the_replay_grace(EmulatorMode mode)
    {
        var clock = TestClock.StartingNow();
        await using var emulator = await Emulators.StartAsync(mode, o => o.TimeProvider = clock);
        using var client = new AuthKitClient(emulator);
        var signIn = await client.SignInAsync("alice@acme.com");
        var first = signIn.GetProperty("refresh_token").GetString()!;

        using var refreshed = await client.RefreshAsync(first);
        var body = await AuthKitClient.ReadJsonAsync(refreshed);
        var second = body.GetProperty("refresh_token").GetString()!;
        clock.Advance(TimeSpan.FromSeconds(31));
        using var reuse = await client.RefreshAsync(first);
        using var next = await client.RefreshAsync(second);

        Assert.Equal(HttpStatusCode.OK, refreshed.StatusCode);
        Assert.NotEqual(first, second);
        Assert.Equal("user_alice", body.GetProperty("user").GetProperty("id").GetString());
        Assert.Equal("org_acme", body.GetProperty("organization_id").GetString());
        var oldClaims = Jwt.Payload(signIn.GetProperty("access_token").GetString()!);
        var newClaims = Jwt.Payload(body.GetProperty("access_token").GetString()!);
        Assert.Equal(oldClaims.GetProperty("sid").GetString(), newClaims.GetProperty("sid").GetString());
        Assert.NotEqual(oldClaims.GetProperty("jti").GetString(), newClaims.GetProperty("jti").GetString());
        await CodeExchangeTests.AssertOAuthErrorAsync(reuse, HttpStatusCode.BadRequest, "invalid_grant");
        Assert.Equal(HttpStatusCode.OK, next.StatusCode);
    }

    [Theory]
    [MemberData(nameof(Emulators.Modes), MemberType = typeof(Emulators))]
    public async Task Second_exchange_of_a_just_spent_refresh_token_returns_the_same_new_pair(EmulatorMode mode)
    {
        var clock = TestClock.StartingNow();
        await using var emulator = await Emulators.StartAsync(mode, o => o.TimeProvider = clock);
        using var client = new AuthKitClient(emulator);
        var token = (await client.SignInAsync("alice@acme.com")).GetProperty("refresh_token").GetString()!;

        using var first = await client.RefreshAsync(token);
        clock.Advance(TimeSpan.FromSeconds(29));
        using var replay = await client.RefreshAsync(token);

        Assert.Equal(HttpStatusCode.OK, replay.StatusCode);
        var a = await AuthKitClient.ReadJsonAsync(first);
        var b = await AuthKitClient.ReadJsonAsync(replay);
        Assert.Equal(a.GetProperty("refresh_token").GetString(), b.GetProperty("refresh_token").GetString());
        Assert.Equal(a.GetProperty("access_token").GetString(), b.GetProperty("access_token").GetString());
    }

    [Fact]
    public async Task Replay_grace_is_configurable_and_zero_turns_it_off()
    {
        var clock = TestClock.StartingNow();
        await using var emulator = WorkOSEmulator.CreateInProcess(o =>
        {
            o.TimeProvider = clock;
            o.RefreshTokenReplayGrace = TimeSpan.FromSeconds(5);
        });
        using var client = new AuthKitClient(emulator);
        var token = (await client.SignInAsync("alice@acme.com")).GetProperty("refresh_token").GetString()!;
        using var first = await client.RefreshAsync(token);

        clock.Advance(TimeSpan.FromSeconds(4));
        using var within = await client.RefreshAsync(token);
        clock.Advance(TimeSpan.FromSeconds(1));
        using var after = await client.RefreshAsync(token);

        Assert.Equal(HttpStatusCode.OK, within.StatusCode);
        await CodeExchangeTests.AssertOAuthErrorAsync(after, HttpStatusCode.BadRequest, "invalid_grant");

        await using var strict = WorkOSEmulator.CreateInProcess(o => o.RefreshTokenReplayGrace = TimeSpan.Zero);
        using var strictClient = new AuthKitClient(strict);
        var strictToken = (await strictClient.SignInAsync("alice@acme.com")).GetProperty("refresh_token").GetString()!;
        using var spent = await strictClient.RefreshAsync(strictToken);
        using var again = await strictClient.RefreshAsync(strictToken);
        Assert.Equal(HttpStatusCode.OK, spent.StatusCode);
        await CodeExchangeTests.AssertOAuthErrorAsync(again, HttpStatusCode.BadRequest, "invalid_grant");
    }

    [Fact]
    public async Task Replay_is_refused_once_the_session_was_revoked_or_the_new_pair_spent()
    {
        await using var emulator = WorkOSEmulator.CreateInProcess();
        using var client = new AuthKitClient(emulator);
        var revokedToken = (await client.SignInAsync("alice@acme.com")).GetProperty("refresh_token").GetString()!;
        var spentToken = (await client.SignInAsync("bob@acme.com")).GetProperty("refresh_token").GetString()!;

        using var beforeRevoke = await client.RefreshAsync(revokedToken);
        Assert.True(emulator.RevokeSession(emulator.Sessions.First().Id));
        using var afterRevoke = await client.RefreshAsync(revokedToken);

        using var rotated = await client.RefreshAsync(spentToken);
        using var onward = await client.RefreshAsync((await AuthKitClient.ReadJsonAsync(rotated)).GetProperty("refresh_token").GetString()!);
        using var twoBack = await client.RefreshAsync(spentToken);

        Assert.Equal(HttpStatusCode.OK, beforeRevoke.StatusCode);
        await CodeExchangeTests.AssertOAuthErrorAsync(afterRevoke, HttpStatusCode.BadRequest, "invalid_grant");
        Assert.Equal(HttpStatusCode.OK, onward.StatusCode);
        await CodeExchangeTests.AssertOAuthErrorAsync(twoBack, HttpStatusCode.BadRequest, "invalid_grant");
    }

    [Fact]
    public async Task Concurrent_refreshes_with_one_token_all_get_the_same_new_pair()
    {
        await using var emulator = await WorkOSEmulator.StartAsync();
        using var client = new AuthKitClient(emulator);
        var token = (await client.SignInAsync("alice@acme.com")).GetProperty("refresh_token").GetString()!;

        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => client.RefreshAsync(token)));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        var pairs = await Task.WhenAll(responses.Select(async r => (await AuthKitClient.ReadJsonAsync(r)).GetProperty("refresh_token").GetString()));
        Assert.Single(pairs.Distinct());
        foreach (var response in responses)
        {
            response.Dispose();
        }
    }

    [Fact]
    public async Task Concurrent_refreshes_with_one_token_let_exactly_one_succeed_without_replay_grace()
    {
        await using var emulator = await WorkOSEmulator.StartAsync(o => o.RefreshTokenReplayGrace = TimeSpan.Zero);
        using var client = new AuthKitClient(emulator);
        var token = (await client.SignInAsync("alice@acme.com")).GetProperty("refresh_token").GetString()!;

        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => client.RefreshAsync(token)));

        Assert.Equal(1, responses.Count(r => r.StatusCode == HttpStatusCode.OK));
        Assert.Equal(7, responses.Count(r => r.StatusCode == HttpStatusCode.BadRequest));
        foreach (var response in responses)
        {
            response.Dispose();
        }
    }

    [Theory]
    [MemberData(nameof(Emulators.Modes), MemberType = typeof(Emulators))]
    public async Task Refresh_with_an_organization_id_switches_the_session_organization(EmulatorMode mode)
    {
        await using var emulator = await Emulators.StartAsync(mode);
        using var client = new AuthKitClient(emulator);
        var token = (await client.SignInAsync("alice@acme.com")).GetProperty("refresh_token").GetString()!;

        using var response = await client.RefreshAsync(token, "org_globex");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await AuthKitClient.ReadJsonAsync(response);
        Assert.Equal("org_globex", body.GetProperty("organization_id").GetString());
        var claims = Jwt.Payload(body.GetProperty("access_token").GetString()!);
        Assert.Equal("org_globex", claims.GetProperty("org_id").GetString());
        Assert.Equal("member", claims.GetProperty("role").GetString());
        Assert.Equal(["posts:read", "reports:view"], Jwt.Strings(claims, "permissions"));
        Assert.Equal("org_globex", Assert.Single(emulator.Sessions).OrganizationId);
    }

    [Fact]
    public async Task Switching_to_an_organization_the_user_is_not_in_fails_and_keeps_the_token_usable()
    {
        await using var emulator = WorkOSEmulator.CreateInProcess();
        using var client = new AuthKitClient(emulator);
        var token = (await client.SignInAsync("bob@acme.com")).GetProperty("refresh_token").GetString()!;

        using var rejected = await client.RefreshAsync(token, "org_globex");
        using var retry = await client.RefreshAsync(token);

        Assert.Equal(HttpStatusCode.BadRequest, rejected.StatusCode);
        Assert.Equal("organization_invalid", (await AuthKitClient.ReadJsonAsync(rejected)).GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        Assert.Equal("org_acme", Assert.Single(emulator.Sessions).OrganizationId);
    }

    [Fact]
    public async Task Role_changes_show_in_the_token_from_the_next_refresh()
    {
        await using var emulator = WorkOSEmulator.CreateInProcess();
        using var client = new AuthKitClient(emulator);
        var token = (await client.SignInAsync("bob@acme.com")).GetProperty("refresh_token").GetString()!;

        emulator.SetUserRoles("bob@acme.com", "org_acme", "viewer", "member");
        emulator.SetRolePermissions("viewer", "posts:read", "dashboards:view");
        using var response = await client.RefreshAsync(token);

        var claims = Jwt.Payload((await AuthKitClient.ReadJsonAsync(response)).GetProperty("access_token").GetString()!);
        Assert.Equal("viewer", claims.GetProperty("role").GetString());
        Assert.Equal(["viewer", "member"], Jwt.Strings(claims, "roles"));
        Assert.Equal(["posts:read", "dashboards:view", "reports:view"], Jwt.Strings(claims, "permissions"));
    }

    [Theory]
    [MemberData(nameof(Emulators.Modes), MemberType = typeof(Emulators))]
    public async Task Revoked_session_cannot_refresh(EmulatorMode mode)
    {
        await using var emulator = await Emulators.StartAsync(mode);
        using var client = new AuthKitClient(emulator);
        var signIn = await client.SignInAsync("alice@acme.com");
        var sessionId = Jwt.Payload(signIn.GetProperty("access_token").GetString()!).GetProperty("sid").GetString()!;

        using var revoke = await client.SendWithApiKeyAsync(HttpMethod.Post, "/user_management/sessions/revoke", new { session_id = sessionId });
        using var refresh = await client.RefreshAsync(signIn.GetProperty("refresh_token").GetString()!);

        Assert.Equal(HttpStatusCode.OK, revoke.StatusCode);
        var session = await AuthKitClient.ReadJsonAsync(revoke);
        Assert.Equal("session", session.GetProperty("object").GetString());
        Assert.Equal(sessionId, session.GetProperty("id").GetString());
        Assert.Equal("revoked", session.GetProperty("status").GetString());
        Assert.NotNull(session.GetProperty("ended_at").GetString());
        await CodeExchangeTests.AssertOAuthErrorAsync(refresh, HttpStatusCode.BadRequest, "invalid_grant");
        Assert.False(Assert.Single(emulator.Sessions).IsActive);
    }

    [Fact]
    public async Task Revoking_an_unknown_session_is_not_found()
    {
        await using var emulator = WorkOSEmulator.CreateInProcess();
        using var client = new AuthKitClient(emulator);

        using var response = await client.SendWithApiKeyAsync(HttpMethod.Post, "/user_management/sessions/revoke", new { session_id = "session_nope" });

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.False(string.IsNullOrEmpty((await AuthKitClient.ReadJsonAsync(response)).GetProperty("message").GetString()));
    }

    [Fact]
    public async Task Revoking_from_the_test_ends_the_session_and_refresh_fails()
    {
        await using var emulator = WorkOSEmulator.CreateInProcess();
        using var client = new AuthKitClient(emulator);
        var signIn = await client.SignInAsync("bob@acme.com");

        Assert.True(emulator.RevokeSession(Assert.Single(emulator.Sessions).Id));
        using var refresh = await client.RefreshAsync(signIn.GetProperty("refresh_token").GetString()!);

        await CodeExchangeTests.AssertOAuthErrorAsync(refresh, HttpStatusCode.BadRequest, "invalid_grant");
        Assert.NotNull(Assert.Single(emulator.Sessions).EndedAt);
        Assert.False(emulator.RevokeSession("session_unknown"));
    }

    [Theory]
    [MemberData(nameof(Emulators.Modes), MemberType = typeof(Emulators))]
    public async Task Logout_ends_the_session_and_redirects_to_return_to(EmulatorMode mode)
    {
        await using var emulator = await Emulators.StartAsync(mode);
        using var client = new AuthKitClient(emulator);
        var signIn = await client.SignInAsync("alice@acme.com");
        var sessionId = Jwt.Payload(signIn.GetProperty("access_token").GetString()!).GetProperty("sid").GetString()!;

        using var logout = await client.Http.GetAsync($"/user_management/sessions/logout?session_id={sessionId}&return_to={Uri.EscapeDataString("http://localhost:5000/signed-out")}");
        using var refresh = await client.RefreshAsync(signIn.GetProperty("refresh_token").GetString()!);

        Assert.Equal(HttpStatusCode.Found, logout.StatusCode);
        Assert.Equal("http://localhost:5000/signed-out", logout.Headers.Location!.OriginalString);
        await CodeExchangeTests.AssertOAuthErrorAsync(refresh, HttpStatusCode.BadRequest, "invalid_grant");
    }

    [Fact]
    public async Task Logout_without_return_to_lands_on_the_signed_out_page()
    {
        await using var emulator = WorkOSEmulator.CreateInProcess();
        using var client = new AuthKitClient(emulator);
        await client.SignInAsync("alice@acme.com");

        using var logout = await client.Http.GetAsync($"/user_management/sessions/logout?session_id={Assert.Single(emulator.Sessions).Id}");
        using var page = await client.Http.GetAsync(logout.Headers.Location);

        Assert.Equal(HttpStatusCode.Found, logout.StatusCode);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("data-testid=\"signed-out\"", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.False(Assert.Single(emulator.Sessions).IsActive);
    }

    [Fact]
    public async Task Logout_to_an_unregistered_return_to_is_refused_and_keeps_the_session()
    {
        await using var emulator = WorkOSEmulator.CreateInProcess(o => o.LogoutRedirectUris.Add("https://app.example.com/bye"));
        using var client = new AuthKitClient(emulator);
        await client.SignInAsync("alice@acme.com");
        var sessionId = Assert.Single(emulator.Sessions).Id;

        using var refused = await client.Http.GetAsync($"/user_management/sessions/logout?session_id={sessionId}&return_to={Uri.EscapeDataString("http://localhost:5000/")}");

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Null(refused.Headers.Location);
        Assert.True(Assert.Single(emulator.Sessions).IsActive);
        using var allowed = await client.Http.GetAsync($"/user_management/sessions/logout?session_id={sessionId}&return_to={Uri.EscapeDataString("https://app.example.com/bye")}");
        Assert.Equal("https://app.example.com/bye", allowed.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task User_sessions_lists_only_active_sessions()
    {
        await using var emulator = WorkOSEmulator.CreateInProcess();
        using var client = new AuthKitClient(emulator);
        await client.SignInAsync("alice@acme.com");
        await client.SignInAsync("alice@acme.com");
        await client.SignInAsync("bob@acme.com");
        var ended = emulator.Sessions[0].Id;
        emulator.RevokeSession(ended);

        using var response = await client.SendWithApiKeyAsync(HttpMethod.Get, "/user_management/users/user_alice/sessions");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await AuthKitClient.ReadJsonAsync(response);
        var session = Assert.Single(body.GetProperty("data").EnumerateArray().ToList());
        Assert.Equal(emulator.Sessions[1].Id, session.GetProperty("id").GetString());
        Assert.Equal("active", session.GetProperty("status").GetString());
        Assert.Equal("user_alice", session.GetProperty("user_id").GetString());
        Assert.Equal("org_acme", session.GetProperty("organization_id").GetString());
        Assert.True(body.TryGetProperty("list_metadata", out _));
    }
}
