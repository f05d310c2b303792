using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using WorkOS.AspNetCore.Emulator;
using WorkOS.AspNetCore.Testing;
using WorkOS.AspNetCore.Tests.Infrastructure;

namespace WorkOS.AspNetCore.Tests.Emulator;

/// <summary>
/// The hosted page's sign-up (<c>screen_hint=sign-up</c>), as AuthKit's: the form's email is checked, the user
/// registration action (when set) is asked before the user exists, an Allow creates the user (raising
/// <c>user.created</c>) and signs them in, and a Deny, or an answer that is late, unreachable or not validly signed,
/// shows on the page and creates no user.
/// </summary>
public sealed partial class SignUpTests
{
    private const string Secret = "action_secret_sign_up";
    private const string ActionUrl = "https://app.example/actions/registration";

    [Fact]
    public async Task Signing_up_on_the_hosted_page_creates_the_user_raises_user_created_and_issues_a_code_for_them()
    {
        await using var emulator = WorkOSEmulator.CreateInProcess();
        using var client = new AuthKitClient(emulator);
        var pkce = Pkce.Create();

        using var response = await SignUpAsync(client, emulator, "newcomer@acme.com", "New", "Comer", pkce.Challenge);

        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        var query = AuthKitClient.RedirectQuery(response);
        Assert.Equal("s", query["state"]);
        using var exchange = await client.ExchangeAsync(query["code"]!, pkce.Verifier);
        var user = (await AuthKitClient.ReadJsonAsync(exchange)).GetProperty("user");
        Assert.Equal("newcomer@acme.com", user.GetProperty("email").GetString());
        Assert.Equal("New", user.GetProperty("first_name").GetString());
        Assert.Equal("Comer", user.GetProperty("last_name").GetString());
        Assert.StartsWith("user_", user.GetProperty("id").GetString());
        var created = Assert.Single((await UserCreatedEventsAsync(client)).EnumerateArray());
        Assert.Equal(user.GetProperty("id").GetString(), created.GetProperty("data").GetProperty("id").GetString());
        Assert.Empty(emulator.ActionCalls);
    }

    [Fact]
    public async Task The_sign_up_screen_shows_the_form_with_the_invitation_token_and_the_sign_in_screen_links_to_it()
    {
        await using var emulator = WorkOSEmulator.CreateInProcess();
        using var client = new AuthKitClient(emulator);

        var signIn = await client.Http.GetStringAsync(AuthKitClient.AuthorizeUrl(emulator, new Dictionary<string, string?> { ["state"] = "s" }));
        var link = WebUtility.HtmlDecode(CreateAccountLink().Match(signIn).Groups["href"].Value);
        var signUp = await client.Http.GetStringAsync(AuthKitClient.AuthorizeUrl(emulator, new Dictionary<string, string?>
        {
            ["screen_hint"] = "sign-up",
            ["invitation_token"] = "inv_token_01",
        }));

        Assert.DoesNotContain("data-testid=\"sign-up-form\"", signIn, StringComparison.Ordinal);
        Assert.Contains("screen_hint=sign-up", link, StringComparison.Ordinal);
        Assert.Contains("state=s", link, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"sign-up-form\"", await client.Http.GetStringAsync(link), StringComparison.Ordinal);
        Assert.Equal("inv_token_01", SignUpFormFields(signUp)["invitation_token"]);
        Assert.Contains("data-testid=\"sign-up-email\"", signUp, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("not-an-email")]
    [InlineData("Mallory <mallory@acme.com>")]
    [InlineData("")]
    public async Task An_invalid_email_is_shown_on_the_page_with_422_and_creates_no_user_nor_asks_the_action(string email)
    {
        var logs = new TestLogSink();
        using var loggers = LoggerFactory.Create(b => b.AddProvider(logs));
        var responder = new ActionResponder(Secret);
        await using var emulator = Start(responder, o => o.LoggerFactory = loggers);
        using var client = new AuthKitClient(emulator);

        using var response = await SignUpAsync(client, emulator, email, "Mal", "Lory");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("Enter a valid email address.", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty(responder.Received);
        Assert.Equal(0, (await UserCreatedEventsAsync(client)).GetArrayLength());
        Assert.Contains(logs.Entries, e => e.EventId.Id == 2056);
    }

    [Fact]
    public async Task A_taken_email_is_shown_on_the_page_with_422_whatever_its_case_and_asks_no_action()
    {
        var logs = new TestLogSink();
        using var loggers = LoggerFactory.Create(b => b.AddProvider(logs));
        var responder = new ActionResponder(Secret);
        await using var emulator = Start(responder, o => o.LoggerFactory = loggers);
        using var client = new AuthKitClient(emulator);

        using var response = await SignUpAsync(client, emulator, "Alice@Acme.com", "Alice", "Again");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var page = await response.Content.ReadAsStringAsync();
        Assert.Contains("An account with this email already exists.", page, StringComparison.Ordinal);
        Assert.Contains("value=\"Alice@Acme.com\"", page, StringComparison.Ordinal);
        Assert.Empty(responder.Received);
        Assert.Equal(0, (await UserCreatedEventsAsync(client)).GetArrayLength());
        Assert.Contains(logs.Entries, e => e.EventId.Id == 2057);
    }

    [Fact]
    public async Task A_sign_up_posted_with_an_unregistered_redirect_uri_is_refused_before_any_user_is_created_or_action_asked()
    {
        var responder = new ActionResponder(Secret);
        await using var emulator = Start(responder);
        using var client = new AuthKitClient(emulator);
        var page = await client.Http.GetStringAsync(AuthKitClient.AuthorizeUrl(emulator, new Dictionary<string, string?> { ["screen_hint"] = "sign-up" }));
        var form = SignUpFormFields(page);
        form["redirect_uri"] = "https://attacker.example/callback";
        form["email"] = "newcomer@acme.com";
        form["action"] = "sign_up";

        using var response = await client.Http.PostAsync("/user_management/authorize/complete", new FormUrlEncodedContent(form));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(response.Headers.Location);
        Assert.Empty(responder.Received);
        Assert.Equal(0, (await UserCreatedEventsAsync(client)).GetArrayLength());
    }

    [Fact]
    public async Task A_sign_up_posts_the_signed_registration_context_and_an_allow_creates_the_user_then_asks_the_authentication_action()
    {
        var clock = TestClock.StartingNow();
        var responder = new ActionResponder(Secret, r => Task.FromResult(ActionResponder.Signed(Secret, Now(r), "Allow",
            responseObject: r.Json.GetProperty("object").GetString() == "user_registration_action_context"
                ? "user_registration_action_response"
                : "authentication_action_response")));
        using var http = responder.CreateClient();
        await using var emulator = WorkOSEmulator.CreateInProcess(o =>
        {
            o.TimeProvider = clock;
            o.ActionHttpClient = http;
        });
        emulator.SetUserRegistrationAction(ActionUrl, Secret);
        emulator.SetAuthenticationAction("https://app.example/actions/authentication", Secret);
        using var client = new AuthKitClient(emulator);
        client.Http.DefaultRequestHeaders.UserAgent.ParseAdd("AcmeBrowser/1.0");

        using var response = await SignUpAsync(client, emulator, "newcomer@acme.com", "New", "Comer", extra: new() { ["invitation_token"] = "inv_token_01" });

        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        Assert.True(AuthKitClient.RedirectQuery(response).ContainsKey("code"));
        var received = responder.Received.ToArray();
        Assert.Equal(2, received.Length);
        Assert.Equal(ActionUrl, received[0].Url.AbsoluteUri);
        Assert.Equal(clock.GetUtcNow().ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture), received[0].SignedTimestamp(Secret));
        var context = received[0].Json;
        Assert.Equal("user_registration_action_context", context.GetProperty("object").GetString());
        Assert.StartsWith("action_context_", context.GetProperty("id").GetString());
        var data = context.GetProperty("user_data");
        Assert.Equal("user_data", data.GetProperty("object").GetString());
        Assert.Equal("newcomer@acme.com", data.GetProperty("email").GetString());
        Assert.Equal("New", data.GetProperty("first_name").GetString());
        Assert.Equal("Comer", data.GetProperty("last_name").GetString());
        Assert.Equal(JsonValueKind.Null, context.GetProperty("invitation").ValueKind);
        Assert.Equal("Password", context.GetProperty("authentication_method").GetString());
        Assert.Equal("AcmeBrowser/1.0", context.GetProperty("user_agent").GetString());
        Assert.True(context.TryGetProperty("ip_address", out _));
        Assert.True(context.TryGetProperty("device_fingerprint", out _));
        var createdId = Assert.Single((await UserCreatedEventsAsync(client)).EnumerateArray()).GetProperty("data").GetProperty("id").GetString();
        Assert.Equal(createdId, received[1].Json.GetProperty("user").GetProperty("id").GetString());
        Assert.Collection(
            emulator.ActionCalls,
            r => Assert.True(r is { Kind: "user_registration", UserId: "newcomer@acme.com", Allowed: true, Problem: null, StatusCode: 200 }),
            a => Assert.True(a is { Kind: "authentication", Allowed: true } && a.UserId == createdId));
    }

    [Fact]
    public async Task A_deny_shows_the_actions_message_on_the_sign_up_page_and_creates_no_user()
    {
        var logs = new TestLogSink();
        using var loggers = LoggerFactory.Create(b => b.AddProvider(logs));
        var responder = new ActionResponder(Secret, r => Task.FromResult(
            ActionResponder.Signed(Secret, Now(r), "Deny", "Sign-ups from <globex> are closed.", "user_registration_action_response")));
        await using var emulator = Start(responder, o => o.LoggerFactory = loggers);
        using var client = new AuthKitClient(emulator);

        using var response = await SignUpAsync(client, emulator, "carol.new@globex.com", "Carol", "New");
        using var signIn = await client.Http.GetAsync(AuthKitClient.AuthorizeUrl(emulator, new Dictionary<string, string?> { ["login_hint"] = "carol.new@globex.com" }));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Null(response.Headers.Location);
        var page = await response.Content.ReadAsStringAsync();
        Assert.Contains("Sign-ups from &lt;globex&gt; are closed.", page, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"sign-up-form\"", page, StringComparison.Ordinal);
        Assert.Equal(0, (await UserCreatedEventsAsync(client)).GetArrayLength());
        Assert.Equal(HttpStatusCode.OK, signIn.StatusCode);
        Assert.DoesNotContain("data-testid=\"user-carol.new@globex.com\"", await signIn.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var call = Assert.Single(emulator.ActionCalls);
        Assert.Equal("user_registration", call.Kind);
        Assert.False(call.Allowed);
        Assert.Null(call.Problem);
        Assert.Equal("Sign-ups from <globex> are closed.", call.ErrorMessage);
        Assert.Contains(logs.Entries, e => e.EventId.Id == 2059);
    }

    [Theory]
    [InlineData("wrong secret")]
    [InlineData("authentication object")]
    [InlineData("unreachable")]
    public async Task An_invalid_or_missing_answer_denies_the_sign_up_with_a_generic_message_and_creates_no_user(string fault)
    {
        var responder = new ActionResponder(Secret, r => fault switch
        {
            "wrong secret" => Task.FromResult(ActionResponder.Signed("another_secret", Now(r), "Allow", responseObject: "user_registration_action_response")),
            "authentication object" => Task.FromResult(ActionResponder.Signed(Secret, Now(r), "Allow")),
            _ => throw new HttpRequestException("Connection refused."),
        });
        await using var emulator = Start(responder);
        using var client = new AuthKitClient(emulator);

        using var response = await SignUpAsync(client, emulator, "newcomer@acme.com", "New", "Comer");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("Your sign-up could not be completed.", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(0, (await UserCreatedEventsAsync(client)).GetArrayLength());
        var call = Assert.Single(emulator.ActionCalls);
        Assert.False(call.Allowed);
        Assert.NotNull(call.Problem);
    }

    [Fact]
    public async Task A_registration_action_that_does_not_answer_within_the_timeout_denies_the_sign_up()
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
        emulator.SetUserRegistrationAction(ActionUrl, Secret);
        using var client = new AuthKitClient(emulator);

        var pending = SignUpAsync(client, emulator, "newcomer@acme.com", "New", "Comer");
        await responder.FirstArrived.Task.WaitAsync(TimeSpan.FromSeconds(30));
        clock.Advance(TimeSpan.FromSeconds(4));
        using var response = await pending.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("no answer within 4 s", Assert.Single(emulator.ActionCalls).Problem, StringComparison.Ordinal);
        Assert.Equal(0, (await UserCreatedEventsAsync(client)).GetArrayLength());
    }

    [Fact]
    public async Task An_authentication_action_alone_is_not_asked_about_the_sign_up_but_about_the_sign_in_that_follows()
    {
        var responder = new ActionResponder(Secret, r => Task.FromResult(ActionResponder.Signed(Secret, Now(r), "Deny", "No new faces today.")));
        using var http = responder.CreateClient();
        await using var emulator = WorkOSEmulator.CreateInProcess(o => o.ActionHttpClient = http);
        emulator.SetAuthenticationAction(ActionUrl, Secret);
        using var client = new AuthKitClient(emulator);

        using var response = await SignUpAsync(client, emulator, "newcomer@acme.com", "New", "Comer");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("No new faces today.", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var call = Assert.Single(emulator.ActionCalls);
        Assert.Equal("authentication", call.Kind);
        Assert.Equal("authentication_action_context", Assert.Single(responder.Received).Json.GetProperty("object").GetString());
    }

    [Fact]
    public async Task A_json_seed_names_the_user_registration_action_and_sign_up_asks_it()
    {
        var responder = new ActionResponder(Secret, r => Task.FromResult(
            ActionResponder.Signed(Secret, Now(r), "Deny", "From the JSON seed.", "user_registration_action_response")));
        using var http = responder.CreateClient();
        var seed = EmulatorSeed.FromJson($$"""
            {
              "users": [{ "id": "user_dana", "email": "dana@acme.com" }],
              "user_registration_action": { "url": "{{ActionUrl}}", "secret": "{{Secret}}" },
            }
            """);
        await using var emulator = WorkOSEmulator.CreateInProcess(o =>
        {
            o.Seed = seed;
            o.ActionHttpClient = http;
        });
        using var client = new AuthKitClient(emulator);

        using var response = await SignUpAsync(client, emulator, "newcomer@acme.com", null, null);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("From the JSON seed.", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var data = Assert.Single(responder.Received).Json.GetProperty("user_data");
        Assert.Equal(JsonValueKind.Null, data.GetProperty("first_name").ValueKind);
    }

    [Fact]
    public void An_invalid_user_registration_action_in_the_seed_stops_the_emulator_from_starting()
    {
        var seed = EmulatorSeed.CreateDefault();
        seed.UserRegistrationAction = new SeedActionEndpoint { Url = "ftp://localhost/actions", Secret = Secret };

        var error = Assert.Throws<InvalidOperationException>(() => WorkOSEmulator.CreateInProcess(o => o.Seed = seed));

        Assert.Contains("Invalid emulator seed", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_control_api_sets_the_user_registration_action_and_lists_its_calls_with_their_kind()
    {
        var responder = new ActionResponder(Secret, r => Task.FromResult(
            ActionResponder.Signed(Secret, Now(r), "Deny", "Nope.", "user_registration_action_response")));
        using var http = responder.CreateClient();
        await using var emulator = await WorkOSEmulator.StartAsync(o =>
        {
            o.EnableControlApi = true;
            o.ActionHttpClient = http;
        });
        using var client = new AuthKitClient(emulator);

        using var set = await client.Http.PutAsJsonAsync("/_emulator/actions/user_registration", new { url = ActionUrl, secret = Secret });
        using var signUp = await SignUpAsync(client, emulator, "newcomer@acme.com", "New", "Comer");
        using var list = await client.Http.GetAsync("/_emulator/action_calls");
        var listed = await AuthKitClient.ReadJsonAsync(list);

        Assert.True(set.IsSuccessStatusCode, $"set answered {set.StatusCode}");
        Assert.Equal(HttpStatusCode.Forbidden, signUp.StatusCode);
        var entry = Assert.Single(listed.GetProperty("data").EnumerateArray());
        Assert.Equal("user_registration", entry.GetProperty("kind").GetString());
        Assert.Equal("newcomer@acme.com", entry.GetProperty("user_id").GetString());
        Assert.Equal("Nope.", entry.GetProperty("error_message").GetString());
    }

    [Theory]
    [InlineData("""{"url":"ftp://localhost/actions","secret":"s"}""", null)]
    [InlineData("""{"url":"http://localhost/actions","secret":""}""", null)]
    [InlineData("""{"url":"http://attacker.example/collect","secret":"s"}""", "attacker.example")]
    public async Task The_control_api_refuses_an_invalid_or_foreign_user_registration_action_and_sign_up_calls_nothing(string body, string? host)
    {
        var responder = new ActionResponder(Secret);
        using var http = responder.CreateClient();
        await using var emulator = await WorkOSEmulator.StartAsync(o =>
        {
            o.EnableControlApi = true;
            o.ActionHttpClient = http;
        });
        using var client = new AuthKitClient(emulator);
        using var request = new HttpRequestMessage(HttpMethod.Put, "/_emulator/actions/user_registration")
        {
            Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json"),
        };
        if (host is not null)
        {
            request.Headers.Host = host;
        }

        using var set = await client.Http.SendAsync(request);
        using var signUp = await SignUpAsync(client, emulator, "newcomer@acme.com", "New", "Comer");

        Assert.Equal(host is null ? HttpStatusCode.UnprocessableEntity : HttpStatusCode.Forbidden, set.StatusCode);
        Assert.Equal(HttpStatusCode.Found, signUp.StatusCode);
        Assert.Empty(responder.Received);
    }

    private static WorkOSEmulator Start(ActionResponder responder, Action<WorkOSEmulatorOptions>? configure = null)
    {
        var http = responder.CreateClient();
        var emulator = WorkOSEmulator.CreateInProcess(o =>
        {
            o.ActionHttpClient = http;
            configure?.Invoke(o);
        });
        emulator.SetUserRegistrationAction(ActionUrl, Secret);
        return emulator;
    }

    /// <summary>Opens the sign-up screen and submits its form as a browser does, with the fields typed in.</summary>
    private static async Task<HttpResponseMessage> SignUpAsync(AuthKitClient client, WorkOSEmulator emulator, string email, string? firstName, string? lastName,
        string? challenge = null, Dictionary<string, string?>? extra = null)
    {
        var query = new Dictionary<string, string?>(extra ?? []) { ["screen_hint"] = "sign-up", ["state"] = "s" };
        var page = await client.Http.GetStringAsync(AuthKitClient.AuthorizeUrl(emulator, query, challenge));
        var form = SignUpFormFields(page);
        form["email"] = email;
        form["first_name"] = firstName ?? "";
        form["last_name"] = lastName ?? "";
        form["action"] = "sign_up";
        return await client.Http.PostAsync(SignUpFormAction().Match(page).Groups["action"].Value, new FormUrlEncodedContent(form));
    }

    private static async Task<JsonElement> UserCreatedEventsAsync(AuthKitClient client)
    {
        using var response = await client.SendWithApiKeyAsync(HttpMethod.Get, "/events?events=user.created");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await AuthKitClient.ReadJsonAsync(response)).GetProperty("data");
    }

    /// <summary>The hidden fields of the page's sign-up form.</summary>
    internal static Dictionary<string, string> SignUpFormFields(string html)
    {
        var start = html.IndexOf("data-testid=\"sign-up-form\"", StringComparison.Ordinal);
        Assert.True(start >= 0, "The page has no sign-up form.");
        var form = html[start..html.IndexOf("</form>", start, StringComparison.Ordinal)];
        return HiddenInput().Matches(form).ToDictionary(
            m => WebUtility.HtmlDecode(m.Groups["name"].Value),
            m => WebUtility.HtmlDecode(m.Groups["value"].Value));
    }

    private static long Now(ReceivedAction request) => long.Parse(request.SignedTimestamp(Secret), System.Globalization.CultureInfo.InvariantCulture);

    [GeneratedRegex("<input type=\"hidden\" name=\"(?<name>[^\"]*)\" value=\"(?<value>[^\"]*)\">")]
    private static partial Regex HiddenInput();

    [GeneratedRegex("<form method=\"post\" action=\"(?<action>[^\"]*)\" data-testid=\"sign-up-form\">")]
    private static partial Regex SignUpFormAction();

    [GeneratedRegex("<a href=\"(?<href>[^\"]*)\" data-testid=\"create-account\">")]
    private static partial Regex CreateAccountLink();
}
