using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using WorkOS.AspNetCore.Emulator;
using WorkOS.AspNetCore.Testing;
using WorkOS.AspNetCore.Tests.Infrastructure;

namespace WorkOS.AspNetCore.Tests.Emulator;

public sealed class SsoTests
{
    private static Dictionary<string, string?> Connection(string id) => new() { ["connection"] = id };

    [Theory]
    [MemberData(nameof(Emulators.Modes), MemberType = typeof(Emulators))]
    public async Task Connection_selector_signs_in_through_the_profile_page_and_the_token_carries_the_profile(EmulatorMode mode)
    {
        await using var emulator = await Emulators.StartAsync(mode);
        using var client = new SsoClient(emulator);

        var body = await client.SignInAsync(Connection("conn_acme_saml"), "alice@acme.com");

        Assert.False(string.IsNullOrEmpty(body.GetProperty("access_token").GetString()));
        var profile = body.GetProperty("profile");
        Assert.Equal("profile", profile.GetProperty("object").GetString());
        Assert.StartsWith("prof_", profile.GetProperty("id").GetString(), StringComparison.Ordinal);
        Assert.Equal("conn_acme_saml", profile.GetProperty("connection_id").GetString());
        Assert.Equal("OktaSAML", profile.GetProperty("connection_type").GetString());
        Assert.Equal("org_acme", profile.GetProperty("organization_id").GetString());
        Assert.Equal("alice@acme.com", profile.GetProperty("email").GetString());
        Assert.Equal(("Alice", "Admin"), (profile.GetProperty("first_name").GetString(), profile.GetProperty("last_name").GetString()));
        Assert.False(string.IsNullOrEmpty(profile.GetProperty("idp_id").GetString()));
        Assert.Equal("admin", profile.GetProperty("role").GetProperty("slug").GetString());
        Assert.Equal("admin", Assert.Single(profile.GetProperty("roles").EnumerateArray()).GetProperty("slug").GetString());
        Assert.Equal(JsonValueKind.Object, profile.GetProperty("raw_attributes").ValueKind);
    }

    [Fact]
    public async Task The_same_user_keeps_the_same_profile_id_across_sign_ins()
    {
        await using var emulator = WorkOSEmulator.CreateInProcess();
        using var client = new SsoClient(emulator);

        var first = await client.SignInAsync(Connection("conn_acme_saml"), "bob@acme.com");
        var second = await client.SignInAsync(Connection("conn_acme_saml"), "bob@acme.com");

        Assert.Equal(first.GetProperty("profile").GetProperty("id").GetString(), second.GetProperty("profile").GetProperty("id").GetString());
        Assert.Equal(first.GetProperty("profile").GetProperty("idp_id").GetString(), second.GetProperty("profile").GetProperty("idp_id").GetString());
        Assert.NotEqual(first.GetProperty("access_token").GetString(), second.GetProperty("access_token").GetString());
    }

    [Fact]
    public async Task Organization_selector_uses_the_organizations_only_active_connection()
    {
        await using var emulator = WorkOSEmulator.CreateInProcess();
        using var client = new SsoClient(emulator);

        var body = await client.SignInAsync(new() { ["organization"] = "org_globex" }, "carol@globex.com");

        var profile = body.GetProperty("profile");
        Assert.Equal(("conn_globex_oidc", "GenericOIDC", "org_globex"),
            (profile.GetProperty("connection_id").GetString(), profile.GetProperty("connection_type").GetString(), profile.GetProperty("organization_id").GetString()));
        Assert.Equal("viewer", profile.GetProperty("role").GetProperty("slug").GetString());
    }

    [Fact]
    public async Task Provider_selector_signs_in_any_user_without_an_organization()
    {
        await using var emulator = WorkOSEmulator.CreateInProcess();
        using var client = new SsoClient(emulator);

        var body = await client.SignInAsync(new() { ["provider"] = "GoogleOAuth" }, "carol@globex.com");

        var profile = body.GetProperty("profile");
        Assert.Equal("GoogleOAuth", profile.GetProperty("connection_type").GetString());
        Assert.Equal(JsonValueKind.Null, profile.GetProperty("organization_id").ValueKind);
        Assert.False(profile.TryGetProperty("role", out _));
    }

    [Fact]
    public async Task Seeded_profiles_carry_their_groups_roles_and_raw_attributes()
    {
        var seed = EmulatorSeed.CreateDefault().AddConnection(new SeedConnection
        {
            Id = "conn_initech",
            ConnectionType = "GenericSAML",
            OrganizationId = "org_globex",
            Profiles =
            [
                new SeedProfile
                {
                    Id = "prof_peter", Email = "peter@initech.com", FirstName = "Peter", IdpId = "idp-7",
                    Roles = ["member", "viewer"], Groups = ["Engineering"], RawAttributes = new() { ["department"] = "TPS" },
                },
            ],
        });
        await using var emulator = WorkOSEmulator.CreateInProcess(o => o.Seed = seed);
        using var client = new SsoClient(emulator);

        var profile = (await client.SignInAsync(Connection("conn_initech"), "peter@initech.com")).GetProperty("profile");

        Assert.Equal(("prof_peter", "idp-7"), (profile.GetProperty("id").GetString(), profile.GetProperty("idp_id").GetString()));
        Assert.Equal("member", profile.GetProperty("role").GetProperty("slug").GetString());
        Assert.Equal(["member", "viewer"], profile.GetProperty("roles").EnumerateArray().Select(r => r.GetProperty("slug").GetString()));
        Assert.Equal("Engineering", Assert.Single(profile.GetProperty("groups").EnumerateArray()).GetString());
        Assert.Equal("TPS", profile.GetProperty("raw_attributes").GetProperty("department").GetString());
    }

    [Theory]
    [InlineData("connection=conn_acme_saml&organization=org_acme", "ambiguous_connection_selector")]
    [InlineData("connection=conn_acme_saml&provider=GoogleOAuth", "ambiguous_connection_selector")]
    [InlineData("", "invalid_connection_selector")]
    [InlineData("provider=FacebookOAuth", "invalid_connection_selector")]
    [InlineData("connection=conn_nope", "connection_invalid")]
    [InlineData("organization=org_nope", "organization_invalid")]
    [InlineData("connection=conn_acme_saml&domain_hint=globex.com", "connection_domain_invalid")]
    public async Task Bad_selectors_go_back_to_the_redirect_uri_with_the_reference_error_and_the_state(string selector, string error)
    {
        var logs = new TestLogSink();
        await using var emulator = WorkOSEmulator.CreateInProcess(o => o.LoggerFactory = LoggerFactory.Create(b => b.AddProvider(logs)));
        using var client = new SsoClient(emulator);

        using var response = await client.Http.GetAsync(client.AuthorizeUrl([]) + (selector.Length > 0 ? "&" + selector : ""));

        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        var query = AuthKitClient.RedirectQuery(response);
        Assert.Equal(error, query["error"]);
        Assert.False(string.IsNullOrEmpty(query["error_description"]));
        Assert.Equal("st-1", query["state"]);
        Assert.False(query.ContainsKey("code"));
        Assert.Contains(logs.Entries, e => e.EventId.Id == 2061 && e.Message.Contains(error, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Inactive_connection_answers_connection_unlinked_and_active_again_signs_in()
    {
        await using var emulator = WorkOSEmulator.CreateInProcess();
        using var client = new SsoClient(emulator);
        Assert.True(emulator.SetConnectionActive("conn_acme_saml", active: false));

        using var inactive = await client.Http.GetAsync(client.AuthorizeUrl(Connection("conn_acme_saml")));
        using var byOrganization = await client.Http.GetAsync(client.AuthorizeUrl(new() { ["organization"] = "org_acme" }));
        emulator.SetConnectionActive("conn_acme_saml", active: true);
        var body = await client.SignInAsync(Connection("conn_acme_saml"), "bob@acme.com");

        Assert.Equal("connection_unlinked", AuthKitClient.RedirectQuery(inactive)["error"]);
        Assert.Equal("organization_invalid", AuthKitClient.RedirectQuery(byOrganization)["error"]);
        Assert.Equal("bob@acme.com", body.GetProperty("profile").GetProperty("email").GetString());
    }

    [Fact]
    public async Task Organization_with_two_active_connections_is_an_ambiguous_selector()
    {
        await using var emulator = WorkOSEmulator.CreateInProcess();
        emulator.AddConnection(new SeedConnection { ConnectionType = "AzureSAML", OrganizationId = "org_acme" });
        using var client = new SsoClient(emulator);

        using var response = await client.Http.GetAsync(client.AuthorizeUrl(new() { ["organization"] = "org_acme" }));

        Assert.Equal("ambiguous_connection_selector", AuthKitClient.RedirectQuery(response)["error"]);
    }

    [Fact]
    public async Task Profile_with_an_email_outside_the_connection_domains_is_refused()
    {
        await using var emulator = WorkOSEmulator.CreateInProcess();
        using var client = new SsoClient(emulator);

        // Alice is a member of Globex, but her email is at acme.com.
        using var response = await client.PickProfileAsync(Connection("conn_globex_oidc"), "alice@acme.com");

        var query = AuthKitClient.RedirectQuery(response);
        Assert.Equal("profile_not_allowed_outside_organization", query["error"]);
        Assert.False(query.ContainsKey("code"));
    }

    [Fact]
    public async Task Cancel_on_the_page_answers_access_denied()
    {
        await using var emulator = WorkOSEmulator.CreateInProcess();
        using var client = new SsoClient(emulator);
        using var page = await client.Http.GetAsync(client.AuthorizeUrl(Connection("conn_acme_saml")));
        var form = SsoClient.HiddenFields(await page.Content.ReadAsStringAsync());
        form["action"] = "cancel";

        using var response = await client.Http.PostAsync("/sso/authorize/complete", new FormUrlEncodedContent(form));

        var query = AuthKitClient.RedirectQuery(response);
        Assert.Equal(("access_denied", "st-1"), (query["error"], query["state"]));
    }

    [Theory]
    [InlineData("redirect_uri", "https://evil.example/callback")]
    [InlineData("client_id", "client_other")]
    public async Task Unknown_client_or_redirect_uri_gets_a_page_and_no_redirect(string name, string value)
    {
        await using var emulator = WorkOSEmulator.CreateInProcess();
        using var client = new SsoClient(emulator);

        using var response = await client.Http.GetAsync(client.AuthorizeUrl(new() { ["connection"] = "conn_acme_saml", [name] = value }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(response.Headers.Location);
    }

    [Fact]
    public async Task Login_hint_signs_in_directly_unless_prompt_login_asks_for_the_page_and_hints_are_logged()
    {
        await using var emulator = WorkOSEmulator.CreateInProcess();
        using var client = new SsoClient(emulator);

        using var direct = await client.Http.GetAsync(client.AuthorizeUrl(new()
        {
            ["connection"] = "conn_acme_saml", ["login_hint"] = "bob@acme.com", ["domain_hint"] = "acme.com", ["provider_scopes"] = "openid profile",
        }));
        using var prompted = await client.Http.GetAsync(client.AuthorizeUrl(new()
        {
            ["connection"] = "conn_acme_saml", ["login_hint"] = "bob@acme.com", ["prompt"] = "login",
        }));

        Assert.True(AuthKitClient.RedirectQuery(direct).ContainsKey("code"));
        Assert.Equal(HttpStatusCode.OK, prompted.StatusCode);
        Assert.Contains("data-testid=\"profile-bob@acme.com\"", await prompted.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var logged = emulator.Requests.First(r => r.Path == "/sso/authorize");
        Assert.Contains("provider_scopes=openid", logged.Query, StringComparison.Ordinal);
        Assert.Contains("domain_hint=acme.com", logged.Query, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Code_replay_is_rejected_with_invalid_grant()
    {
        await using var emulator = WorkOSEmulator.CreateInProcess();
        using var client = new SsoClient(emulator);
        var code = await client.GetCodeAsync(Connection("conn_acme_saml"), "alice@acme.com");

        using var first = await client.TokenAsync(code);
        using var second = await client.TokenAsync(code);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        await CodeExchangeTests.AssertOAuthErrorAsync(second, HttpStatusCode.BadRequest, "invalid_grant");
    }

    [Fact]
    public async Task Wrong_or_missing_verifier_is_rejected_and_spends_the_code()
    {
        await using var emulator = WorkOSEmulator.CreateInProcess();
        using var client = new SsoClient(emulator);
        var pkce = Pkce.Create();
        var code = await client.GetCodeAsync(Connection("conn_acme_saml"), "alice@acme.com", pkce);
        var other = await client.GetCodeAsync(Connection("conn_acme_saml"), "alice@acme.com", Pkce.Create());

        using var wrong = await client.TokenAsync(code, Pkce.Create().Verifier);
        using var retry = await client.TokenAsync(code, pkce.Verifier);
        using var missing = await client.TokenAsync(other);

        await CodeExchangeTests.AssertOAuthErrorAsync(wrong, HttpStatusCode.BadRequest, "invalid_grant");
        await CodeExchangeTests.AssertOAuthErrorAsync(retry, HttpStatusCode.BadRequest, "invalid_grant");
        await CodeExchangeTests.AssertOAuthErrorAsync(missing, HttpStatusCode.BadRequest, "invalid_grant");
    }

    [Fact]
    public async Task Wrong_client_id_or_secret_is_rejected_with_invalid_client()
    {
        var logs = new TestLogSink();
        await using var emulator = WorkOSEmulator.CreateInProcess(o => o.LoggerFactory = LoggerFactory.Create(b => b.AddProvider(logs)));
        using var client = new SsoClient(emulator);
        var code = await client.GetCodeAsync(Connection("conn_acme_saml"), "alice@acme.com");

        using var wrongClient = await client.TokenAsync(code, clientId: "client_other");
        using var wrongSecret = await client.TokenAsync(code, clientSecret: "sk_test_wrong");
        using var noSecret = await client.TokenAsync(code, clientSecret: null);
        using var right = await client.TokenAsync(code);

        await CodeExchangeTests.AssertOAuthErrorAsync(wrongClient, HttpStatusCode.Unauthorized, "invalid_client");
        await CodeExchangeTests.AssertOAuthErrorAsync(wrongSecret, HttpStatusCode.Unauthorized, "invalid_client");
        await CodeExchangeTests.AssertOAuthErrorAsync(noSecret, HttpStatusCode.Unauthorized, "invalid_client");
        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        Assert.Contains(logs.Entries, e => e.EventId.Id == 2063 && e.Level == LogLevel.Warning);
    }

    [Fact]
    public async Task Code_expires_after_ten_minutes_on_the_emulator_clock()
    {
        var clock = TestClock.StartingNow();
        await using var emulator = WorkOSEmulator.CreateInProcess(o => o.TimeProvider = clock);
        using var client = new SsoClient(emulator);
        var fresh = await client.GetCodeAsync(Connection("conn_acme_saml"), "alice@acme.com");
        clock.Advance(TimeSpan.FromMinutes(9));
        using var beforeExpiry = await client.TokenAsync(fresh);
        var stale = await client.GetCodeAsync(Connection("conn_acme_saml"), "alice@acme.com");

        clock.Advance(TimeSpan.FromMinutes(10) + TimeSpan.FromSeconds(1));
        using var afterExpiry = await client.TokenAsync(stale);

        Assert.Equal(HttpStatusCode.OK, beforeExpiry.StatusCode);
        await CodeExchangeTests.AssertOAuthErrorAsync(afterExpiry, HttpStatusCode.BadRequest, "invalid_grant");
    }

    [Fact]
    public async Task Profile_endpoint_answers_for_the_access_token_only()
    {
        await using var emulator = WorkOSEmulator.CreateInProcess();
        using var client = new SsoClient(emulator);
        var body = await client.SignInAsync(Connection("conn_acme_saml"), "bob@acme.com");

        using var good = new HttpRequestMessage(HttpMethod.Get, "/sso/profile") { Headers = { Authorization = new("Bearer", body.GetProperty("access_token").GetString()) } };
        using var bad = new HttpRequestMessage(HttpMethod.Get, "/sso/profile") { Headers = { Authorization = new("Bearer", "not-a-token") } };
        using var okResponse = await client.Http.SendAsync(good);
        using var refused = await client.Http.SendAsync(bad);

        Assert.Equal(HttpStatusCode.OK, okResponse.StatusCode);
        var profile = await AuthKitClient.ReadJsonAsync(okResponse);
        Assert.Equal(body.GetProperty("profile").GetProperty("id").GetString(), profile.GetProperty("id").GetString());
        Assert.Equal("bob@acme.com", profile.GetProperty("email").GetString());
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
    }

    [Fact]
    public async Task Sso_logout_redirects_to_the_logout_redirect_once_and_ends_the_profiles_access_tokens()
    {
        await using var emulator = WorkOSEmulator.CreateInProcess(o => o.LogoutRedirectUris.Add("http://localhost:5000/signed-out"));
        using var client = new SsoClient(emulator);
        using var api = new AuthKitClient(emulator);
        var body = await client.SignInAsync(Connection("conn_acme_saml"), "bob@acme.com");
        var profileId = body.GetProperty("profile").GetProperty("id").GetString();

        using var unknown = await api.SendWithApiKeyAsync(HttpMethod.Post, "/sso/logout/authorize", new { profile_id = "prof_unknown" });
        using var noKey = await api.SendWithApiKeyAsync(HttpMethod.Post, "/sso/logout/authorize", new { profile_id = profileId }, apiKey: null);
        using var authorized = await api.SendWithApiKeyAsync(HttpMethod.Post, "/sso/logout/authorize", new { profile_id = profileId });
        var logout = await AuthKitClient.ReadJsonAsync(authorized);
        var url = new Uri(logout.GetProperty("logout_url").GetString()!);
        using var first = await client.Http.GetAsync(url.PathAndQuery);
        using var replay = await client.Http.GetAsync(url.PathAndQuery);
        using var profile = new HttpRequestMessage(HttpMethod.Get, "/sso/profile") { Headers = { Authorization = new("Bearer", body.GetProperty("access_token").GetString()) } };
        using var afterLogout = await client.Http.SendAsync(profile);

        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, noKey.StatusCode);
        Assert.Equal(HttpStatusCode.Created, authorized.StatusCode);
        Assert.Equal(logout.GetProperty("logout_token").GetString(), System.Web.HttpUtility.ParseQueryString(url.Query)["token"]);
        Assert.Equal(HttpStatusCode.Found, first.StatusCode);
        Assert.Equal("http://localhost:5000/signed-out", first.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.BadRequest, replay.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, afterLogout.StatusCode);
    }

    [Fact]
    public async Task Connections_can_be_added_and_deactivated_through_the_control_api()
    {
        await using var host = await ControlApiHost.StartAsync();
        var emulator = host.Emulator;
        using var client = new SsoClient(emulator);

        using var created = await client.Http.PostAsync("/_emulator/connections", new StringContent(
            """{"id":"conn_ctl","connection_type":"GenericOIDC","organization_id":"org_acme","domains":["acme.com"]}""", System.Text.Encoding.UTF8, "application/json"));
        Assert.True(created.IsSuccessStatusCode, await created.Content.ReadAsStringAsync());
        emulator.SetConnectionActive("conn_acme_saml", active: false);
        var body = await client.SignInAsync(new() { ["organization"] = "org_acme" }, "alice@acme.com");
        using var deactivated = await client.Http.PutAsync("/_emulator/connections/conn_ctl/state", new StringContent(
            """{"state":"inactive"}""", System.Text.Encoding.UTF8, "application/json"));
        using var after = await client.Http.GetAsync(client.AuthorizeUrl(Connection("conn_ctl")));

        Assert.Equal("conn_ctl", body.GetProperty("profile").GetProperty("connection_id").GetString());
        Assert.True(deactivated.IsSuccessStatusCode);
        Assert.Equal("connection_unlinked", AuthKitClient.RedirectQuery(after)["error"]);
    }

    [Fact]
    public void Seed_connection_of_an_unknown_organization_is_refused()
    {
        var seed = EmulatorSeed.CreateDefault().AddConnection(new SeedConnection { Id = "conn_x", OrganizationId = "org_nope" });

        var error = Assert.Throws<InvalidOperationException>(() => WorkOSEmulator.CreateInProcess(o => o.Seed = seed));

        Assert.Contains("org_nope", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Json_seed_connections_and_profiles_sign_in()
    {
        var seed = EmulatorSeed.FromJson("""
            {
              "organizations": [{ "id": "org_hooli", "name": "Hooli" }],
              "connections": [{
                "id": "conn_hooli", "connection_type": "GenericSAML", "organization_id": "org_hooli", "domains": ["hooli.test"],
                "profiles": [{ "id": "prof_gavin", "email": "gavin@hooli.test", "first_name": "Gavin", "roles": ["admin"], "groups": ["Execs"] }],
              }],
            }
            """);
        await using var emulator = WorkOSEmulator.CreateInProcess(o => o.Seed = seed);
        using var client = new SsoClient(emulator);

        var profile = (await client.SignInAsync(new() { ["organization"] = "org_hooli" }, "gavin@hooli.test")).GetProperty("profile");

        Assert.Equal(("prof_gavin", "conn_hooli", "GenericSAML"),
            (profile.GetProperty("id").GetString(), profile.GetProperty("connection_id").GetString(), profile.GetProperty("connection_type").GetString()));
        Assert.Equal("Execs", Assert.Single(profile.GetProperty("groups").EnumerateArray()).GetString());
    }

    [Fact]
    public async Task Forged_profile_id_on_the_page_post_issues_no_code()
    {
        await using var emulator = WorkOSEmulator.CreateInProcess();
        using var client = new SsoClient(emulator);
        using var page = await client.Http.GetAsync(client.AuthorizeUrl(Connection("conn_acme_saml")));
        var form = SsoClient.HiddenFields(await page.Content.ReadAsStringAsync());
        form["profile_id"] = "prof_of_another_connection";

        using var response = await client.Http.PostAsync("/sso/authorize/complete", new FormUrlEncodedContent(form));

        var query = AuthKitClient.RedirectQuery(response);
        Assert.Equal("server_error", query["error"]);
        Assert.False(query.ContainsKey("code"));
    }

    [Fact]
    public async Task Page_post_with_a_changed_redirect_uri_is_refused_with_a_page()
    {
        await using var emulator = WorkOSEmulator.CreateInProcess();
        using var client = new SsoClient(emulator);
        using var page = await client.Http.GetAsync(client.AuthorizeUrl(Connection("conn_acme_saml")));
        var html = await page.Content.ReadAsStringAsync();
        var form = SsoClient.HiddenFields(html);
        form["redirect_uri"] = "https://evil.example/callback";
        form["profile_id"] = SsoClient.ProfileIdOnPage(html, "alice@acme.com");

        using var response = await client.Http.PostAsync("/sso/authorize/complete", new FormUrlEncodedContent(form));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(response.Headers.Location);
    }
}
