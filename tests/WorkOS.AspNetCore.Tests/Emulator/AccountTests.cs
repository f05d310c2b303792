using System.Net;
using System.Text.Json;
using WorkOS.AspNetCore.Emulator;
using WorkOS.AspNetCore.Testing;
using WorkOS.AspNetCore.Tests.Infrastructure;

namespace WorkOS.AspNetCore.Tests.Emulator;

public sealed class AccountTests
{
    [Fact]
    public async Task Created_user_signs_in_with_their_password_after_verifying_the_emailed_code()
    {
        await using var emulator = WorkOSEmulator.CreateInProcess();
        using var grants = new SignInGrantClient(emulator);

        using var created = await grants.Api.SendWithApiKeyAsync(HttpMethod.Post, "/user_management/users",
            new { email = "frank@example.com", password = "frank-secret", first_name = "Frank", last_name = "New" });
        var user = await AuthKitClient.ReadJsonAsync(created);
        var pending = await grants.PasswordAsync("frank@example.com", "frank-secret");
        var code = grants.LastEmailTo("frank@example.com", EmulatorEmailKind.EmailVerificationCode).Code;
        var signedIn = await grants.GrantAsync(SignInGrantClient.EmailVerificationGrant,
            new { pending_authentication_token = pending.Body.GetProperty("pending_authentication_token").GetString(), code });

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(("Frank", false), (user.GetProperty("first_name").GetString(), user.GetProperty("email_verified").GetBoolean()));
        Assert.False(user.TryGetProperty("password", out _));
        Assert.Equal("email_verification_required", pending.Body.GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.OK, signedIn.Status);
        Assert.Equal(user.GetProperty("id").GetString(), signedIn.Body.GetProperty("user").GetProperty("id").GetString());
    }

    [Fact]
    public async Task Creating_a_user_with_a_taken_email_is_refused()
    {
        await using var emulator = WorkOSEmulator.CreateInProcess();
        using var api = new AuthKitClient(emulator);

        using var response = await api.SendWithApiKeyAsync(HttpMethod.Post, "/user_management/users", new { email = "BOB@acme.com", password = "x" });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("email_not_available", (await AuthKitClient.ReadJsonAsync(response)).GetProperty("code").GetString());
    }

    [Fact]
    public async Task Email_verification_send_and_confirm_verify_the_user_once_with_the_latest_code()
    {
        await using var emulator = WorkOSEmulator.CreateInProcess(o => o.Seed.AddUser(new SeedUser { Id = "user_gus", Email = "gus@acme.com", EmailVerified = false }));
        using var grants = new SignInGrantClient(emulator);

        using var sent = await grants.Api.SendWithApiKeyAsync(HttpMethod.Post, "/user_management/users/user_gus/email_verification/send", new { });
        var code = grants.LastEmailTo("gus@acme.com", EmulatorEmailKind.EmailVerificationCode).Code;
        using var wrong = await grants.Api.SendWithApiKeyAsync(HttpMethod.Post, "/user_management/users/user_gus/email_verification/confirm",
            new { code = code == "000000" ? "111111" : "000000" });
        using var right = await grants.Api.SendWithApiKeyAsync(HttpMethod.Post, "/user_management/users/user_gus/email_verification/confirm", new { code });

        Assert.Equal(HttpStatusCode.OK, sent.StatusCode);
        Assert.False((await AuthKitClient.ReadJsonAsync(sent)).GetProperty("user").GetProperty("email_verified").GetBoolean());
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        Assert.True((await AuthKitClient.ReadJsonAsync(right)).GetProperty("user").GetProperty("email_verified").GetBoolean());
    }

    [Fact]
    public async Task Password_reset_link_in_the_outbox_sets_a_new_password_once()
    {
        await using var emulator = WorkOSEmulator.CreateInProcess(o => o.PasswordResetUrl = "https://app.example/reset");
        using var grants = new SignInGrantClient(emulator);

        using var created = await grants.Api.SendWithApiKeyAsync(HttpMethod.Post, "/user_management/password_reset", new { email = "bob@acme.com" });
        var reset = await AuthKitClient.ReadJsonAsync(created);
        var email = grants.LastEmailTo("bob@acme.com", EmulatorEmailKind.PasswordReset);
        var token = reset.GetProperty("password_reset_token").GetString();
        using var confirmed = await grants.Api.SendWithApiKeyAsync(HttpMethod.Post, "/user_management/password_reset/confirm", new { token, new_password = "brand-new" });
        using var replay = await grants.Api.SendWithApiKeyAsync(HttpMethod.Post, "/user_management/password_reset/confirm", new { token, new_password = "another" });
        var oldPassword = await grants.PasswordAsync("bob@acme.com");
        var newPassword = await grants.PasswordAsync("bob@acme.com", "brand-new");

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal($"https://app.example/reset?token={token}", email.Link);
        Assert.Equal(email.Link, reset.GetProperty("password_reset_url").GetString());
        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        Assert.Equal("user_bob", (await AuthKitClient.ReadJsonAsync(confirmed)).GetProperty("user").GetProperty("id").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, replay.StatusCode);
        Assert.Equal("invalid_credentials", oldPassword.Body.GetProperty("error").GetString());
        Assert.Equal(HttpStatusCode.OK, newPassword.Status);
    }

    [Fact]
    public async Task Password_reset_token_expires_after_an_hour_on_the_emulator_clock()
    {
        var clock = TestClock.StartingNow();
        await using var emulator = WorkOSEmulator.CreateInProcess(o => o.TimeProvider = clock);
        using var api = new AuthKitClient(emulator);
        using var created = await api.SendWithApiKeyAsync(HttpMethod.Post, "/user_management/password_reset", new { email = "bob@acme.com" });
        var token = (await AuthKitClient.ReadJsonAsync(created)).GetProperty("password_reset_token").GetString();

        clock.Advance(TimeSpan.FromHours(1));
        using var late = await api.SendWithApiKeyAsync(HttpMethod.Post, "/user_management/password_reset/confirm", new { token, new_password = "brand-new" });

        Assert.Equal(HttpStatusCode.BadRequest, late.StatusCode);
        Assert.Equal("password_reset_token_invalid", (await AuthKitClient.ReadJsonAsync(late)).GetProperty("code").GetString());
    }

    [Fact]
    public async Task Password_reset_for_an_unknown_email_is_not_found_and_sends_nothing()
    {
        await using var emulator = WorkOSEmulator.CreateInProcess();
        using var api = new AuthKitClient(emulator);

        using var response = await api.SendWithApiKeyAsync(HttpMethod.Post, "/user_management/password_reset", new { email = "nobody@acme.com" });

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Empty(emulator.Outbox);
    }

    [Fact]
    public async Task Sign_in_events_are_raised_in_the_reference_shapes()
    {
        await using var emulator = WorkOSEmulator.CreateInProcess();
        using var grants = new SignInGrantClient(emulator);

        await grants.PasswordAsync("bob@acme.com", "wrong");
        await grants.PasswordAsync("bob@acme.com");
        using var magicAuth = await grants.Api.SendWithApiKeyAsync(HttpMethod.Post, "/user_management/magic_auth", new { email = "bob@acme.com" });
        using var events = await grants.Api.SendWithApiKeyAsync(HttpMethod.Get,
            "/events?events=authentication.password_failed&events=authentication.password_succeeded&events=magic_auth.created");
        var data = (await AuthKitClient.ReadJsonAsync(events)).GetProperty("data").EnumerateArray().ToList();

        Assert.Equal(["authentication.password_failed", "authentication.password_succeeded", "magic_auth.created"], data.Select(e => e.GetProperty("event").GetString()));
        var failed = data[0].GetProperty("data");
        Assert.Equal(("password", "failed", "bob@acme.com", "203.0.113.7", "invalid_credentials"),
            (failed.GetProperty("type").GetString(), failed.GetProperty("status").GetString(), failed.GetProperty("email").GetString(),
             failed.GetProperty("ip_address").GetString(), failed.GetProperty("error").GetProperty("code").GetString()));
        Assert.Equal(("magic_auth", "user_bob"), (data[2].GetProperty("data").GetProperty("object").GetString(), data[2].GetProperty("data").GetProperty("user_id").GetString()));
        Assert.False(data[2].GetProperty("data").TryGetProperty("code", out _));
    }
}
