using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using WorkOS.AspNetCore.Bearer;
using WorkOS.AspNetCore.Claims;

namespace WorkOS.AspNetCore.Tests.Bearer;

/// <summary>
/// The bearer scheme against genuine and forged tokens: what a client observes (status, WWW-Authenticate, claims)
/// and what the operator sees (a log line with the reason), and that WorkOS's keys are fetched once, not per request.
/// </summary>
public sealed class BearerTokenTests
{
    private const string Scheme = WorkOSBearerDefaults.AuthenticationScheme;

    [Fact]
    public async Task A_valid_token_authenticates_with_the_shared_claim_types()
    {
        await using var app = await ApiTestApp.StartAsync(Scheme);

        var me = await app.MeAsync(app.AliceToken());

        Assert.Equal(Scheme, me.AuthenticationType);
        Assert.Equal(["user_alice"], me.Values(WorkOSClaimTypes.UserId));
        Assert.Equal(["session_test_alice"], me.Values(WorkOSClaimTypes.SessionId));
        Assert.Equal(["org_acme"], me.Values(WorkOSClaimTypes.OrganizationId));
        Assert.Equal(["admin"], me.Values(WorkOSClaimTypes.Role));
        Assert.Equal(["posts:read", "posts:write", "posts:delete", "users:manage", "reports:view"], me.Values(WorkOSClaimTypes.Permission));
        Assert.Equal(["audit-logs", "sso"], me.Values(WorkOSClaimTypes.Entitlement));
        Assert.Equal(["new-dashboard"], me.Values(WorkOSClaimTypes.FeatureFlag));
        Assert.Empty(me.Values("iss"));
        Assert.Empty(me.Values("exp"));
        Assert.Contains(app.Logs.Entries, e => e.EventId.Id == 1403 && e.Message.Contains("user_alice", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_token_without_an_email_names_the_principal_by_its_user_id_also_when_sent_again()
    {
        await using var app = await ApiTestApp.StartAsync(Scheme);
        var token = app.AliceToken();

        var first = await app.MeAsync(token);
        var again = await app.MeAsync(token); // from the validated-token cache

        Assert.Equal("user_alice", first.Name);
        Assert.Equal("user_alice", again.Name);
    }

    [Fact]
    public async Task A_token_that_carries_an_email_names_the_principal_by_it()
    {
        await using var app = await ApiTestApp.StartAsync(Scheme);
        var token = app.AliceToken(extra: new Dictionary<string, object> { ["email"] = "alice@acme.com" });

        var first = await app.MeAsync(token);
        var again = await app.MeAsync(token);

        Assert.Equal("alice@acme.com", first.Name);
        Assert.Equal("alice@acme.com", again.Name);
    }

    [Fact]
    public async Task Permission_policies_see_the_token_permissions_and_a_missing_one_is_403_insufficient_scope()
    {
        await using var app = await ApiTestApp.StartAsync(Scheme);
        var memberClaims = TestTokens.AliceClaims();
        memberClaims["role"] = "member";
        memberClaims["roles"] = new[] { "member" };
        memberClaims["permissions"] = new[] { "posts:read", "reports:view" };
        var memberToken = app.Emulator.CreateAccessToken(memberClaims);

        Assert.Equal(HttpStatusCode.OK, (await app.SendAsync(HttpMethod.Post, "/api/posts", app.AliceToken())).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await app.GetAsync("/api/reports", memberToken)).StatusCode);

        var forbidden = await app.SendAsync(HttpMethod.Post, "/api/posts", memberToken);
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        Assert.Null(forbidden.Headers.Location);
        Assert.StartsWith("Bearer error=\"insufficient_scope\"", forbidden.WwwAuthenticate(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Signing_keys_are_fetched_once_not_per_request()
    {
        await using var app = await ApiTestApp.StartAsync(Scheme);
        for (var i = 0; i < 20; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await app.GetAsync("/api/me", app.AliceToken())).StatusCode);
        }

        Assert.Equal(1, app.JwksFetches);
    }

    [Fact]
    public async Task An_expired_token_is_refused_after_the_clock_skew_and_logged()
    {
        await using var app = await ApiTestApp.StartAsync(Scheme);
        var token = app.AliceToken(TimeSpan.FromMinutes(5));

        app.Clock.Advance(TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(20));
        Assert.Equal(HttpStatusCode.OK, (await app.GetAsync("/api/me", token)).StatusCode);

        app.Clock.Advance(TimeSpan.FromSeconds(15));
        var response = await app.GetAsync("/api/me", token);

        Assert.Equal("The access token has expired.", response.AssertInvalidToken());
        AssertLogged(app, "expired");
    }

    [Fact]
    public async Task A_token_that_is_not_valid_yet_is_refused()
    {
        await using var app = await ApiTestApp.StartAsync(Scheme);
        var notBefore = app.Clock.GetUtcNow().AddMinutes(10).ToUnixTimeSeconds();
        var token = app.AliceToken(TimeSpan.FromMinutes(20), new Dictionary<string, object> { ["nbf"] = notBefore });

        var response = await app.GetAsync("/api/me", token);

        Assert.Equal("The access token is not valid yet.", response.AssertInvalidToken());
        AssertLogged(app, "not_yet_valid");

        app.Clock.Advance(TimeSpan.FromMinutes(10));
        Assert.Equal(HttpStatusCode.OK, (await app.GetAsync("/api/me", token)).StatusCode);
    }

    [Fact]
    public async Task A_token_signed_by_another_key_under_the_published_kid_is_refused()
    {
        await using var app = await ApiTestApp.StartAsync(Scheme);
        var forged = TestTokens.SignWithForeignKey(TestTokens.ForgeryClaims(app.Emulator, app.Clock), app.Emulator.CurrentKeyId);

        var response = await app.GetAsync("/api/me", forged);

        Assert.Equal("The access token signature is invalid.", response.AssertInvalidToken());
        AssertLogged(app, "invalid_signature");
    }

    [Fact]
    public async Task A_genuine_token_with_an_edited_payload_is_refused()
    {
        await using var app = await ApiTestApp.StartAsync(Scheme);
        var genuine = app.AliceToken();
        var claims = TestTokens.ForgeryClaims(app.Emulator, app.Clock);
        claims["sub"] = "user_bob";
        claims["permissions"] = new[] { "everything" };

        var response = await app.GetAsync("/api/me", TestTokens.WithPayload(genuine, claims));

        Assert.Equal("The access token signature is invalid.", response.AssertInvalidToken());
    }

    [Fact]
    public async Task Unknown_kids_cause_one_throttled_key_fetch_and_a_rotated_in_key_is_accepted_once_fetched()
    {
        await using var app = await ApiTestApp.StartAsync(Scheme);
        Assert.Equal(HttpStatusCode.OK, (await app.GetAsync("/api/me", app.AliceToken())).StatusCode);
        Assert.Equal(1, app.JwksFetches);

        // An attacker sprays made-up key ids: one extra fetch, then the refresh interval throttles.
        for (var i = 0; i < 10; i++)
        {
            var forged = TestTokens.SignWithForeignKey(TestTokens.ForgeryClaims(app.Emulator, app.Clock), $"forged_kid_{i}");
            Assert.Equal("The access token is signed with a key WorkOS does not publish.", (await app.GetAsync("/api/me", forged)).AssertInvalidToken());
        }

        Assert.Equal(2, app.JwksFetches);
        AssertLogged(app, "unknown_key");

        // WorkOS rotates now: within the throttle window the new key is not fetched yet...
        app.Emulator.RotateSigningKey();
        var rotated = app.AliceToken();
        Assert.NotEqual("forged_kid_0", TestTokens.Header(rotated).GetProperty("kid").GetString());
        (await app.GetAsync("/api/me", rotated)).AssertInvalidToken();
        Assert.Equal(2, app.JwksFetches);

        // ...and once the interval has passed, the first request with it fetches the keys and is accepted.
        app.Clock.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(HttpStatusCode.OK, (await app.GetAsync("/api/me", rotated)).StatusCode);
        Assert.Equal(3, app.JwksFetches);
        Assert.Equal(HttpStatusCode.OK, (await app.GetAsync("/api/me", app.AliceToken())).StatusCode);
        Assert.Equal(3, app.JwksFetches);
    }

    [Fact]
    public async Task After_a_rotation_the_first_token_with_the_new_key_is_accepted_and_old_tokens_keep_working()
    {
        await using var app = await ApiTestApp.StartAsync(Scheme);
        var before = app.AliceToken();
        Assert.Equal(HttpStatusCode.OK, (await app.GetAsync("/api/me", before)).StatusCode);

        app.Emulator.RotateSigningKey();
        var after = app.AliceToken();

        Assert.Equal(HttpStatusCode.OK, (await app.GetAsync("/api/me", after)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await app.GetAsync("/api/me", before)).StatusCode);
        Assert.Equal(2, app.JwksFetches);
    }

    [Fact]
    public async Task A_retired_key_stops_verifying_once_the_keys_are_fetched_again()
    {
        await using var app = await ApiTestApp.StartAsync(Scheme);
        var old = app.AliceToken();
        Assert.Equal(HttpStatusCode.OK, (await app.GetAsync("/api/me", old)).StatusCode);

        app.Emulator.RotateSigningKey(retireOld: true);
        Assert.Equal(HttpStatusCode.OK, (await app.GetAsync("/api/me", app.AliceToken())).StatusCode);

        Assert.Equal("The access token is signed with a key WorkOS does not publish.", (await app.GetAsync("/api/me", old)).AssertInvalidToken());
    }

    [Theory]
    [InlineData("none")]
    [InlineData("None")]
    [InlineData("NONE")]
    public async Task An_unsigned_alg_none_token_is_refused(string alg)
    {
        await using var app = await ApiTestApp.StartAsync(Scheme);
        var claims = TestTokens.ForgeryClaims(app.Emulator, app.Clock);

        foreach (var token in new[]
        {
            TestTokens.Unsigned(claims, alg, app.Emulator.CurrentKeyId),
            TestTokens.Unsigned(claims, alg, app.Emulator.CurrentKeyId, signature: "c2lnbmF0dXJl"),
        })
        {
            var description = (await app.GetAsync("/api/me", token)).AssertInvalidToken();
            Assert.Equal($"The access token is signed with '{alg}', not RS256.", description);
        }

        AssertLogged(app, "algorithm_not_allowed");
    }

    [Fact]
    public async Task An_HS256_token_using_the_published_public_key_as_secret_is_refused()
    {
        await using var app = await ApiTestApp.StartAsync(Scheme);
        var (jwksJson, keys) = await TestTokens.JwksAsync(app.Emulator);
        var key = keys.Keys.Single();
        var claims = TestTokens.ForgeryClaims(app.Emulator, app.Clock);
        var secrets = new[]
        {
            Encoding.UTF8.GetBytes(TestTokens.PublicKeyPem(key)),
            Encoding.UTF8.GetBytes(jwksJson),
            Encoding.UTF8.GetBytes(JsonSerializer.Serialize(JsonDocument.Parse(jwksJson).RootElement.GetProperty("keys")[0])),
            System.Buffers.Text.Base64Url.DecodeFromChars(key.N),
        };

        foreach (var secret in secrets)
        {
            var token = TestTokens.SignHs256(claims, secret, key.Kid);
            Assert.Equal("The access token is signed with 'HS256', not RS256.", (await app.GetAsync("/api/me", token)).AssertInvalidToken());
        }

        AssertLogged(app, "algorithm_not_allowed");
    }

    [Fact]
    public async Task A_token_carrying_its_own_key_in_the_header_is_refused()
    {
        await using var app = await ApiTestApp.StartAsync(Scheme);
        var claims = TestTokens.ForgeryClaims(app.Emulator, app.Clock);
        var header = new Dictionary<string, object>
        {
            ["jku"] = "https://attacker.example/jwks.json",
            ["x5u"] = "https://attacker.example/cert.pem",
        };

        var forged = TestTokens.SignWithForeignKey(claims, "attacker_key", header);

        (await app.GetAsync("/api/me", forged)).AssertInvalidToken();
        Assert.Equal(1, app.JwksFetches); // WorkOS's keys, fetched once (that first fetch already lacked the kid); nothing else
    }

    [Fact]
    public async Task A_wrong_issuer_is_refused_when_issuers_are_configured()
    {
        await using var strict = await ApiTestApp.StartAsync(Scheme, bearer: o => o.ValidIssuers.Add("https://auth.example.com"));
        Assert.Equal($"The access token issuer '{strict.Emulator.Options.Issuer}' is not accepted.",
            (await strict.GetAsync("/api/me", strict.AliceToken())).AssertInvalidToken());
        AssertLogged(strict, "invalid_issuer");

        await using var matching = await ApiTestApp.StartAsync(Scheme, configureEmulator: o => o.Issuer = "https://auth.example.com",
            bearer: o => o.ValidIssuers.Add("https://auth.example.com"));
        Assert.Equal(HttpStatusCode.OK, (await matching.GetAsync("/api/me", matching.AliceToken())).StatusCode);

        // Without configured issuers (the default, like WorkOS's SDKs) any issuer signed by the client's keys passes.
        await using var lenient = await ApiTestApp.StartAsync(Scheme);
        Assert.Equal(HttpStatusCode.OK, (await lenient.GetAsync("/api/me", lenient.AliceToken(extra: new Dictionary<string, object> { ["iss"] = "https://other" }))).StatusCode);
    }

    [Fact]
    public async Task A_missing_header_is_a_plain_bearer_challenge_never_a_redirect()
    {
        await using var app = await ApiTestApp.StartAsync(Scheme);

        var response = await app.GetAsync("/api/me");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Null(response.Headers.Location);
        Assert.Equal("Bearer", response.WwwAuthenticate());
        Assert.Contains(app.Logs.Entries, e => e.EventId.Id == 1401);
        Assert.Equal(HttpStatusCode.OK, (await app.GetAsync("/public")).StatusCode);
        Assert.Equal(0, app.JwksFetches);
    }

    [Fact]
    public async Task Another_authorization_scheme_is_not_a_bearer_token()
    {
        await using var app = await ApiTestApp.StartAsync(Scheme);

        var response = await app.GetAsync("/api/me", configure: r => r.Headers.TryAddWithoutValidation("Authorization", "Basic dXNlcjpwYXNz"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Bearer", response.WwwAuthenticate());
    }

    [Theory]
    [InlineData("Bearer", "The Authorization header must be a single 'Bearer <token>'.")]
    [InlineData("Bearer    ", "The Authorization header must be a single 'Bearer <token>'.")]
    [InlineData("Bearer not-a-jwt", "The access token is not a well-formed JWT.")]
    [InlineData("Bearer a.b.c", "The access token is not a well-formed JWT.")]
    [InlineData("Bearer ..", "The access token is not a well-formed JWT.")]
    [InlineData("Bearer eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0", "The access token is not a well-formed JWT.")]
    [InlineData("Bearer eyJhbGciOiJSUzI1NiJ9.%%%%.abc", "The access token is not a well-formed JWT.")]
    [InlineData("Bearer e30.e30.e30.e30.e30", "The access token is signed with '', not RS256.")]
    [InlineData("bearer e30.e30.", "The access token is signed with '', not RS256.")]
    public async Task A_malformed_header_is_401_with_a_reason_and_a_log_line(string header, string description)
    {
        await using var app = await ApiTestApp.StartAsync(Scheme);

        var response = await app.GetAsync("/api/me", configure: r => r.Headers.TryAddWithoutValidation("Authorization", header));

        Assert.Equal(description, response.AssertInvalidToken());
        Assert.Contains(app.Logs.Entries, e => e.EventId.Id == 1402);
    }

    [Fact]
    public async Task Two_authorization_headers_are_refused()
    {
        await using var app = await ApiTestApp.StartAsync(Scheme);
        var token = app.AliceToken();

        var response = await app.GetAsync("/api/me", configure: r =>
        {
            r.Headers.TryAddWithoutValidation("Authorization", "Bearer " + token);
            r.Headers.TryAddWithoutValidation("Authorization", "Bearer " + token);
        });

        Assert.Equal("The Authorization header must be a single 'Bearer <token>'.", response.AssertInvalidToken());
    }

    [Theory]
    [InlineData(17 * 1024)]
    [InlineData(64 * 1024)]
    [InlineData(1024 * 1024)]
    public async Task An_oversized_header_is_refused_without_parsing(int size)
    {
        await using var app = await ApiTestApp.StartAsync(Scheme);
        var huge = "eyJhbGciOiJSUzI1NiJ9." + new string('A', size) + ".sig";

        var response = await app.GetAsync("/api/me", huge);

        Assert.Equal("The Authorization header is too large.", response.AssertInvalidToken());
        AssertLogged(app, "malformed");
        Assert.Equal(0, app.JwksFetches);
    }

    [Fact]
    public async Task A_token_just_over_the_size_limit_inside_the_header_limit_is_refused()
    {
        await using var app = await ApiTestApp.StartAsync(Scheme);
        var token = "eyJhbGciOiJSUzI1NiJ9." + new string('A', 16 * 1024) + ".sig";

        Assert.Equal("The access token is empty or too large.", (await app.GetAsync("/api/me", token)).AssertInvalidToken());
    }

    [Fact]
    public async Task Unreachable_signing_keys_answer_503_with_a_challenge_and_recover()
    {
        await using var app = await ApiTestApp.StartAsync(Scheme);
        app.Emulator.InjectFault("GET", "/sso/jwks/*", 503, count: -1);

        var response = await app.GetAsync("/api/me", app.AliceToken());

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("Bearer error=\"temporarily_unavailable\", error_description=\"The WorkOS signing keys could not be fetched.\"", response.WwwAuthenticate());
        Assert.Equal(TimeSpan.FromSeconds(5), response.Headers.RetryAfter?.Delta);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(503, problem.GetProperty("status").GetInt32());
        Assert.Contains(app.Logs.Entries, e => e.EventId.Id == 1404 && e.Level == LogLevel.Warning);

        // A page that does not need a user still works.
        Assert.Equal(HttpStatusCode.OK, (await app.GetAsync("/public", app.AliceToken())).StatusCode);

        // For the next few seconds requests are answered at once, without a fetch per request.
        var fetches = app.JwksFetches;
        for (var i = 0; i < 10; i++)
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, (await app.GetAsync("/api/me", app.AliceToken())).StatusCode);
        }

        Assert.Equal(fetches, app.JwksFetches);

        // WorkOS is back: after the back-off, the keys are fetched and tokens accepted.
        app.Emulator.ClearFaults();
        app.Clock.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal(HttpStatusCode.OK, (await app.GetAsync("/api/me", app.AliceToken())).StatusCode);
        Assert.Equal(fetches + 1, app.JwksFetches);
    }

    [Fact]
    public async Task Once_keys_are_known_an_outage_does_not_affect_valid_tokens()
    {
        await using var app = await ApiTestApp.StartAsync(Scheme);
        Assert.Equal(HttpStatusCode.OK, (await app.GetAsync("/api/me", app.AliceToken())).StatusCode);
        app.Emulator.InjectFault("*", "/*", 503, count: -1);

        Assert.Equal(HttpStatusCode.OK, (await app.GetAsync("/api/me", app.AliceToken())).StatusCode);

        // An unknown kid during the outage is not let through: it could not be checked, so 503 (as when the keys were never fetched).
        var forged = TestTokens.SignWithForeignKey(TestTokens.ForgeryClaims(app.Emulator, app.Clock), "kid_during_outage");
        var refused = await app.GetAsync("/api/me", forged);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        Assert.StartsWith("Bearer error=\"temporarily_unavailable\"", refused.WwwAuthenticate(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task No_refusal_logs_the_token()
    {
        await using var app = await ApiTestApp.StartAsync(Scheme);
        var expired = app.AliceToken(TimeSpan.FromMinutes(1));
        app.Clock.Advance(TimeSpan.FromMinutes(5));

        await app.GetAsync("/api/me", expired);
        var signature = expired.Split('.')[2];

        Assert.DoesNotContain(app.Logs.Entries, e => e.Message.Contains(signature, StringComparison.Ordinal)
            || e.Message.Contains(expired.Split('.')[1], StringComparison.Ordinal));
    }

    private static void AssertLogged(ApiTestApp app, string reason) =>
        Assert.Contains(app.Logs.Entries, e => e.EventId.Id == 1402 && e.Message.StartsWith($"Bearer token refused ({reason})", StringComparison.Ordinal));
}
