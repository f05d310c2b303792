using System.Net;
using System.Net.Http.Json;
using WorkOS.AspNetCore.Emulator;
using WorkOS.AspNetCore.Testing;
using WorkOS.AspNetCore.Tests.Infrastructure;

namespace WorkOS.AspNetCore.Tests.Emulator;

public sealed class ControlTests
{
    [Theory]
    [MemberData(nameof(Emulators.Modes), MemberType = typeof(Emulators))]
    public async Task Injected_fault_answers_the_next_matching_requests_then_stops(EmulatorMode mode)
    {
        await using var emulator = await Emulators.StartAsync(mode);
        using var client = new AuthKitClient(emulator);
        emulator.InjectFault("GET", "/sso/jwks/*", 503, """{"message":"down"}""", count: 2);

        using var first = await client.Http.GetAsync($"/sso/jwks/{emulator.ClientId}");
        using var second = await client.Http.GetAsync($"/sso/jwks/{emulator.ClientId}");
        using var third = await client.Http.GetAsync($"/sso/jwks/{emulator.ClientId}");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, first.StatusCode);
        Assert.Equal("down", (await AuthKitClient.ReadJsonAsync(first)).GetProperty("message").GetString());
        Assert.Equal(HttpStatusCode.ServiceUnavailable, second.StatusCode);
        Assert.Equal(HttpStatusCode.OK, third.StatusCode);
        Assert.Equal([503, 503, 200], emulator.Requests.Select(r => r.StatusCode));
    }

    [Fact]
    public async Task Fault_runs_before_the_endpoint_so_a_faulted_refresh_does_not_use_the_token()
    {
        await using var emulator = WorkOSEmulator.CreateInProcess();
        using var client = new AuthKitClient(emulator);
        var token = (await client.SignInAsync("alice@acme.com")).GetProperty("refresh_token").GetString()!;
        emulator.InjectFault("POST", "/user_management/authenticate", 429);

        using var limited = await client.RefreshAsync(token);
        using var retried = await client.RefreshAsync(token);

        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.False(string.IsNullOrEmpty((await AuthKitClient.ReadJsonAsync(limited)).GetProperty("message").GetString()));
        Assert.Equal(HttpStatusCode.OK, retried.StatusCode);
    }

    [Fact]
    public async Task Fault_with_count_minus_one_lasts_until_cleared()
    {
        await using var emulator = WorkOSEmulator.CreateInProcess();
        using var client = new AuthKitClient(emulator);
        emulator.InjectFault("*", "/user_management/users/*", 500, count: -1);

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            using var response = await client.SendWithApiKeyAsync(HttpMethod.Get, "/user_management/users/user_bob");
            statuses.Add(response.StatusCode);
        }

        emulator.ClearFaults();
        using var after = await client.SendWithApiKeyAsync(HttpMethod.Get, "/user_management/users/user_bob");

        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.InternalServerError, s));
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
    }

    [Fact]
    public async Task Fault_latency_delays_the_answer()
    {
        var clock = TestClock.StartingNow();
        await using var emulator = await WorkOSEmulator.StartAsync(o => o.TimeProvider = clock);
        using var client = new AuthKitClient(emulator);
        var jwks = $"/sso/jwks/{emulator.ClientId}";
        emulator.InjectFault("GET", jwks, 0, latency: TimeSpan.FromHours(1)); // far longer than any test runs on a real clock

        var answer = client.Http.GetAsync(jwks);
        await emulator.WaitForDelayedRequestsAsync("GET", jwks);
        clock.Advance(TimeSpan.FromHours(1) - TimeSpan.FromSeconds(1));
        Assert.False(answer.IsCompleted);
        clock.Advance(TimeSpan.FromSeconds(1));
        using var delayed = await answer;

        Assert.Equal(HttpStatusCode.OK, delayed.StatusCode);
    }

    [Fact]
    public async Task Fault_on_another_path_or_method_does_not_apply()
    {
        await using var emulator = WorkOSEmulator.CreateInProcess();
        using var client = new AuthKitClient(emulator);
        emulator.InjectFault("POST", $"/sso/jwks/{emulator.ClientId}", 500);
        emulator.InjectFault("GET", "/sso/jwks", 500);

        using var response = await client.Http.GetAsync($"/sso/jwks/{emulator.ClientId}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [MemberData(nameof(Emulators.Modes), MemberType = typeof(Emulators))]
    public async Task Request_log_records_every_request_and_masks_secrets(EmulatorMode mode)
    {
        await using var emulator = await Emulators.StartAsync(mode);
        using var client = new AuthKitClient(emulator);
        var pkce = Pkce.Create();
        var code = await client.GetCodeAsync("alice@acme.com", pkce);
        using var exchange = await client.ExchangeAsync(code, pkce.Verifier);
        using var validation = await client.SendWithApiKeyAsync(HttpMethod.Post, "/api_keys/validations", new { value = "sk_acme_reports_emulator" });

        var log = emulator.Requests;

        Assert.Equal(3, log.Count);
        Assert.Equal(("GET", "/user_management/authorize", 302), (log[0].Method, log[0].Path, log[0].StatusCode));
        Assert.Equal("alice@acme.com", Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(log[0].Query)["login_hint"].ToString());
        var authenticate = log[1];
        Assert.Equal(("POST", "/user_management/authenticate", 200), (authenticate.Method, authenticate.Path, authenticate.StatusCode));
        Assert.Equal("***", authenticate.Body["client_secret"]);
        Assert.Equal("authorization_code", authenticate.Body["grant_type"]);
        Assert.Equal(code, authenticate.Body["code"]);
        Assert.Equal("***", log[2].Body["value"]);
        Assert.DoesNotContain(log, r => r.Body.Values.Any(v => v.Contains(emulator.ApiKey, StringComparison.Ordinal) || v.Contains("sk_acme_reports", StringComparison.Ordinal)));
        Assert.All(log, r => Assert.True(r.Timestamp > DateTimeOffset.UtcNow.AddMinutes(-1)));
    }

    [Fact]
    public async Task Secrets_in_the_query_string_are_masked_too()
    {
        await using var emulator = WorkOSEmulator.CreateInProcess();
        using var client = new AuthKitClient(emulator);

        using var response = await client.Http.GetAsync($"/sso/jwks/{emulator.ClientId}?client_secret={emulator.ApiKey}&x=1");

        var entry = Assert.Single(emulator.Requests);
        Assert.DoesNotContain(emulator.ApiKey, entry.Query, StringComparison.Ordinal);
        Assert.Contains("x=1", entry.Query, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Requests_are_counted_by_exact_path_or_prefix_and_can_be_cleared()
    {
        await using var emulator = WorkOSEmulator.CreateInProcess();
        using var client = new AuthKitClient(emulator);
        await client.SignInAsync("alice@acme.com");
        await client.SignInAsync("bob@acme.com");
        using var jwks = await client.Http.GetAsync($"/sso/jwks/{emulator.ClientId}");

        Assert.Equal(2, emulator.CountRequests("POST", "/user_management/authenticate"));
        Assert.Equal(2, emulator.CountRequests("get", "/user_management/authorize"));
        Assert.Equal(4, emulator.CountRequests("*", "/user_management/*"));
        Assert.Equal(0, emulator.CountRequests("GET", "/user_management/authenticate"));
        Assert.Equal(1, emulator.CountRequests("GET", "/sso/jwks/*"));

        emulator.ClearRequests();

        Assert.Empty(emulator.Requests);
        Assert.Equal(0, emulator.CountRequests("*", "/*"));
    }

    [Fact]
    public async Task Kestrel_mode_listens_on_loopback_and_in_process_mode_uses_the_test_host_name()
    {
        await using var kestrel = await WorkOSEmulator.StartAsync();
        await using var inProcess = WorkOSEmulator.CreateInProcess();

        Assert.Equal("127.0.0.1", kestrel.BaseUrl.Host);
        Assert.NotEqual(0, kestrel.BaseUrl.Port);
        Assert.Equal(new Uri("http://workos-emulator.test/"), inProcess.BaseUrl);
        Assert.Equal("http://workos-emulator.test/user_management/client_emulator", inProcess.Options.Issuer);
        using var handlerClient = new HttpClient(inProcess.CreateHandler()) { BaseAddress = inProcess.BaseUrl };
        Assert.Equal(HttpStatusCode.OK, (await handlerClient.GetAsync("/sso/jwks/client_emulator")).StatusCode);
    }

    [Fact]
    public async Task Options_set_the_client_credentials_and_issuer()
    {
        await using var emulator = WorkOSEmulator.CreateInProcess(o =>
        {
            o.ClientId = "client_custom";
            o.ApiKey = "sk_test_custom";
            o.Issuer = "https://auth.example.com";
        });
        using var client = new AuthKitClient(emulator);

        var body = await client.SignInAsync("alice@acme.com");
        using var jwks = await client.Http.GetAsync("/sso/jwks/client_custom");
        using var oldJwks = await client.Http.GetAsync("/sso/jwks/client_emulator");

        Assert.Equal(("client_custom", "sk_test_custom"), (emulator.ClientId, emulator.ApiKey));
        Assert.Equal("https://auth.example.com", Jwt.Payload(body.GetProperty("access_token").GetString()!).GetProperty("iss").GetString());
        Assert.Equal(HttpStatusCode.OK, jwks.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, oldJwks.StatusCode);
    }

    [Fact]
    public async Task Disposed_emulator_stops_listening()
    {
        var emulator = await WorkOSEmulator.StartAsync();
        using var http = new HttpClient { BaseAddress = emulator.BaseUrl };
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync($"/sso/jwks/{emulator.ClientId}")).StatusCode);

        await emulator.DisposeAsync();

        await Assert.ThrowsAsync<HttpRequestException>(() => http.GetAsync($"/sso/jwks/{emulator.ClientId}"));
        emulator.Dispose();
    }

    [Fact]
    public async Task Set_user_roles_creates_a_membership_visible_in_the_api_at_once()
    {
        await using var emulator = WorkOSEmulator.CreateInProcess();
        using var client = new AuthKitClient(emulator);

        emulator.SetUserRoles("carol@globex.com", "org_acme", "member");
        var body = await client.Http.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/user_management/organization_memberships?user_id=user_carol&organization_id=org_acme")
        {
            Headers = { Authorization = new("Bearer", emulator.ApiKey) },
        });
        var list = await body.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();

        var membership = Assert.Single(list.GetProperty("data").EnumerateArray().ToList());
        Assert.StartsWith("om_", membership.GetProperty("id").GetString(), StringComparison.Ordinal);
        Assert.Equal("member", membership.GetProperty("role").GetProperty("slug").GetString());
        Assert.Throws<ArgumentException>(() => emulator.SetUserRoles("nobody@example.com", "org_acme", "member"));
        Assert.Throws<ArgumentException>(() => emulator.SetUserRoles("user_carol", "org_acme", "no-such-role"));
    }

    [Theory]
    [MemberData(nameof(Emulators.Modes), MemberType = typeof(Emulators))]
    public async Task Injected_fault_carries_its_content_type_and_headers(EmulatorMode mode)
    {
        await using var emulator = await Emulators.StartAsync(mode);
        using var client = new AuthKitClient(emulator);
        emulator.InjectFault("POST", "/user_management/authenticate", 307, "", contentType: "text/html",
            headers: new Dictionary<string, string> { ["Location"] = "https://elsewhere.example/steal", ["Retry-After"] = "120" });
        emulator.InjectFault("GET", "/sso/jwks/*", 200, "<html>proxy</html>", contentType: "text/html");

        using var redirect = await client.RefreshAsync("rt_any");
        using var html = await client.Http.GetAsync($"/sso/jwks/{emulator.ClientId}");

        Assert.Equal(HttpStatusCode.TemporaryRedirect, redirect.StatusCode);
        Assert.Equal(new Uri("https://elsewhere.example/steal"), redirect.Headers.Location);
        Assert.Equal(TimeSpan.FromSeconds(120), redirect.Headers.RetryAfter?.Delta);
        Assert.Equal("text/html", redirect.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.OK, html.StatusCode);
        Assert.Equal("text/html", html.Content.Headers.ContentType?.MediaType);
        Assert.Equal("<html>proxy</html>", await html.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData(EmulatorMode.InProcess, false)]
    [InlineData(EmulatorMode.Kestrel, false)]
    [InlineData(EmulatorMode.Kestrel, true)]
    public async Task Injected_fault_pads_its_body_to_the_size_asked_for(EmulatorMode mode, bool declaresLength)
    {
        const int size = 3 * 1024 * 1024 + 7;
        await using var emulator = await Emulators.StartAsync(mode);
        using var client = new AuthKitClient(emulator);
        emulator.InjectFault("POST", "/user_management/authenticate", 400, """{"error":"invalid_grant"}""", padTo: size,
            headers: declaresLength ? new Dictionary<string, string> { ["Content-Length"] = size.ToString(System.Globalization.CultureInfo.InvariantCulture) } : null);

        using var response = await client.RefreshAsync("rt_any");
        var body = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(size, body.Length);
        if (mode == EmulatorMode.Kestrel)
        {
            // Sent as declared, or streamed in chunks with no length for the client to check first.
            Assert.Equal(!declaresLength, response.Headers.TransferEncodingChunked == true);
        }
        using var json = System.Text.Json.JsonDocument.Parse(body); // still the same JSON, padded with whitespace
        Assert.Equal("invalid_grant", json.RootElement.GetProperty("error").GetString());
        Assert.Throws<ArgumentOutOfRangeException>(() => emulator.InjectFault("GET", "/x", 200, padTo: -1));
    }

    [Fact]
    public async Task Authenticate_can_be_made_to_answer_a_null_user()
    {
        await using var emulator = WorkOSEmulator.CreateInProcess();
        using var client = new AuthKitClient(emulator);
        emulator.InjectFault("POST", "/user_management/authenticate", 200, """{"user":null,"access_token":"a","refresh_token":"r"}""");

        using var response = await client.RefreshAsync("rt_any");
        var json = await AuthKitClient.ReadJsonAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(System.Text.Json.JsonValueKind.Null, json.GetProperty("user").ValueKind);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
    }
}
