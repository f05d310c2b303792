using System.Net;
using WorkOS.AspNetCore.Emulator;
using WorkOS.AspNetCore.Testing;
using WorkOS.AspNetCore.Tests.Infrastructure;

namespace WorkOS.AspNetCore.Tests.Emulator;

public sealed class MagicLinkTests
{
    private static async Task<System.Text.Json.JsonElement> CreateSessionAsync(AuthKitClient api, object body)
    {
        using var response = await api.SendWithApiKeyAsync(HttpMethod.Post, "/passwordless/sessions", body);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await AuthKitClient.ReadJsonAsync(response);
    }

    [Theory]
    [MemberData(nameof(Emulators.Modes), MemberType = typeof(Emulators))]
    public async Task Sent_link_lands_in_the_outbox_and_signs_in_once_with_a_magic_link_profile(EmulatorMode mode)
    {
        await using var emulator = await Emulators.StartAsync(mode);
        using var api = new AuthKitClient(emulator);
        using var sso = new SsoClient(emulator);

        var session = await CreateSessionAsync(api, new { email = "bob@acme.com", type = "MagicLink", redirect_uri = AuthKitClient.RedirectUri, state = "ml-state" });
        Assert.Empty(emulator.Outbox);
        using var sent = await api.SendWithApiKeyAsync(HttpMethod.Post, $"/passwordless/sessions/{session.GetProperty("id").GetString()}/send");
        var email = Assert.Single(emulator.Outbox);
        using var landing = await sso.Http.GetAsync(new Uri(email.Link).PathAndQuery);
        using var reuse = await sso.Http.GetAsync(new Uri(email.Link).PathAndQuery);
        var query = AuthKitClient.RedirectQuery(landing);
        using var token = await sso.TokenAsync(query["code"]!);

        Assert.Equal("passwordless_session", session.GetProperty("object").GetString());
        Assert.StartsWith("passwordless_session_", session.GetProperty("id").GetString(), StringComparison.Ordinal);
        Assert.Equal("bob@acme.com", session.GetProperty("email").GetString());
        Assert.Equal(session.GetProperty("link").GetString(), email.Link);
        Assert.Equal(HttpStatusCode.OK, sent.StatusCode);
        Assert.True((await AuthKitClient.ReadJsonAsync(sent)).GetProperty("success").GetBoolean());
        Assert.Equal(("bob@acme.com", session.GetProperty("id").GetString()), (email.To, email.PasswordlessSessionId));
        Assert.Equal("ml-state", query["state"]);
        Assert.Equal(HttpStatusCode.BadRequest, reuse.StatusCode);
        Assert.Equal(HttpStatusCode.OK, token.StatusCode);
        var profile = (await AuthKitClient.ReadJsonAsync(token)).GetProperty("profile");
        Assert.Equal(("MagicLink", "bob@acme.com", "Bob"),
            (profile.GetProperty("connection_type").GetString(), profile.GetProperty("email").GetString(), profile.GetProperty("first_name").GetString()));
    }

    [Fact]
    public async Task Link_of_an_unknown_email_signs_in_a_profile_with_just_the_email_and_uses_the_registered_redirect_uri()
    {
        await using var emulator = WorkOSEmulator.CreateInProcess(o => o.RedirectUris.Add(AuthKitClient.RedirectUri));
        using var api = new AuthKitClient(emulator);
        using var sso = new SsoClient(emulator);
        var session = await CreateSessionAsync(api, new { email = "new@example.com", type = "MagicLink" });

        using var landing = await sso.Http.GetAsync(new Uri(session.GetProperty("link").GetString()!).PathAndQuery);
        using var token = await sso.TokenAsync(AuthKitClient.RedirectQuery(landing)["code"]!);

        var profile = (await AuthKitClient.ReadJsonAsync(token)).GetProperty("profile");
        Assert.Equal("new@example.com", profile.GetProperty("email").GetString());
        Assert.StartsWith("prof_", profile.GetProperty("id").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Link_expires_after_expires_in_on_the_emulator_clock()
    {
        var clock = TestClock.StartingNow();
        await using var emulator = WorkOSEmulator.CreateInProcess(o => o.TimeProvider = clock);
        using var api = new AuthKitClient(emulator);
        using var sso = new SsoClient(emulator);
        var fresh = await CreateSessionAsync(api, new { email = "bob@acme.com", type = "MagicLink", redirect_uri = AuthKitClient.RedirectUri, expires_in = 300 });
        var stale = await CreateSessionAsync(api, new { email = "bob@acme.com", type = "MagicLink", redirect_uri = AuthKitClient.RedirectUri, expires_in = 300 });
        clock.Advance(TimeSpan.FromMinutes(4));
        using var inTime = await sso.Http.GetAsync(new Uri(fresh.GetProperty("link").GetString()!).PathAndQuery);

        clock.Advance(TimeSpan.FromMinutes(2));
        using var late = await sso.Http.GetAsync(new Uri(stale.GetProperty("link").GetString()!).PathAndQuery);

        Assert.True(AuthKitClient.RedirectQuery(inTime).ContainsKey("code"));
        Assert.Equal(HttpStatusCode.BadRequest, late.StatusCode);
        Assert.Null(late.Headers.Location);
    }

    [Theory]
    [InlineData("{\"email\":\"bob@acme.com\",\"type\":\"MagicLink\",\"redirect_uri\":\"https://evil.example/cb\"}")]
    [InlineData("{\"email\":\"bob@acme.com\",\"type\":\"MagicAuth\"}")]
    [InlineData("{\"type\":\"MagicLink\"}")]
    [InlineData("{\"email\":\"bob@acme.com\",\"type\":\"MagicLink\",\"expires_in\":\"soon\"}")]
    public async Task Bad_session_requests_are_refused_with_422(string json)
    {
        await using var emulator = WorkOSEmulator.CreateInProcess();
        using var http = emulator.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/passwordless/sessions")
        {
            Headers = { Authorization = new("Bearer", emulator.ApiKey) },
            Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json"),
        };

        using var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("invalid_request_parameters", (await AuthKitClient.ReadJsonAsync(response)).GetProperty("code").GetString());
    }

    [Fact]
    public async Task Sessions_need_the_api_key_and_sending_an_unknown_session_is_not_found()
    {
        await using var emulator = WorkOSEmulator.CreateInProcess();
        using var api = new AuthKitClient(emulator);

        using var noKey = await api.SendWithApiKeyAsync(HttpMethod.Post, "/passwordless/sessions", new { email = "bob@acme.com", type = "MagicLink" }, apiKey: null);
        using var unknown = await api.SendWithApiKeyAsync(HttpMethod.Post, "/passwordless/sessions/passwordless_session_nope/send");

        Assert.Equal(HttpStatusCode.Unauthorized, noKey.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Empty(emulator.Outbox);
    }

    [Fact]
    public async Task Outbox_page_and_control_api_show_the_sent_link()
    {
        await using var host = await ControlApiHost.StartAsync();
        var emulator = host.Emulator;
        var session = await CreateSessionAsync(host.Client, new { email = "carol@globex.com", type = "MagicLink", redirect_uri = AuthKitClient.RedirectUri });
        using var sent = await host.Client.SendWithApiKeyAsync(HttpMethod.Post, $"/passwordless/sessions/{session.GetProperty("id").GetString()}/send");

        var page = await host.Http.GetStringAsync("/passwordless/outbox");
        var listed = await AuthKitClient.ReadJsonAsync(await host.Http.GetAsync("/_emulator/outbox"));
        using var cleared = await host.Http.DeleteAsync("/_emulator/outbox");

        var link = session.GetProperty("link").GetString()!;
        Assert.Contains($"href=\"{link}\"", page, StringComparison.Ordinal);
        var entry = Assert.Single(listed.GetProperty("data").EnumerateArray());
        Assert.Equal((link, "carol@globex.com"), (entry.GetProperty("link").GetString(), entry.GetProperty("to").GetString()));
        Assert.True(cleared.IsSuccessStatusCode);
        Assert.Empty(emulator.Outbox);
    }
}
