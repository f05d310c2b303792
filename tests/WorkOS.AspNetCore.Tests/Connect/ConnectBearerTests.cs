using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace WorkOS.AspNetCore.Tests.Connect;

public sealed class ConnectBearerTests
{
    [Fact]
    public async Task M2M_token_from_the_token_endpoint_is_accepted_with_one_claim_per_scope_and_told_apart_as_a_machine()
    {
        await using var app = await ConnectTestApp.StartAsync();
        var caller = await app.MeAsync(await app.M2MTokenAsync());

        Assert.True(caller.Machine);
        Assert.Equal(["posts:read", "posts:write"], caller.Values("scope").Order().ToArray());
        Assert.Equal(["org_acme"], caller.Values("org_id"));
        Assert.Equal([ConnectTestApp.M2MClientId], caller.Values("client_id"));
        Assert.Equal([ConnectTestApp.M2MClientId], caller.Values("sub"));
        Assert.Empty(caller.Values("sid"));
    }

    [Fact]
    public async Task M2M_token_is_issued_for_the_environment_client_id_not_the_m2m_application()
    {
        await using var app = await ConnectTestApp.StartAsync();
        var caller = await app.MeAsync(await app.M2MTokenAsync());
        Assert.Equal([app.Emulator.ClientId], caller.Values("aud"));

        // An API that took the M2M application's client id for its audience would accept nothing WorkOS issues to it.
        await using var misconfigured = await ConnectTestApp.StartAsync(o =>
        {
            o.Audiences.Clear();
            o.Audiences.Add(ConnectTestApp.M2MClientId);
        });
        using var refused = await misconfigured.GetAsync("/api/me", await misconfigured.M2MTokenAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
    }

    [Fact]
    public async Task User_token_of_a_third_party_app_is_not_a_machine_token()
    {
        await using var app = await ConnectTestApp.StartAsync();
        var token = app.Emulator.CreateConnectUserToken("user_alice", ConnectTestApp.Audience, ["posts:read"], "org_acme");
        var caller = await app.MeAsync(token);

        Assert.False(caller.Machine);
        Assert.Equal(["user_alice"], caller.Values("sub"));
        Assert.Single(caller.Values("sid"));
    }

    [Fact]
    public async Task Scope_policy_allows_a_token_with_the_scope()
    {
        await using var app = await ConnectTestApp.StartAsync();
        using var response = await app.SendAsync(HttpMethod.Post, "/api/posts", await app.M2MTokenAsync("posts:write"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Scope_policy_denies_a_token_without_the_scope_with_403_insufficient_scope_naming_it()
    {
        await using var app = await ConnectTestApp.StartAsync();
        using var response = await app.SendAsync(HttpMethod.Post, "/api/posts", await app.M2MTokenAsync("posts:read"));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var header = Assert.Single(response.Headers.WwwAuthenticate).ToString();
        Assert.Contains("error=\"insufficient_scope\"", header, StringComparison.Ordinal);
        Assert.Contains("scope=\"posts:write\"", header, StringComparison.Ordinal);
        Assert.True(app.Logged(1055));
    }

    [Fact]
    public async Task Scope_attribute_denies_a_token_without_the_scope_naming_it()
    {
        await using var app = await ConnectTestApp.StartAsync();
        using var response = await app.GetAsync("/api/admin", await app.M2MTokenAsync());

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("scope=\"admin\"", Assert.Single(response.Headers.WwwAuthenticate).ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Token_for_another_audience_is_refused_with_401_and_a_log_line()
    {
        await using var app = await ConnectTestApp.StartAsync();
        var token = app.Emulator.CreateConnectUserToken("user_alice", "client_someone_else", ["posts:read"]);
        using var response = await app.GetAsync("/api/me", token);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("error=\"invalid_token\"", Assert.Single(response.Headers.WwwAuthenticate).ToString(), StringComparison.Ordinal);
        Assert.Contains(app.Logs.Entries, e => e.EventId.Id == 1053 && e.Message.Contains("invalid_audience", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Resource_indicator_audience_is_accepted_when_configured()
    {
        await using var app = await ConnectTestApp.StartAsync(o => o.Audiences.Add("https://api.example.com"));
        var caller = await app.MeAsync(await app.M2MTokenAsync(resource: "https://api.example.com"));
        Assert.Equal(["https://api.example.com"], caller.Values("aud"));
    }

    [Fact]
    public async Task Session_access_token_of_the_environment_is_refused_the_issuer_and_keys_are_the_domains()
    {
        await using var app = await ConnectTestApp.StartAsync();
        var sessionToken = app.Emulator.CreateAccessToken(new Dictionary<string, object> { ["sub"] = "user_alice", ["aud"] = ConnectTestApp.Audience });
        using var response = await app.GetAsync("/api/me", sessionToken);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.True(app.Logged(1053));
    }

    [Fact]
    public async Task Expired_token_is_refused()
    {
        await using var app = await ConnectTestApp.StartAsync();
        var token = await app.M2MTokenAsync();
        app.Clock.Advance(TimeSpan.FromMinutes(10));
        using var response = await app.GetAsync("/api/me", token);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains(app.Logs.Entries, e => e.EventId.Id == 1053 && e.Message.Contains("expired", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Missing_token_gets_401_with_the_resource_metadata_url()
    {
        await using var app = await ConnectTestApp.StartAsync();
        using var response = await app.GetAsync("/api/me");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Bearer resource_metadata=\"http://localhost/.well-known/oauth-protected-resource\"",
            Assert.Single(response.Headers.WwwAuthenticate).ToString());
    }

    [Fact]
    public async Task Protected_resource_metadata_names_the_domain_scopes_and_header_method()
    {
        await using var app = await ConnectTestApp.StartAsync();
        using var response = await app.GetAsync("/.well-known/oauth-protected-resource");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var root = document.RootElement;
        Assert.Equal("http://localhost", root.GetProperty("resource").GetString());
        Assert.Equal([app.Emulator.ConnectDomain], root.GetProperty("authorization_servers").EnumerateArray().Select(e => e.GetString()!).ToArray());
        Assert.Equal(["posts:read", "posts:write"], root.GetProperty("scopes_supported").EnumerateArray().Select(e => e.GetString()!).ToArray());
        Assert.Equal(["header"], root.GetProperty("bearer_methods_supported").EnumerateArray().Select(e => e.GetString()!).ToArray());
    }

    [Fact]
    public async Task Token_signed_with_a_rotated_key_is_accepted_after_one_key_fetch_and_forged_kids_do_not_fetch_again()
    {
        await using var app = await ConnectTestApp.StartAsync();
        await app.MeAsync(await app.M2MTokenAsync());
        Assert.Equal(1, app.JwksFetches);

        app.Emulator.RotateConnectSigningKey();
        await app.MeAsync(await app.M2MTokenAsync());
        Assert.Equal(2, app.JwksFetches);

        app.Emulator.RotateConnectSigningKey();
        using var throttled = await app.GetAsync("/api/me", await app.M2MTokenAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, throttled.StatusCode);
        Assert.Equal(2, app.JwksFetches);

        app.Clock.Advance(TimeSpan.FromMinutes(5));
        await app.MeAsync(await app.M2MTokenAsync());
        Assert.Equal(3, app.JwksFetches);
    }

    [Fact]
    public async Task Discovery_down_at_startup_answers_401_with_a_log_line_and_recovers_when_it_is_back()
    {
        await using var app = await ConnectTestApp.StartAsync();
        app.Emulator.InjectFault("GET", "/.well-known/*", 503, count: -1);
        var token = await app.M2MTokenAsync();
        using var down = await app.GetAsync("/api/me", token);

        Assert.Equal(HttpStatusCode.Unauthorized, down.StatusCode);
        Assert.True(app.Logged(1052));
        Assert.Equal(1, app.Emulator.CountRequests("GET", "/.well-known/oauth-authorization-server"));

        app.Emulator.ClearFaults();
        using var backingOff = await app.GetAsync("/api/me", token);
        Assert.Equal(HttpStatusCode.Unauthorized, backingOff.StatusCode);
        app.Clock.Advance(TimeSpan.FromSeconds(6));
        await app.MeAsync(token);
    }

    [Fact]
    public async Task Discovery_falls_back_to_the_oauth_authorization_server_document()
    {
        await using var app = await ConnectTestApp.StartAsync();
        app.Emulator.InjectFault("GET", "/.well-known/openid-configuration", 404, count: -1);
        await app.MeAsync(await app.M2MTokenAsync());
        Assert.Equal(1, app.Emulator.CountRequests("GET", "/.well-known/oauth-authorization-server"));
    }

    [Fact]
    public async Task Discovery_down_later_keeps_the_known_keys()
    {
        await using var app = await ConnectTestApp.StartAsync();
        await app.MeAsync(await app.M2MTokenAsync());
        app.Emulator.InjectFault("GET", "/.well-known/*", 500, count: -1);
        app.Clock.Advance(TimeSpan.FromHours(13));
        await app.MeAsync(await app.M2MTokenAsync());
        Assert.True(app.Logged(1052));
    }

    [Theory]
    [InlineData("{\"issuer\":")]
    [InlineData("{\"issuer\":\"https://evil.example\",\"jwks_uri\":\"https://evil.example/jwks\"}")]
    public async Task Malformed_or_foreign_discovery_document_is_refused_with_401_and_a_log_line(string body)
    {
        await using var app = await ConnectTestApp.StartAsync();
        app.Emulator.InjectFault("GET", "/.well-known/*", 200, body, count: -1, contentType: "application/json");
        using var response = await app.GetAsync("/api/me", await app.M2MTokenAsync());

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.True(app.Logged(1052));
    }

    [Fact]
    public async Task Discovery_document_naming_another_issuer_is_refused_even_when_its_keys_are_the_domains()
    {
        await using var app = await ConnectTestApp.StartAsync();
        var body = $"{{\"issuer\":\"https://evil.example\",\"jwks_uri\":\"{app.Emulator.ConnectDomain}/oauth2/jwks\"}}";
        app.Emulator.InjectFault("GET", "/.well-known/*", 200, body, count: -1, contentType: "application/json");
        using var response = await app.GetAsync("/api/me", await app.M2MTokenAsync());

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.True(app.Logged(1052));
    }

    [Fact]
    public async Task Oversized_discovery_document_is_not_read_and_the_request_is_refused()
    {
        await using var app = await ConnectTestApp.StartAsync();
        app.Emulator.InjectFault("GET", "/.well-known/*", 200, "{}", count: -1, contentType: "application/json", padTo: 2 * 1024 * 1024);
        using var response = await app.GetAsync("/api/me", await app.M2MTokenAsync());

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.True(app.Logged(1052));
    }

    [Fact]
    public async Task Slow_discovery_times_out_on_the_app_clock_and_the_request_is_refused()
    {
        await using var app = await ConnectTestApp.StartAsync();
        app.Emulator.InjectFault("GET", "/.well-known/*", 0, latency: TimeSpan.FromMinutes(5), count: -1);
        var token = await app.M2MTokenAsync();
        var pending = app.GetAsync("/api/me", token);
        await app.Emulator.WaitForDelayedRequestsAsync("GET", "/.well-known/openid-configuration");
        app.Clock.Advance(TimeSpan.FromSeconds(16));
        await app.Emulator.WaitForDelayedRequestsAsync("GET", "/.well-known/oauth-authorization-server");
        app.Clock.Advance(TimeSpan.FromSeconds(16));
        using var response = await pending;

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.True(app.Logged(1052));
    }

    [Fact]
    public async Task Revoked_token_is_refused_where_introspection_is_required_and_accepted_elsewhere()
    {
        await using var app = await ConnectTestApp.StartAsync(o => o.IntrospectionCacheDuration = TimeSpan.Zero);
        var token = await app.M2MTokenAsync();
        using (var fresh = await app.GetAsync("/api/revocable", token))
        {
            Assert.Equal(HttpStatusCode.OK, fresh.StatusCode);
        }

        Assert.True(app.Emulator.RevokeConnectToken(token));
        using var revoked = await app.GetAsync("/api/revocable", token);
        Assert.Equal(HttpStatusCode.Unauthorized, revoked.StatusCode);
        Assert.True(app.Logged(1056));
        await app.MeAsync(token);
        Assert.Equal(2, app.Introspections);
    }

    [Fact]
    public async Task Introspection_answers_are_cached_briefly()
    {
        await using var app = await ConnectTestApp.StartAsync();
        var token = await app.M2MTokenAsync();
        for (var i = 0; i < 3; i++)
        {
            using var response = await app.GetAsync("/api/revocable", token);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        Assert.Equal(1, app.Introspections);
        app.Clock.Advance(TimeSpan.FromSeconds(31));
        using var again = await app.GetAsync("/api/revocable", token);
        Assert.Equal(2, app.Introspections);
    }

    [Fact]
    public async Task Introspection_endpoint_down_fails_closed_with_503()
    {
        await using var app = await ConnectTestApp.StartAsync();
        var token = await app.M2MTokenAsync();
        app.Emulator.InjectFault("POST", "/oauth2/introspection", 500, count: -1);
        using var response = await app.GetAsync("/api/revocable", token);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.True(app.Logged(1057));
    }
}
