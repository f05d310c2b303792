using System.Net;
using System.Text.RegularExpressions;
using WorkOS.AspNetCore.Emulator;
using WorkOS.AspNetCore.Testing;

namespace WorkOS.AspNetCore.Tests.Emulator;

public sealed partial class AuthorizeTests
{
    [Theory]
    [MemberData(nameof(Emulators.Modes), MemberType = typeof(Emulators))]
    public async Task Login_hint_of_a_seeded_user_redirects_straight_back_with_a_code_and_the_state(EmulatorMode mode)
    {
        await using var emulator = await Emulators.StartAsync(mode);
        using var client = new AuthKitClient(emulator);

        using var response = await client.Http.GetAsync(AuthKitClient.AuthorizeUrl(emulator, new Dictionary<string, string?>
        {
            ["login_hint"] = "alice@acme.com",
            ["state"] = "opaque state/with+chars=",
        }));

        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        var query = AuthKitClient.RedirectQuery(response);
        Assert.False(string.IsNullOrEmpty(query["code"]));
        Assert.Equal("opaque state/with+chars=", query["state"]);
        Assert.False(query.ContainsKey("error"));
    }

    [Fact]
    public async Task State_is_omitted_from_the_redirect_when_none_was_sent()
    {
        await using var emulator = WorkOSEmulator.CreateInProcess();
        using var client = new AuthKitClient(emulator);

        using var response = await client.Http.GetAsync(AuthKitClient.AuthorizeUrl(emulator, new Dictionary<string, string?> { ["login_hint"] = "bob@acme.com" }));

        var query = AuthKitClient.RedirectQuery(response);
        Assert.True(query.ContainsKey("code"));
        Assert.False(query.ContainsKey("state"));
    }

    [Theory]
    [MemberData(nameof(Emulators.Modes), MemberType = typeof(Emulators))]
    public async Task Sign_in_page_lists_every_seeded_user_with_stable_test_ids(EmulatorMode mode)
    {
        await using var emulator = await Emulators.StartAsync(mode);
        using var client = new AuthKitClient(emulator);

        using var response = await client.Http.GetAsync(AuthKitClient.AuthorizeUrl(emulator, new Dictionary<string, string?> { ["state"] = "xyz" }));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("<h1>Sign in</h1>", html, StringComparison.Ordinal);
        foreach (var email in new[] { "alice@acme.com", "bob@acme.com", "carol@globex.com" })
        {
            Assert.Contains($"data-testid=\"user-{email}\"", html, StringComparison.Ordinal);
            Assert.Contains($">{email}<", html, StringComparison.Ordinal);
        }

        Assert.Contains("data-testid=\"cancel\"", html, StringComparison.Ordinal);
        Assert.Equal("xyz", HiddenFields(html)["state"]);
    }

    [Fact]
    public async Task Sign_in_page_for_an_organization_lists_only_its_members()
    {
        await using var emulator = WorkOSEmulator.CreateInProcess();
        using var client = new AuthKitClient(emulator);

        var html = await client.Http.GetStringAsync(AuthKitClient.AuthorizeUrl(emulator, new Dictionary<string, string?> { ["organization_id"] = "org_globex" }));

        Assert.Contains("data-testid=\"user-alice@acme.com\"", html, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"user-carol@globex.com\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("data-testid=\"user-bob@acme.com\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sign_up_screen_hint_changes_the_page_title()
    {
        await using var emulator = WorkOSEmulator.CreateInProcess();
        using var client = new AuthKitClient(emulator);

        var html = await client.Http.GetStringAsync(AuthKitClient.AuthorizeUrl(emulator, new Dictionary<string, string?> { ["screen_hint"] = "sign-up" }));

        Assert.Contains("<h1>Create your account</h1>", html, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"user-alice@acme.com\"", html, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Emulators.Modes), MemberType = typeof(Emulators))]
    public async Task Choosing_a_user_on_the_page_redirects_back_with_a_code_for_that_user(EmulatorMode mode)
    {
        await using var emulator = await Emulators.StartAsync(mode);
        using var client = new AuthKitClient(emulator);
        var pkce = Pkce.Create();
        var html = await client.Http.GetStringAsync(AuthKitClient.AuthorizeUrl(emulator, new Dictionary<string, string?> { ["state"] = "st" }, pkce.Challenge));

        var form = HiddenFields(html);
        form["user_id"] = "user_bob";
        using var response = await client.Http.PostAsync("/user_management/authorize/complete", new FormUrlEncodedContent(form));

        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        var query = AuthKitClient.RedirectQuery(response);
        Assert.Equal("st", query["state"]);
        using var exchange = await client.ExchangeAsync(query["code"]!, pkce.Verifier);
        var body = await AuthKitClient.ReadJsonAsync(exchange);
        Assert.Equal("user_bob", body.GetProperty("user").GetProperty("id").GetString());
        Assert.Equal("org_acme", body.GetProperty("organization_id").GetString());
    }

    [Theory]
    [MemberData(nameof(Emulators.Modes), MemberType = typeof(Emulators))]
    public async Task Cancel_on_the_page_redirects_back_with_access_denied_and_the_state(EmulatorMode mode)
    {
        await using var emulator = await Emulators.StartAsync(mode);
        using var client = new AuthKitClient(emulator);
        var html = await client.Http.GetStringAsync(AuthKitClient.AuthorizeUrl(emulator, new Dictionary<string, string?> { ["state"] = "keep-me" }));

        var form = HiddenFields(html);
        form["action"] = "cancel";
        using var response = await client.Http.PostAsync("/user_management/authorize/complete", new FormUrlEncodedContent(form));

        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        var query = AuthKitClient.RedirectQuery(response);
        Assert.Equal("access_denied", query["error"]);
        Assert.False(string.IsNullOrEmpty(query["error_description"]));
        Assert.Equal("keep-me", query["state"]);
        Assert.False(query.ContainsKey("code"));
    }

    [Theory]
    [MemberData(nameof(Emulators.Modes), MemberType = typeof(Emulators))]
    public async Task Unknown_client_id_gets_a_400_page_and_no_redirect(EmulatorMode mode)
    {
        await using var emulator = await Emulators.StartAsync(mode);
        using var client = new AuthKitClient(emulator);

        using var response = await client.Http.GetAsync(AuthKitClient.AuthorizeUrl(emulator, new Dictionary<string, string?> { ["client_id"] = "client_other" }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(response.Headers.Location);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("client_other", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https://evil.example.com/callback")]
    [InlineData("ftp://localhost/callback")]
    [InlineData("not a uri")]
    public async Task Redirect_uri_off_loopback_gets_a_400_page_and_no_redirect_when_none_are_registered(string redirectUri)
    {
        await using var emulator = WorkOSEmulator.CreateInProcess();
        using var client = new AuthKitClient(emulator);

        using var response = await client.Http.GetAsync(AuthKitClient.AuthorizeUrl(emulator, new Dictionary<string, string?>
        {
            ["redirect_uri"] = redirectUri,
            ["login_hint"] = "alice@acme.com",
        }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(response.Headers.Location);
    }

    [Fact]
    public async Task Only_registered_redirect_uris_are_accepted_once_some_are_registered()
    {
        await using var emulator = WorkOSEmulator.CreateInProcess(o => o.RedirectUris.Add("https://app.example.com/callback"));
        using var client = new AuthKitClient(emulator);

        using var loopback = await client.Http.GetAsync(AuthKitClient.AuthorizeUrl(emulator, new Dictionary<string, string?> { ["login_hint"] = "alice@acme.com" }));
        using var registered = await client.Http.GetAsync(AuthKitClient.AuthorizeUrl(emulator, new Dictionary<string, string?>
        {
            ["login_hint"] = "alice@acme.com",
            ["redirect_uri"] = "https://app.example.com/callback",
        }));

        Assert.Equal(HttpStatusCode.BadRequest, loopback.StatusCode);
        Assert.Equal(HttpStatusCode.Found, registered.StatusCode);
        Assert.StartsWith("https://app.example.com/callback?code=", registered.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("provider", null, "invalid_connection_selector")]
    [InlineData("provider", "GoogleOAuth", "invalid_connection_selector")]
    [InlineData("response_type", "token", "invalid_request")]
    [InlineData("code_challenge_method", "plain", "invalid_request")]
    [InlineData("organization_id", "org_missing", "organization_invalid")]
    [InlineData("connection_id", "conn_123", "ambiguous_connection_selector")]
    public async Task Invalid_parameters_redirect_back_with_a_WorkOS_error_and_the_state(string parameter, string? value, string error)
    {
        await using var emulator = WorkOSEmulator.CreateInProcess();
        using var client = new AuthKitClient(emulator);
        var extra = new Dictionary<string, string?> { ["state"] = "s1", ["login_hint"] = "alice@acme.com", [parameter] = value };

        using var response = await client.Http.GetAsync(AuthKitClient.AuthorizeUrl(emulator, extra, Pkce.Create().Challenge));

        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        var query = AuthKitClient.RedirectQuery(response);
        Assert.Equal(error, query["error"]);
        Assert.Equal("s1", query["state"]);
        Assert.False(query.ContainsKey("code"));
    }

    [Fact]
    public async Task Organization_the_user_is_not_a_member_of_redirects_with_organization_invalid()
    {
        await using var emulator = WorkOSEmulator.CreateInProcess();
        using var client = new AuthKitClient(emulator);

        using var response = await client.Http.GetAsync(AuthKitClient.AuthorizeUrl(emulator, new Dictionary<string, string?>
        {
            ["login_hint"] = "carol@globex.com",
            ["organization_id"] = "org_acme",
        }));

        Assert.Equal("organization_invalid", AuthKitClient.RedirectQuery(response)["error"]);
    }

    [Fact]
    public async Task Organization_id_selects_the_session_organization()
    {
        await using var emulator = WorkOSEmulator.CreateInProcess();
        using var client = new AuthKitClient(emulator);

        var body = await client.SignInAsync("alice@acme.com", organizationId: "org_globex");

        Assert.Equal("org_globex", body.GetProperty("organization_id").GetString());
        Assert.Equal("org_globex", Jwt.Payload(body.GetProperty("access_token").GetString()!).GetProperty("org_id").GetString());
    }

    private static Dictionary<string, string> HiddenFields(string html) =>
        HiddenInput().Matches(html).ToDictionary(
            m => WebUtility.HtmlDecode(m.Groups["name"].Value),
            m => WebUtility.HtmlDecode(m.Groups["value"].Value));

    [GeneratedRegex("<input type=\"hidden\" name=\"(?<name>[^\"]*)\" value=\"(?<value>[^\"]*)\">")]
    private static partial Regex HiddenInput();
}
