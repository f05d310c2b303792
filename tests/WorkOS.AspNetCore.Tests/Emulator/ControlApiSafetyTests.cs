using System.Net;
using System.Net.Http.Json;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Logging;
using WorkOS.AspNetCore.Emulator;
using WorkOS.AspNetCore.Testing;
using WorkOS.AspNetCore.Tests.Infrastructure;

namespace WorkOS.AspNetCore.Tests.Emulator;

/// <summary>Who may drive the emulator's control API, and who may not.</summary>
public sealed class ControlApiSafetyTests
{
    [Fact]
    public async Task Control_api_is_off_by_default_so_its_paths_are_unknown_and_change_nothing()
    {
        await using var host = await ControlApiHost.StartAsync(enableControlApi: false);
        var kid = host.Emulator.CurrentKeyId;

        using var rotate = await host.Http.PostAsJsonAsync("/_emulator/signing_keys/rotate", new { retire_old = true });

        Assert.Equal(HttpStatusCode.NotFound, rotate.StatusCode);
        Assert.Equal(kid, host.Emulator.CurrentKeyId);
    }

    [Fact]
    public async Task In_process_emulator_used_by_app_tests_has_no_control_api()
    {
        await using var emulator = WorkOSEmulator.CreateInProcess();
        using var client = emulator.CreateClient();

        using var response = await client.PostAsJsonAsync("/_emulator/faults", new { method = "*", path = "/*", status = 500, count = -1 });
        using var jwks = await client.GetAsync($"/sso/jwks/{emulator.ClientId}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, jwks.StatusCode);
    }

    [Theory]
    [InlineData("192.0.2.10")]
    [InlineData("::ffff:192.0.2.10")]
    [InlineData(null)]
    public async Task Caller_not_on_loopback_gets_403_and_a_log_line_and_changes_nothing(string? remoteAddress)
    {
        var log = new TestLogSink();
        using var loggers = LoggerFactory.Create(builder => builder.AddProvider(log));
        TestServer? server = null;
        await using var emulator = WorkOSEmulator.StartInMemory(
            options =>
            {
                options.EnableControlApi = true;
                options.LoggerFactory = loggers;
            },
            new Uri("http://localhost/"),
            builder => builder.WebHost.UseTestServer(),
            app => (server = app.GetTestServer()).CreateHandler());
        using var handler = emulator.CreateHandler();
        var kid = emulator.CurrentKeyId;

        var context = await server!.SendAsync(request =>
        {
            request.Connection.RemoteIpAddress = remoteAddress is null ? null : IPAddress.Parse(remoteAddress);
            request.Request.Method = "POST";
            request.Request.Path = "/_emulator/signing_keys/rotate";
            request.Request.Headers.Host = "localhost";
            request.Request.ContentType = "application/json";
            request.Request.Body = new MemoryStream(Encoding.UTF8.GetBytes("""{"retire_old":true}"""));
        });

        Assert.Equal(StatusCodes.Status403Forbidden, context.Response.StatusCode);
        Assert.Equal(kid, emulator.CurrentKeyId);
        var entry = Assert.Single(log.Entries, e => e.EventId.Id == 2020);
        Assert.Equal(LogLevel.Warning, entry.Level);
    }

    [Theory]
    [InlineData("attacker.example")]
    [InlineData("attacker.example:5081")]
    [InlineData("192.0.2.10")]
    public async Task Request_for_a_host_name_that_is_not_loopback_gets_403_so_a_rebound_web_page_cannot_drive_it(string hostHeader)
    {
        await using var host = await ControlApiHost.StartAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/_emulator/faults")
        {
            Content = JsonContent.Create(new { method = "*", path = "/*", status = 500, count = -1 }),
        };
        request.Headers.Host = hostHeader;

        using var response = await host.Http.SendAsync(request);
        using var jwks = await host.Http.GetAsync($"/sso/jwks/{host.Emulator.ClientId}");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, jwks.StatusCode);
        Assert.Contains(2021, host.EventIds);
    }

    [Fact]
    public async Task Request_from_a_web_page_of_another_origin_gets_403()
    {
        await using var host = await ControlApiHost.StartAsync();
        using var request = new HttpRequestMessage(HttpMethod.Delete, "/_emulator/requests");
        request.Headers.Add("Origin", "https://attacker.example");
        using (await host.Http.GetAsync($"/sso/jwks/{host.Emulator.ClientId}"))
        {
        }

        using var response = await host.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Single(host.Emulator.Requests);
        Assert.Contains(2022, host.EventIds);
    }

    [Fact]
    public async Task Request_from_a_loopback_origin_is_answered()
    {
        await using var host = await ControlApiHost.StartAsync();
        using var request = new HttpRequestMessage(HttpMethod.Delete, "/_emulator/requests");
        request.Headers.Add("Origin", "http://localhost:3000");

        using var response = await host.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
    }

    [Theory]
    [InlineData("application/x-www-form-urlencoded", "method=*&path=/*&status=500&count=-1")]
    [InlineData("text/plain", """{"method":"*","path":"/*","status":500,"count":-1}""")]
    public async Task Body_that_is_not_json_gets_415_so_a_cross_site_form_cannot_post_one(string contentType, string body)
    {
        await using var host = await ControlApiHost.StartAsync();

        using var response = await host.Http.PostAsync("/_emulator/faults", new StringContent(body, Encoding.UTF8, contentType));
        using var jwks = await host.Http.GetAsync($"/sso/jwks/{host.Emulator.ClientId}");

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, jwks.StatusCode);
        Assert.Contains(2023, host.EventIds);
    }

    [Theory]
    [InlineData("POST", "/_emulator/users", """{"email":"eve@attacker.example"}""")]
    [InlineData("POST", "/_emulator/memberships", """{"user_id":"carol@globex.com","organization_id":"org_acme","roles":["admin"]}""")]
    [InlineData("POST", "/_emulator/users/bob@acme.com/impersonation", """{"impersonator_email":"eve@attacker.example"}""")]
    [InlineData("POST", "/_emulator/users/bob@acme.com/authentication_errors", """{"error":"sso_required","count":-1}""")]
    public async Task Directory_and_sign_in_calls_refuse_a_cross_site_form_a_rebound_host_and_a_foreign_origin(string method, string path, string body)
    {
        await using var host = await ControlApiHost.StartAsync();

        using var form = await SendAsync(host, method, path, new StringContent(body, Encoding.UTF8, "text/plain"));
        using var rebound = await SendAsync(host, method, path, new StringContent(body, Encoding.UTF8, "application/json"), hostHeader: "attacker.example");
        using var foreign = await SendAsync(host, method, path, new StringContent(body, Encoding.UTF8, "application/json"), origin: "https://attacker.example");
        var bob = await host.Client.SignInAsync("bob@acme.com");

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, form.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, rebound.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, foreign.StatusCode);
        Assert.DoesNotContain(2025, host.EventIds);
        Assert.Equal("user_bob", bob.GetProperty("user").GetProperty("id").GetString());
        Assert.False(bob.TryGetProperty("impersonator", out _));
        Assert.Equal("member", Jwt.Payload(bob.GetProperty("access_token").GetString()!).GetProperty("role").GetString());
        Assert.Throws<ArgumentException>(() => host.Emulator.AddMembership(new SeedMembership { UserId = "eve@attacker.example", OrganizationId = "org_acme" }));
    }

    [Theory]
    [InlineData("POST", "/_emulator/access_tokens", """{"claims":{"sub":"user_forged","role":"admin"}}""")]
    [InlineData("PUT", "/_emulator/session_token_claims", """{"claims":{"sub":"user_forged","role":"admin"}}""")]
    [InlineData("POST", "/_emulator/users/bob@acme.com/tokens", """{"role":"admin"}""")]
    public async Task No_control_call_signs_chosen_claims_into_a_token(string method, string path, string body)
    {
        await using var host = await ControlApiHost.StartAsync();

        using var response = await SendAsync(host, method, path, new StringContent(body, Encoding.UTF8, "application/json"));
        var bob = Jwt.Payload((await host.Client.SignInAsync("bob@acme.com")).GetProperty("access_token").GetString()!);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var answer = await AuthKitClient.ReadJsonAsync(response);
        Assert.Equal("entity_not_found", answer.GetProperty("code").GetString());
        Assert.False(answer.TryGetProperty("access_token", out _));
        Assert.Equal("user_bob", bob.GetProperty("sub").GetString());
        Assert.Equal("member", bob.GetProperty("role").GetString());
    }

    private static Task<HttpResponseMessage> SendAsync(ControlApiHost host, string method, string path, HttpContent content,
        string? hostHeader = null, string? origin = null)
    {
        var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = content };
        if (hostHeader is not null)
        {
            request.Headers.Host = hostHeader;
        }

        if (origin is not null)
        {
            request.Headers.Add("Origin", origin);
        }

        return host.Http.SendAsync(request);
    }

    [Fact]
    public async Task Post_without_a_body_or_content_type_gets_415_since_a_browser_sends_one_without_asking()
    {
        await using var host = await ControlApiHost.StartAsync();
        var kid = host.Emulator.CurrentKeyId;

        using var response = await host.Http.PostAsync("/_emulator/signing_keys/rotate", null);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal(kid, host.Emulator.CurrentKeyId);
    }

    [Fact]
    public async Task Malformed_json_gets_400_with_a_message_and_a_log_line()
    {
        await using var host = await ControlApiHost.StartAsync();

        using var response = await host.Http.PostAsync("/_emulator/faults", new StringContent("{\"method\":", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("invalid_json", (await AuthKitClient.ReadJsonAsync(response)).GetProperty("code").GetString());
        Assert.Contains(host.Log.Entries, e => e.EventId.Id == 2024 && e.Message.Contains("(400)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Unknown_control_path_gets_404_in_json()
    {
        await using var host = await ControlApiHost.StartAsync();

        using var response = await host.Http.PostAsJsonAsync("/_emulator/tokens", new { sub = "user_alice" });

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("entity_not_found", (await AuthKitClient.ReadJsonAsync(response)).GetProperty("code").GetString());
    }
}
