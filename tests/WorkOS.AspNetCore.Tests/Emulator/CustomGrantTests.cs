using System.Net;
using WorkOS.AspNetCore.Emulator;
using WorkOS.AspNetCore.Testing;
using WorkOS.AspNetCore.Tests.Infrastructure;

namespace WorkOS.AspNetCore.Tests.Emulator;

public sealed class CustomGrantTests
{
    [Fact]
    public async Task Password_grant_signs_in_a_one_organization_user_and_records_ip_and_user_agent_on_the_session()
    {
        await using var emulator = WorkOSEmulator.CreateInProcess();
        using var grants = new SignInGrantClient(emulator);

        var (status, body) = await grants.PasswordAsync("bob@acme.com");
        using var sessions = await grants.Api.SendWithApiKeyAsync(HttpMethod.Get, "/user_management/users/user_bob/sessions");
        var session = (await AuthKitClient.ReadJsonAsync(sessions)).GetProperty("data")[0];

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("user_bob", body.GetProperty("user").GetProperty("id").GetString());
        Assert.Equal("org_acme", body.GetProperty("organization_id").GetString());
        Assert.Equal("Password", body.GetProperty("authentication_method").GetString());
        Assert.False(string.IsNullOrEmpty(body.GetProperty("refresh_token").GetString()));
        Assert.Equal(("203.0.113.7", "GrantTests/1.0", "password"),
            (session.GetProperty("ip_address").GetString(), session.GetProperty("user_agent").GetString(), session.GetProperty("auth_method").GetString()));
    }

    [Fact]
    public async Task Wrong_password_and_unknown_email_both_answer_invalid_credentials_and_start_no_session()
    {
        await using var emulator = WorkOSEmulator.CreateInProcess();
        using var grants = new SignInGrantClient(emulator);

        var wrong = await grants.PasswordAsync("bob@acme.com", "not-the-password");
        var unknown = await grants.PasswordAsync("nobody@acme.com");

        foreach (var (status, body) in new[] { wrong, unknown })
        {
            Assert.Equal(HttpStatusCode.BadRequest, status);
            Assert.Equal("invalid_credentials", body.GetProperty("error").GetString());
        }

        Assert.Empty(emulator.Sessions);
    }

    [Fact]
    public async Task Password_grant_needs_the_client_secret()
    {
        await using var emulator = WorkOSEmulator.CreateInProcess();
        using var api = new AuthKitClient(emulator);

        using var response = await api.Http.PostAsync("/user_management/authenticate", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "password",
            ["client_id"] = emulator.ClientId,
            ["email"] = "bob@acme.com",
            ["password"] = EmulatorSeed.DefaultPassword,
        }));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("invalid_client", (await AuthKitClient.ReadJsonAsync(response)).GetProperty("error").GetString());
    }

    [Fact]
    public async Task User_with_two_organizations_chooses_one_with_the_pending_token_which_then_is_spent()
    {
        await using var emulator = WorkOSEmulator.CreateInProcess();
        using var grants = new SignInGrantClient(emulator);

        var (status, body) = await grants.PasswordAsync("alice@acme.com");
        var token = body.GetProperty("pending_authentication_token").GetString();
        var chosen = await grants.GrantAsync(SignInGrantClient.OrganizationSelectionGrant, new { pending_authentication_token = token, organization_id = "org_globex" });
        var replay = await grants.GrantAsync(SignInGrantClient.OrganizationSelectionGrant, new { pending_authentication_token = token, organization_id = "org_acme" });

        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Equal("organization_selection_required", body.GetProperty("code").GetString());
        Assert.Equal(["org_acme", "org_globex"], body.GetProperty("organizations").EnumerateArray().Select(o => o.GetProperty("id").GetString()));
        Assert.Equal("user_alice", body.GetProperty("user").GetProperty("id").GetString());
        Assert.Equal(HttpStatusCode.OK, chosen.Status);
        Assert.Equal("org_globex", chosen.Body.GetProperty("organization_id").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, replay.Status);
        Assert.Equal("invalid_grant", replay.Body.GetProperty("error").GetString());
        Assert.Single(emulator.Sessions);
    }

    [Fact]
    public async Task Organization_selection_refuses_an_organization_the_user_is_not_in_and_keeps_the_token_usable()
    {
        await using var emulator = WorkOSEmulator.CreateInProcess(o => o.Seed.AddOrganization("Initech", "org_initech"));
        using var grants = new SignInGrantClient(emulator);
        var token = (await grants.PasswordAsync("alice@acme.com")).Body.GetProperty("pending_authentication_token").GetString();

        var outsider = await grants.GrantAsync(SignInGrantClient.OrganizationSelectionGrant, new { pending_authentication_token = token, organization_id = "org_initech" });
        var member = await grants.GrantAsync(SignInGrantClient.OrganizationSelectionGrant, new { pending_authentication_token = token, organization_id = "org_acme" });

        Assert.Equal(HttpStatusCode.BadRequest, outsider.Status);
        Assert.Equal("organization_invalid", outsider.Body.GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.OK, member.Status);
    }

    [Fact]
    public async Task Pending_token_expires_after_ten_minutes_on_the_emulator_clock()
    {
        var clock = TestClock.StartingNow();
        await using var emulator = WorkOSEmulator.CreateInProcess(o => o.TimeProvider = clock);
        using var grants = new SignInGrantClient(emulator);
        var early = (await grants.PasswordAsync("alice@acme.com")).Body.GetProperty("pending_authentication_token").GetString();
        var late = (await grants.PasswordAsync("alice@acme.com")).Body.GetProperty("pending_authentication_token").GetString();

        clock.Advance(TimeSpan.FromMinutes(9));
        var inTime = await grants.GrantAsync(SignInGrantClient.OrganizationSelectionGrant, new { pending_authentication_token = early, organization_id = "org_acme" });
        clock.Advance(TimeSpan.FromMinutes(1));
        var expired = await grants.GrantAsync(SignInGrantClient.OrganizationSelectionGrant, new { pending_authentication_token = late, organization_id = "org_acme" });

        Assert.Equal(HttpStatusCode.OK, inTime.Status);
        Assert.Equal(HttpStatusCode.BadRequest, expired.Status);
        Assert.Equal("invalid_grant", expired.Body.GetProperty("error").GetString());
    }

    [Fact]
    public async Task Pending_token_of_one_step_is_refused_by_the_grant_of_another()
    {
        await using var emulator = WorkOSEmulator.CreateInProcess();
        using var grants = new SignInGrantClient(emulator);
        var token = (await grants.PasswordAsync("alice@acme.com")).Body.GetProperty("pending_authentication_token").GetString();

        var wrongStep = await grants.GrantAsync(SignInGrantClient.EmailVerificationGrant, new { pending_authentication_token = token, code = "123456" });
        var rightStep = await grants.GrantAsync(SignInGrantClient.OrganizationSelectionGrant, new { pending_authentication_token = token, organization_id = "org_acme" });

        Assert.Equal("invalid_grant", wrongStep.Body.GetProperty("error").GetString());
        Assert.Equal(HttpStatusCode.OK, rightStep.Status);
    }

    [Fact]
    public async Task Unverified_user_gets_a_code_by_email_and_signs_in_with_it_after_a_wrong_one()
    {
        await using var emulator = WorkOSEmulator.CreateInProcess(o =>
            o.Seed.AddUser(new SeedUser { Id = "user_dana", Email = "dana@acme.com", EmailVerified = false, Password = "dana-secret" }));
        using var grants = new SignInGrantClient(emulator);

        var (status, body) = await grants.PasswordAsync("dana@acme.com", "dana-secret");
        var email = grants.LastEmailTo("dana@acme.com", EmulatorEmailKind.EmailVerificationCode);
        var token = body.GetProperty("pending_authentication_token").GetString();
        var wrongCode = email.Code == "000000" ? "111111" : "000000";
        var wrong = await grants.GrantAsync(SignInGrantClient.EmailVerificationGrant, new { pending_authentication_token = token, code = wrongCode });
        var right = await grants.GrantAsync(SignInGrantClient.EmailVerificationGrant, new { pending_authentication_token = token, code = email.Code });
        using var user = await grants.Api.SendWithApiKeyAsync(HttpMethod.Get, "/user_management/users/user_dana");

        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Equal("email_verification_required", body.GetProperty("code").GetString());
        Assert.Equal("dana@acme.com", body.GetProperty("email").GetString());
        Assert.Equal(email.PasswordlessSessionId, body.GetProperty("email_verification_id").GetString());
        Assert.Matches("^[0-9]{6}$", email.Code);
        Assert.Equal(HttpStatusCode.BadRequest, wrong.Status);
        Assert.Equal("invalid_one_time_code", wrong.Body.GetProperty("error").GetString());
        Assert.Equal(HttpStatusCode.OK, right.Status);
        Assert.True(right.Body.GetProperty("user").GetProperty("email_verified").GetBoolean());
        Assert.True((await AuthKitClient.ReadJsonAsync(user)).GetProperty("email_verified").GetBoolean());
    }

    [Fact]
    public async Task Magic_auth_code_from_the_outbox_signs_in_once()
    {
        await using var emulator = WorkOSEmulator.CreateInProcess();
        using var grants = new SignInGrantClient(emulator);

        using var created = await grants.Api.SendWithApiKeyAsync(HttpMethod.Post, "/user_management/magic_auth", new { email = "bob@acme.com" });
        var magicAuth = await AuthKitClient.ReadJsonAsync(created);
        var email = grants.LastEmailTo("bob@acme.com", EmulatorEmailKind.MagicAuthCode);
        var first = await grants.GrantAsync(SignInGrantClient.MagicAuthGrant, new { email = "bob@acme.com", code = email.Code });
        var again = await grants.GrantAsync(SignInGrantClient.MagicAuthGrant, new { email = "bob@acme.com", code = email.Code });

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(("magic_auth", "user_bob", email.Code), (magicAuth.GetProperty("object").GetString(), magicAuth.GetProperty("user_id").GetString(), magicAuth.GetProperty("code").GetString()));
        Assert.Equal(HttpStatusCode.OK, first.Status);
        Assert.Equal("MagicAuth", first.Body.GetProperty("authentication_method").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, again.Status);
        Assert.Equal("invalid_one_time_code", again.Body.GetProperty("error").GetString());
    }

    [Fact]
    public async Task Magic_auth_code_expires_after_ten_minutes_and_a_newer_code_replaces_it()
    {
        var clock = TestClock.StartingNow();
        await using var emulator = WorkOSEmulator.CreateInProcess(o => o.TimeProvider = clock);
        using var grants = new SignInGrantClient(emulator);
        using var _ = await grants.Api.SendWithApiKeyAsync(HttpMethod.Post, "/user_management/magic_auth", new { email = "bob@acme.com" });
        var replaced = grants.LastEmailTo("bob@acme.com", EmulatorEmailKind.MagicAuthCode).Code;
        using var __ = await grants.Api.SendWithApiKeyAsync(HttpMethod.Post, "/user_management/magic_auth", new { email = "bob@acme.com" });
        var current = grants.LastEmailTo("bob@acme.com", EmulatorEmailKind.MagicAuthCode).Code;

        var old = replaced == current ? default : await grants.GrantAsync(SignInGrantClient.MagicAuthGrant, new { email = "bob@acme.com", code = replaced });
        clock.Advance(TimeSpan.FromMinutes(10));
        var late = await grants.GrantAsync(SignInGrantClient.MagicAuthGrant, new { email = "bob@acme.com", code = current });

        Assert.True(replaced == current || old.Status == HttpStatusCode.BadRequest);
        Assert.Equal(HttpStatusCode.BadRequest, late.Status);
        Assert.Equal("invalid_one_time_code", late.Body.GetProperty("error").GetString());
    }

    [Fact]
    public async Task Magic_auth_for_a_new_email_creates_an_unverified_user_that_the_code_verifies()
    {
        await using var emulator = WorkOSEmulator.CreateInProcess();
        using var grants = new SignInGrantClient(emulator);

        using var created = await grants.Api.SendWithApiKeyAsync(HttpMethod.Post, "/user_management/magic_auth", new { email = "new@example.com" });
        var code = grants.LastEmailTo("new@example.com", EmulatorEmailKind.MagicAuthCode).Code;
        var signedIn = await grants.GrantAsync(SignInGrantClient.MagicAuthGrant, new { email = "new@example.com", code });

        Assert.Equal(HttpStatusCode.OK, signedIn.Status);
        Assert.True(signedIn.Body.GetProperty("user").GetProperty("email_verified").GetBoolean());
        Assert.False(signedIn.Body.TryGetProperty("organization_id", out var organization) && organization.ValueKind != System.Text.Json.JsonValueKind.Null);
    }

    [Fact]
    public async Task Failed_code_exchange_issues_a_pending_token_that_organization_selection_finishes()
    {
        await using var emulator = WorkOSEmulator.CreateInProcess();
        using var grants = new SignInGrantClient(emulator);
        emulator.FailAuthentication("alice@acme.com", EmulatorAuthenticationError.OrganizationSelectionRequired);
        var pkce = Pkce.Create();
        var code = await grants.Api.GetCodeAsync("alice@acme.com", pkce);

        using var exchange = await grants.Api.ExchangeAsync(code, pkce.Verifier);
        var error = await AuthKitClient.ReadJsonAsync(exchange);
        var finished = await grants.GrantAsync(SignInGrantClient.OrganizationSelectionGrant,
            new { pending_authentication_token = error.GetProperty("pending_authentication_token").GetString(), organization_id = "org_globex" });

        Assert.Equal(HttpStatusCode.Forbidden, exchange.StatusCode);
        Assert.Equal(HttpStatusCode.OK, finished.Status);
        Assert.Equal("org_globex", finished.Body.GetProperty("organization_id").GetString());
    }

    [Fact]
    public async Task Made_up_pending_token_is_refused()
    {
        await using var emulator = WorkOSEmulator.CreateInProcess();
        using var grants = new SignInGrantClient(emulator);

        var (status, body) = await grants.GrantAsync(SignInGrantClient.OrganizationSelectionGrant, new { pending_authentication_token = "made-up", organization_id = "org_acme" });

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("invalid_grant", body.GetProperty("error").GetString());
    }
}
