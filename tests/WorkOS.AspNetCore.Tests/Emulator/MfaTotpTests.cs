using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using WorkOS.AspNetCore.Emulator;
using WorkOS.AspNetCore.Testing;
using WorkOS.AspNetCore.Tests.Infrastructure;

namespace WorkOS.AspNetCore.Tests.Emulator;

public sealed class MfaTotpTests
{
    // RFC 6238 appendix B: the SHA-1 seed is the ASCII string "12345678901234567890"; the 6-digit codes are the last six of the 8-digit ones.
    private const string RfcSecretBase32 = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";

    [Fact]
    public async Task Emulator_accepts_the_RFC_6238_appendix_B_SHA1_codes_at_their_times()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(59));
        await using var emulator = WorkOSEmulator.CreateInProcess(o => o.TimeProvider = clock);
        using var api = new AuthKitClient(emulator);
        var factor = await PostAsync(api, "/auth/factors/enroll", new { type = "totp", totp_issuer = "Acme", totp_user = "rfc@acme.com", totp_secret = RfcSecretBase32 });

        var results = new List<bool>();
        foreach (var (time, code) in new (long, string)[] { (59, "287082"), (1111111109, "081804"), (1111111111, "050471"), (1234567890, "005924"), (2000000000, "279037") })
        {
            clock.SetUtcNow(DateTimeOffset.FromUnixTimeSeconds(time));
            var challenge = await PostAsync(api, $"/auth/factors/{factor.GetProperty("id").GetString()}/challenge", new { });
            var verified = await PostAsync(api, $"/auth/challenges/{challenge.GetProperty("id").GetString()}/verify", new { code });
            results.Add(verified.GetProperty("valid").GetBoolean());
        }

        Assert.Equal([true, true, true, true, true], results);
        Assert.Equal(RfcSecretBase32, factor.GetProperty("totp").GetProperty("secret").GetString());
    }

    [Fact]
    public async Task Code_one_step_early_or_late_is_accepted_and_two_steps_off_is_not()
    {
        var clock = TestClock.StartingNow();
        await using var emulator = WorkOSEmulator.CreateInProcess(o => o.TimeProvider = clock);
        using var api = new AuthKitClient(emulator);
        var secret = Rfc6238.FromBase32(RfcSecretBase32);
        var now = clock.GetUtcNow();

        var oneBehind = await VerifyAsync(api, Rfc6238.Code(secret, now - TimeSpan.FromSeconds(30)));
        var oneAhead = await VerifyAsync(api, Rfc6238.Code(secret, now + TimeSpan.FromSeconds(30)));
        var twoBehind = await VerifyAsync(api, Rfc6238.Code(secret, now - TimeSpan.FromSeconds(60)));
        var twoAhead = await VerifyAsync(api, Rfc6238.Code(secret, now + TimeSpan.FromSeconds(60)));

        Assert.Equal((true, true, false, false), (oneBehind, oneAhead, twoBehind, twoAhead));
    }

    [Fact]
    public async Task Accepted_code_is_not_accepted_again_for_the_same_factor()
    {
        var clock = TestClock.StartingNow();
        await using var emulator = WorkOSEmulator.CreateInProcess(o => o.TimeProvider = clock);
        using var api = new AuthKitClient(emulator);
        var factor = await PostAsync(api, "/auth/factors/enroll", new { type = "totp", totp_secret = RfcSecretBase32 });
        var factorId = factor.GetProperty("id").GetString();
        var code = Rfc6238.Code(Rfc6238.FromBase32(RfcSecretBase32), clock.GetUtcNow());

        var first = await PostAsync(api, $"/auth/challenges/{(await PostAsync(api, $"/auth/factors/{factorId}/challenge", new { })).GetProperty("id").GetString()}/verify", new { code });
        var second = await PostAsync(api, $"/auth/challenges/{(await PostAsync(api, $"/auth/factors/{factorId}/challenge", new { })).GetProperty("id").GetString()}/verify", new { code });

        Assert.True(first.GetProperty("valid").GetBoolean());
        Assert.False(second.GetProperty("valid").GetBoolean());
    }

    [Fact]
    public async Task Verified_challenge_cannot_be_verified_again()
    {
        var clock = TestClock.StartingNow();
        await using var emulator = WorkOSEmulator.CreateInProcess(o => o.TimeProvider = clock);
        using var api = new AuthKitClient(emulator);
        var factor = await PostAsync(api, "/auth/factors/enroll", new { type = "totp", totp_secret = RfcSecretBase32 });
        var challenge = await PostAsync(api, $"/auth/factors/{factor.GetProperty("id").GetString()}/challenge", new { });
        var code = Rfc6238.Code(Rfc6238.FromBase32(RfcSecretBase32), clock.GetUtcNow());

        using var first = await api.SendWithApiKeyAsync(HttpMethod.Post, $"/auth/challenges/{challenge.GetProperty("id").GetString()}/verify", new { code });
        using var again = await api.SendWithApiKeyAsync(HttpMethod.Post, $"/auth/challenges/{challenge.GetProperty("id").GetString()}/verify", new { code });

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, again.StatusCode);
        Assert.Equal("authentication_challenge_previously_verified", (await AuthKitClient.ReadJsonAsync(again)).GetProperty("code").GetString());
    }

    [Fact]
    public async Task Enrollment_answers_the_secret_its_otpauth_uri_and_a_png_qr_code_and_reading_the_factor_hides_them()
    {
        await using var emulator = WorkOSEmulator.CreateInProcess();
        using var api = new AuthKitClient(emulator);

        var factor = await PostAsync(api, "/auth/factors/enroll", new { type = "totp", totp_issuer = "Acme", totp_user = "bob@acme.com" });
        var totp = factor.GetProperty("totp");
        using var read = await api.SendWithApiKeyAsync(HttpMethod.Get, $"/auth/factors/{factor.GetProperty("id").GetString()}");
        var readTotp = (await AuthKitClient.ReadJsonAsync(read)).GetProperty("totp");
        var png = Convert.FromBase64String(totp.GetProperty("qr_code").GetString()!["data:image/png;base64,".Length..]);

        Assert.StartsWith("auth_factor_", factor.GetProperty("id").GetString(), StringComparison.Ordinal);
        Assert.StartsWith("data:image/png;base64,", totp.GetProperty("qr_code").GetString(), StringComparison.Ordinal);
        Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47 }, png[..4]);
        Assert.Equal($"otpauth://totp/Acme:bob%40acme.com?secret={totp.GetProperty("secret").GetString()}&issuer=Acme&algorithm=SHA1&digits=6&period=30",
            totp.GetProperty("uri").GetString());
        Assert.Equal(20, Rfc6238.FromBase32(totp.GetProperty("secret").GetString()!).Length);
        Assert.Equal(("Acme", "bob@acme.com"), (readTotp.GetProperty("issuer").GetString(), readTotp.GetProperty("user").GetString()));
        Assert.False(readTotp.TryGetProperty("secret", out _));
    }

    [Fact]
    public async Task User_requiring_mfa_enrolls_then_signs_in_with_the_totp_grant_and_is_challenged_the_next_time()
    {
        var clock = TestClock.StartingNow();
        await using var emulator = WorkOSEmulator.CreateInProcess(o =>
        {
            o.TimeProvider = clock;
            o.Seed.AddUser(new SeedUser { Id = "user_erin", Email = "erin@acme.com", Password = "erin-secret", RequireMfa = true });
        });
        using var grants = new SignInGrantClient(emulator);

        var enrollment = await grants.PasswordAsync("erin@acme.com", "erin-secret");
        var enrolled = await PostAsync(grants.Api, "/user_management/users/user_erin/auth_factors", new { type = "totp", totp_issuer = "Acme" });
        var factor = enrolled.GetProperty("authentication_factor");
        var secret = Rfc6238.FromBase32(factor.GetProperty("totp").GetProperty("secret").GetString()!);
        var first = await grants.GrantAsync(SignInGrantClient.TotpGrant, new
        {
            pending_authentication_token = enrollment.Body.GetProperty("pending_authentication_token").GetString(),
            authentication_challenge_id = enrolled.GetProperty("authentication_challenge").GetProperty("id").GetString(),
            code = Rfc6238.Code(secret, clock.GetUtcNow()),
        });
        clock.Advance(TimeSpan.FromSeconds(30));
        var challenge = await grants.PasswordAsync("erin@acme.com", "erin-secret");
        var next = await PostAsync(grants.Api, $"/auth/factors/{factor.GetProperty("id").GetString()}/challenge", new { });
        var second = await grants.GrantAsync(SignInGrantClient.TotpGrant, new
        {
            pending_authentication_token = challenge.Body.GetProperty("pending_authentication_token").GetString(),
            authentication_challenge_id = next.GetProperty("id").GetString(),
            code = Rfc6238.Code(secret, clock.GetUtcNow()),
        });

        Assert.Equal(HttpStatusCode.Forbidden, enrollment.Status);
        Assert.Equal("mfa_enrollment", enrollment.Body.GetProperty("code").GetString());
        Assert.Equal("user_erin", enrollment.Body.GetProperty("user").GetProperty("id").GetString());
        Assert.Equal("user_erin", factor.GetProperty("user_id").GetString());
        Assert.Equal(HttpStatusCode.OK, first.Status);
        Assert.Equal("mfa_challenge", challenge.Body.GetProperty("code").GetString());
        Assert.Equal([factor.GetProperty("id").GetString()],
            challenge.Body.GetProperty("authentication_factors").EnumerateArray().Select(f => f.GetProperty("id").GetString()));
        Assert.Equal(HttpStatusCode.OK, second.Status);
        Assert.Equal(2, emulator.Sessions.Count);
    }

    [Fact]
    public async Task Wrong_totp_code_is_refused_and_the_pending_token_stays_usable()
    {
        var clock = TestClock.StartingNow();
        await using var emulator = WorkOSEmulator.CreateInProcess(o =>
        {
            o.TimeProvider = clock;
            o.Seed.Organizations.First(org => org.Id == "org_acme").RequireMfa = true;
        });
        using var grants = new SignInGrantClient(emulator);

        var pending = await grants.PasswordAsync("bob@acme.com");
        var enrolled = await PostAsync(grants.Api, "/user_management/users/user_bob/auth_factors", new { type = "totp" });
        var secret = Rfc6238.FromBase32(enrolled.GetProperty("authentication_factor").GetProperty("totp").GetProperty("secret").GetString()!);
        var right = Rfc6238.Code(secret, clock.GetUtcNow());
        object Fields(string code) => new
        {
            pending_authentication_token = pending.Body.GetProperty("pending_authentication_token").GetString(),
            authentication_challenge_id = enrolled.GetProperty("authentication_challenge").GetProperty("id").GetString(),
            code,
        };
        var wrong = await grants.GrantAsync(SignInGrantClient.TotpGrant, Fields(right == "000000" ? "111111" : "000000"));
        var signedIn = await grants.GrantAsync(SignInGrantClient.TotpGrant, Fields(right));

        Assert.Equal("mfa_enrollment", pending.Body.GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, wrong.Status);
        Assert.Equal("invalid_one_time_code", wrong.Body.GetProperty("error").GetString());
        Assert.Equal(HttpStatusCode.OK, signedIn.Status);
        Assert.Equal("org_acme", signedIn.Body.GetProperty("organization_id").GetString());
    }

    [Fact]
    public async Task Totp_grant_refuses_a_challenge_of_another_users_factor()
    {
        var clock = TestClock.StartingNow();
        await using var emulator = WorkOSEmulator.CreateInProcess(o =>
        {
            o.TimeProvider = clock;
            o.Seed.Users.First(u => u.Id == "user_bob").RequireMfa = true;
        });
        using var grants = new SignInGrantClient(emulator);
        var pending = await grants.PasswordAsync("bob@acme.com");
        var carols = await PostAsync(grants.Api, "/user_management/users/user_carol/auth_factors", new { type = "totp" });
        var secret = Rfc6238.FromBase32(carols.GetProperty("authentication_factor").GetProperty("totp").GetProperty("secret").GetString()!);

        var (status, body) = await grants.GrantAsync(SignInGrantClient.TotpGrant, new
        {
            pending_authentication_token = pending.Body.GetProperty("pending_authentication_token").GetString(),
            authentication_challenge_id = carols.GetProperty("authentication_challenge").GetProperty("id").GetString(),
            code = Rfc6238.Code(secret, clock.GetUtcNow()),
        });

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("invalid_grant", body.GetProperty("error").GetString());
        Assert.Empty(emulator.Sessions);
    }

    [Fact]
    public async Task FailAuthentication_with_mfa_challenge_for_a_user_without_a_factor_asks_for_enrollment()
    {
        await using var emulator = WorkOSEmulator.CreateInProcess();
        using var grants = new SignInGrantClient(emulator);
        emulator.FailAuthentication("bob@acme.com", EmulatorAuthenticationError.MfaChallenge);
        var pkce = Pkce.Create();

        using var exchange = await grants.Api.ExchangeAsync(await grants.Api.GetCodeAsync("bob@acme.com", pkce), pkce.Verifier);

        Assert.Equal(HttpStatusCode.Forbidden, exchange.StatusCode);
        Assert.Equal("mfa_enrollment", (await AuthKitClient.ReadJsonAsync(exchange)).GetProperty("code").GetString());
    }

    private static async Task<bool> VerifyAsync(AuthKitClient api, string code)
    {
        var factor = await PostAsync(api, "/auth/factors/enroll", new { type = "totp", totp_secret = RfcSecretBase32 });
        var challenge = await PostAsync(api, $"/auth/factors/{factor.GetProperty("id").GetString()}/challenge", new { });
        return (await PostAsync(api, $"/auth/challenges/{challenge.GetProperty("id").GetString()}/verify", new { code })).GetProperty("valid").GetBoolean();
    }

    private static async Task<JsonElement> PostAsync(AuthKitClient api, string path, object body)
    {
        using var response = await api.SendWithApiKeyAsync(HttpMethod.Post, path, body);
        var json = await AuthKitClient.ReadJsonAsync(response);
        Assert.True(response.IsSuccessStatusCode, $"{path}: {(int)response.StatusCode} {Encoding.UTF8.GetString(JsonSerializer.SerializeToUtf8Bytes(json))}");
        return json;
    }
}
