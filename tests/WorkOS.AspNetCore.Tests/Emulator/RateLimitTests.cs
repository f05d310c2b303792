using System.Net;
using WorkOS.AspNetCore.Emulator;
using WorkOS.AspNetCore.Testing;
using WorkOS.AspNetCore.Tests.Infrastructure;

namespace WorkOS.AspNetCore.Tests.Emulator;

public sealed class RateLimitTests
{
    [Fact]
    public async Task Eleventh_attempt_for_an_email_within_a_minute_is_answered_429_with_retry_after_until_the_window_moves_on()
    {
        var clock = TestClock.StartingNow();
        await using var emulator = WorkOSEmulator.CreateInProcess(o => o.TimeProvider = clock);
        using var grants = new SignInGrantClient(emulator);

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 10; i++)
        {
            statuses.Add((await grants.PasswordAsync("bob@acme.com", "wrong")).Status);
            clock.Advance(TimeSpan.FromSeconds(1));
        }

        using var limited = await PostPasswordAsync(emulator, grants, "BOB@acme.com");
        var otherEmail = await grants.PasswordAsync("carol@globex.com");
        clock.Advance(TimeSpan.FromSeconds(50));
        var afterWindow = await grants.PasswordAsync("bob@acme.com");

        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.BadRequest, s));
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.Equal("50", limited.Headers.GetValues("Retry-After").Single());
        Assert.Equal("rate_limit_exceeded", (await AuthKitClient.ReadJsonAsync(limited)).GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.OK, otherEmail.Status);
        Assert.Equal(HttpStatusCode.OK, afterWindow.Status);
    }

    [Fact]
    public async Task Attempts_on_one_pending_token_are_limited_by_the_configured_limit()
    {
        await using var emulator = WorkOSEmulator.CreateInProcess(o => o.AuthenticateRateLimit = 2);
        using var grants = new SignInGrantClient(emulator);
        var token = (await grants.PasswordAsync("alice@acme.com")).Body.GetProperty("pending_authentication_token").GetString();

        var first = await grants.GrantAsync(SignInGrantClient.OrganizationSelectionGrant, new { pending_authentication_token = token, organization_id = "org_missing" });
        var second = await grants.GrantAsync(SignInGrantClient.OrganizationSelectionGrant, new { pending_authentication_token = token, organization_id = "org_missing" });
        var third = await grants.GrantAsync(SignInGrantClient.OrganizationSelectionGrant, new { pending_authentication_token = token, organization_id = "org_acme" });

        Assert.Equal((HttpStatusCode.BadRequest, HttpStatusCode.BadRequest, HttpStatusCode.TooManyRequests), (first.Status, second.Status, third.Status));
        Assert.Empty(emulator.Sessions);
    }

    [Fact]
    public async Task Limit_of_zero_turns_the_rate_limit_off()
    {
        await using var emulator = WorkOSEmulator.CreateInProcess(o => o.AuthenticateRateLimit = 0);
        using var grants = new SignInGrantClient(emulator);

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 15; i++)
        {
            statuses.Add((await grants.PasswordAsync("bob@acme.com", "wrong")).Status);
        }

        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.BadRequest, s));
    }

    [Fact]
    public void Negative_limit_or_empty_window_is_refused_at_start()
    {
        Assert.Throws<ArgumentException>(() => WorkOSEmulator.CreateInProcess(o => o.AuthenticateRateLimit = -1));
        Assert.Throws<ArgumentException>(() => WorkOSEmulator.CreateInProcess(o => o.AuthenticateRateLimitWindow = TimeSpan.Zero));
    }

    private static Task<HttpResponseMessage> PostPasswordAsync(WorkOSEmulator emulator, SignInGrantClient grants, string email) =>
        grants.Api.Http.PostAsync("/user_management/authenticate", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "password",
            ["client_id"] = emulator.ClientId,
            ["client_secret"] = emulator.ApiKey,
            ["email"] = email,
            ["password"] = EmulatorSeed.DefaultPassword,
        }));
}
