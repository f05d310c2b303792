using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.Logging;
using WorkOS.AspNetCore.Emulator;
using WorkOS.AspNetCore.Testing;
using WorkOS.AspNetCore.Tests.Infrastructure;

namespace WorkOS.AspNetCore.Tests.Emulator;

/// <summary>
/// The emulator asks the authentication action during the hosted sign-in, as AuthKit does: the code is issued only
/// after a validly signed Allow; a Deny stops the sign-in on the hosted page with the action's message, and an answer
/// that is late, unreachable, not 200 or not validly signed denies, as WorkOS does by default.
/// </summary>
public sealed class ActionCallTests
{
    private const string Secret = "action_secret_emulator";
    private const string ActionUrl = "https://app.example/actions/workos";

    [Fact]
    public async Task A_sign_in_posts_the_signed_context_and_an_allow_issues_the_code()
    {
        var clock = TestClock.StartingNow();
        var responder = new ActionResponder(Secret);
        using var http = responder.CreateClient();
        await using var emulator = WorkOSEmulator.CreateInProcess(o =>
        {
            o.TimeProvider = clock;
            o.ActionHttpClient = http;
        });
        emulator.SetAuthenticationAction(ActionUrl, Secret);
        using var client = new AuthKitClient(emulator);
        client.Http.DefaultRequestHeaders.UserAgent.ParseAdd("AcmeBrowser/1.0");

        var signIn = await client.SignInAsync("alice@acme.com", "org_acme");

        Assert.Equal("user_alice", signIn.GetProperty("user").GetProperty("id").GetString());
        var received = Assert.Single(responder.Received);
        Assert.Equal(ActionUrl, received.Url.AbsoluteUri);
        Assert.Equal(clock.GetUtcNow().ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture), received.SignedTimestamp(Secret));
        var context = received.Json;
        Assert.Equal("authentication_action_context", context.GetProperty("object").GetString());
        Assert.StartsWith("action_context_", context.GetProperty("id").GetString());
        Assert.Equal("user_alice", context.GetProperty("user").GetProperty("id").GetString());
        Assert.Equal("alice@acme.com", context.GetProperty("user").GetProperty("email").GetString());
        Assert.Equal("org_acme", context.GetProperty("organization").GetProperty("id").GetString());
        Assert.Equal("organization", context.GetProperty("organization").GetProperty("object").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Array, context.GetProperty("organization").GetProperty("domains").ValueKind);
        Assert.Equal("org_acme", context.GetProperty("organization_membership").GetProperty("organization_id").GetString());
        Assert.Equal("Password", context.GetProperty("authentication_method").GetString());
        Assert.Equal("AcmeBrowser/1.0", context.GetProperty("user_agent").GetString());
        Assert.Equal(emulator.Options.Issuer, context.GetProperty("issuer").GetString());
        var call = Assert.Single(emulator.ActionCalls);
        Assert.True(call.Allowed);
        Assert.Null(call.Problem);
        Assert.Equal(200, call.StatusCode);
        Assert.Equal(context.GetProperty("id").GetString(), call.ActionId);
    }

    [Fact]
    public async Task A_deny_stops_the_sign_in_on_the_hosted_page_with_the_actions_message_and_issues_no_code()
    {
        var responder = new ActionResponder(Secret, r => Task.FromResult(ActionResponder.Signed(Secret, Now(r), "Deny", "Alice's account is on hold <until> Monday.")));
        await using var emulator = Start(responder);

        using var response = await AuthorizeAsync(emulator, "alice@acme.com");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Null(response.Headers.Location);
        var page = await response.Content.ReadAsStringAsync();
        Assert.Contains("Alice&#39;s account is on hold &lt;until&gt; Monday.", page, StringComparison.Ordinal);
        var call = Assert.Single(emulator.ActionCalls);
        Assert.False(call.Allowed);
        Assert.Null(call.Problem);
        Assert.Equal("Alice's account is on hold <until> Monday.", call.ErrorMessage);
    }

    [Fact]
    public async Task A_lowercase_allow_is_taken_as_allow()
    {
        var responder = new ActionResponder(Secret, r => Task.FromResult(ActionResponder.Signed(Secret, Now(r), "allow")));
        await using var emulator = Start(responder);

        using var response = await AuthorizeAsync(emulator, "alice@acme.com");

        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        Assert.True(AuthKitClient.RedirectQuery(response).ContainsKey("code"));
    }

    [Theory]
    [InlineData("wrong secret")]
    [InlineData("tampered verdict")]
    [InlineData("wrong object")]
    [InlineData("status 500")]
    [InlineData("not json")]
    [InlineData("stale timestamp")]
    [InlineData("unknown verdict")]
    [InlineData("message over 500")]
    public async Task An_invalid_answer_denies_the_sign_in_and_records_why(string fault)
    {
        var responder = new ActionResponder(Secret, r => Task.FromResult(InvalidAnswer(fault, Now(r))));
        await using var emulator = Start(responder);

        using var response = await AuthorizeAsync(emulator, "alice@acme.com");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("could not be completed", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var call = Assert.Single(emulator.ActionCalls);
        Assert.False(call.Allowed);
        Assert.NotNull(call.Problem);
    }

    [Fact]
    public async Task An_unreachable_action_endpoint_denies_the_sign_in()
    {
        var responder = new ActionResponder(Secret, _ => throw new HttpRequestException("Connection refused."));
        await using var emulator = Start(responder);

        using var response = await AuthorizeAsync(emulator, "alice@acme.com");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var call = Assert.Single(emulator.ActionCalls);
        Assert.Null(call.StatusCode);
        Assert.Contains("unreachable", call.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_action_that_does_not_answer_within_the_timeout_denies_and_is_cancelled()
    {
        var clock = TestClock.StartingNow();
        var responder = new ActionResponder(Secret, async r =>
        {
            await Task.Delay(Timeout.InfiniteTimeSpan, r.Aborted);
            throw new InvalidOperationException("unreachable");
        });
        using var http = responder.CreateClient();
        await using var emulator = WorkOSEmulator.CreateInProcess(o =>
        {
            o.TimeProvider = clock;
            o.ActionHttpClient = http;
            o.ActionTimeout = TimeSpan.FromSeconds(4);
        });
        emulator.SetAuthenticationAction(ActionUrl, Secret);

        var pending = AuthorizeAsync(emulator, "alice@acme.com");
        await responder.FirstArrived.Task.WaitAsync(TimeSpan.FromSeconds(30));
        clock.Advance(TimeSpan.FromSeconds(4));
        using var response = await pending.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var call = Assert.Single(emulator.ActionCalls);
        Assert.Contains("no answer within 4 s", call.Problem, StringComparison.Ordinal);
        Assert.True(Assert.Single(responder.Received).Aborted.IsCancellationRequested);
    }

    [Fact]
    public async Task Without_an_action_endpoint_the_sign_in_calls_nothing()
    {
        var responder = new ActionResponder(Secret);
        using var http = responder.CreateClient();
        await using var emulator = WorkOSEmulator.CreateInProcess(o => o.ActionHttpClient = http);

        using var response = await AuthorizeAsync(emulator, "alice@acme.com");

        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        Assert.Empty(responder.Received);
        Assert.Empty(emulator.ActionCalls);
    }

    [Fact]
    public async Task A_seeded_action_endpoint_is_asked_on_sign_in()
    {
        var responder = new ActionResponder(Secret, r => Task.FromResult(ActionResponder.Signed(Secret, Now(r), "Deny", "Seeded deny.")));
        using var http = responder.CreateClient();
        var seed = EmulatorSeed.CreateDefault();
        seed.AuthenticationAction = new SeedActionEndpoint { Url = ActionUrl, Secret = Secret };
        await using var emulator = WorkOSEmulator.CreateInProcess(o =>
        {
            o.Seed = seed;
            o.ActionHttpClient = http;
        });

        using var response = await AuthorizeAsync(emulator, "bob@acme.com");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("Seeded deny.", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("user_bob", Assert.Single(responder.Received).Json.GetProperty("user").GetProperty("id").GetString());
    }

    [Fact]
    public async Task A_json_seed_names_the_authentication_action_and_sign_in_asks_it()
    {
        var responder = new ActionResponder(Secret, r => Task.FromResult(ActionResponder.Signed(Secret, Now(r), "Deny", "From the JSON seed.")));
        using var http = responder.CreateClient();
        var seed = EmulatorSeed.FromJson($$"""
            {
              "users": [{ "id": "user_dana", "email": "dana@acme.com" }],
              "authentication_action": { "url": "{{ActionUrl}}", "secret": "{{Secret}}" },
            }
            """);
        await using var emulator = WorkOSEmulator.CreateInProcess(o =>
        {
            o.Seed = seed;
            o.ActionHttpClient = http;
        });

        using var response = await AuthorizeAsync(emulator, "dana@acme.com");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("From the JSON seed.", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ftp://localhost/actions", Secret)]
    [InlineData(ActionUrl, "")]
    public void An_invalid_authentication_action_in_the_seed_stops_the_emulator_from_starting(string url, string secret)
    {
        var seed = EmulatorSeed.CreateDefault();
        seed.AuthenticationAction = new SeedActionEndpoint { Url = url, Secret = secret };

        var error = Assert.Throws<InvalidOperationException>(() => WorkOSEmulator.CreateInProcess(o => o.Seed = seed));

        Assert.Contains("Invalid emulator seed", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_control_api_sets_the_action_endpoint_and_lists_the_calls()
    {
        var responder = new ActionResponder(Secret, r => Task.FromResult(ActionResponder.Signed(Secret, Now(r), "Deny", "Nope.")));
        using var http = responder.CreateClient();
        await using var emulator = await WorkOSEmulator.StartAsync(o =>
        {
            o.EnableControlApi = true;
            o.ActionHttpClient = http;
        });
        using var client = new AuthKitClient(emulator);

        using var set = await client.Http.PutAsJsonAsync("/_emulator/actions/authentication", new { url = ActionUrl, secret = Secret });
        using var signIn = await AuthorizeAsync(emulator, "alice@acme.com");
        using var list = await client.Http.GetAsync("/_emulator/action_calls");
        var listed = await AuthKitClient.ReadJsonAsync(list);

        Assert.True(set.IsSuccessStatusCode, $"set answered {set.StatusCode}");
        Assert.Equal(HttpStatusCode.Forbidden, signIn.StatusCode);
        Assert.Equal(1, listed.GetProperty("count").GetInt32());
        var entry = listed.GetProperty("data")[0];
        Assert.Equal("authentication", entry.GetProperty("kind").GetString());
        Assert.Equal("user_alice", entry.GetProperty("user_id").GetString());
        Assert.False(entry.GetProperty("allowed").GetBoolean());
        Assert.Equal("Nope.", entry.GetProperty("error_message").GetString());
        Assert.Equal(200, entry.GetProperty("status").GetInt32());
    }

    [Theory]
    [InlineData("""{"url":"not a url","secret":"s"}""")]
    [InlineData("""{"url":"ftp://localhost/actions","secret":"s"}""")]
    [InlineData("""{"url":"http://user:pass@localhost/actions","secret":"s"}""")]
    [InlineData("""{"url":"http://localhost/actions","secret":""}""")]
    public async Task The_control_api_refuses_an_invalid_action_endpoint_with_422_and_sign_in_calls_nothing(string body)
    {
        var responder = new ActionResponder(Secret);
        using var http = responder.CreateClient();
        await using var emulator = await WorkOSEmulator.StartAsync(o =>
        {
            o.EnableControlApi = true;
            o.ActionHttpClient = http;
        });
        using var client = new AuthKitClient(emulator);

        using var set = await client.Http.PutAsync("/_emulator/actions/authentication", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
        using var signIn = await AuthorizeAsync(emulator, "alice@acme.com");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, set.StatusCode);
        Assert.Equal(HttpStatusCode.Found, signIn.StatusCode);
        Assert.Empty(responder.Received);
    }

    [Fact]
    public async Task Control_api_action_registration_from_a_non_loopback_host_is_refused_with_403()
    {
        var responder = new ActionResponder(Secret);
        using var http = responder.CreateClient();
        await using var emulator = await WorkOSEmulator.StartAsync(o =>
        {
            o.EnableControlApi = true;
            o.ActionHttpClient = http;
        });
        using var client = new AuthKitClient(emulator);
        using var request = new HttpRequestMessage(HttpMethod.Put, "/_emulator/actions/authentication")
        {
            Content = JsonContent.Create(new { url = "http://attacker.example/collect", secret = Secret }),
        };
        request.Headers.Host = "attacker.example";

        using var response = await client.Http.SendAsync(request);
        using var signIn = await AuthorizeAsync(emulator, "alice@acme.com");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(HttpStatusCode.Found, signIn.StatusCode);
        Assert.Empty(responder.Received);
    }

    private static WorkOSEmulator Start(ActionResponder responder)
    {
        var http = responder.CreateClient();
        var emulator = WorkOSEmulator.CreateInProcess(o => o.ActionHttpClient = http);
        emulator.SetAuthenticationAction(ActionUrl, Secret);
        return emulator;
    }

    private static async Task<HttpResponseMessage> AuthorizeAsync(WorkOSEmulator emulator, string email)
    {
        using var http = emulator.CreateClient();
        return await http.GetAsync(AuthKitClient.AuthorizeUrl(emulator, new Dictionary<string, string?> { ["login_hint"] = email, ["state"] = "s" }));
    }

    /// <summary>The request's signed timestamp: an answer signed "now" by the emulator's clock.</summary>
    private static long Now(ReceivedAction request) => long.Parse(request.SignedTimestamp(Secret), System.Globalization.CultureInfo.InvariantCulture);

    private static HttpResponseMessage InvalidAnswer(string fault, long now)
    {
        switch (fault)
        {
            case "wrong secret":
                return ActionResponder.Signed("another_secret", now, "Allow");
            case "tampered verdict":
                var denied = ActionResponder.Signed(Secret, now, "Deny");
                var text = denied.Content.ReadAsStringAsync().GetAwaiter().GetResult().Replace("\"Deny\"", "\"Allow\"", StringComparison.Ordinal);
                return new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(text, System.Text.Encoding.UTF8, "application/json") };
            case "wrong object":
                return ActionResponder.Signed(Secret, now, "Allow", responseObject: "user_registration_action_response");
            case "status 500":
                var ok = ActionResponder.Signed(Secret, now, "Allow");
                ok.StatusCode = HttpStatusCode.InternalServerError;
                return ok;
            case "not json":
                return new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("<html>Allow</html>") };
            case "stale timestamp":
                return ActionResponder.Signed(Secret, now - 31_000, "Allow");
            case "unknown verdict":
                return ActionResponder.Signed(Secret, now, "Maybe");
            default:
                return ActionResponder.Signed(Secret, now, "Deny", new string('x', 501));
        }
    }
}
