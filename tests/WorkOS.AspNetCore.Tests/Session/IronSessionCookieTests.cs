using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using WorkOS.AspNetCore.Authentication;
using WorkOS.AspNetCore.Claims;
using WorkOS.AspNetCore.Session;
using WorkOS.AspNetCore.Testing;
using WorkOS.AspNetCore.Tests.Infrastructure;

namespace WorkOS.AspNetCore.Tests.Session;

/// <summary>
/// The session machinery through the iron session cookie: sign-in writes one iron-sealed <c>wos-session</c>, a session
/// sealed the way authkit-nextjs seals it signs the user in, and refresh, replay grace, sign-out, revocation and
/// organization switch work as with the default format.
/// </summary>
public sealed class IronSessionCookieTests
{
    private const string Password = "iron-session-cookie-password-for-tests-0123456789";
    private const string Cookie = WorkOSAuthKitDefaults.SessionCookieName;
    private static readonly TimeSpan IntoBuffer = TimeSpan.FromMinutes(4) + TimeSpan.FromSeconds(45);

    private static Task<AuthKitTestApp> StartAsync(Action<IServiceCollection>? services = null) =>
        AuthKitTestApp.StartAsync(options =>
        {
            options.SessionCookieFormat = WorkOSSessionCookieFormat.Iron;
            options.CookiePassword = Password;
        }, services: services);

    /// <summary>The session JSON a browser's cookie holds, opened with the shared password.</summary>
    private static JsonObject Open(AuthKitTestApp app, WorkOSTestClient browser) => Open(app, browser.GetCookie(Cookie)!);

    /// <summary>The session JSON the cookie a response set holds.</summary>
    private static JsonObject Open(AuthKitTestApp app, HttpResponseMessage response)
    {
        var cookie = Assert.Single(response.SetCookies(), c => c.StartsWith(Cookie + "=", StringComparison.Ordinal));
        return Open(app, cookie[(Cookie.Length + 1)..cookie.IndexOf(';')]);
    }

    private static JsonObject Open(AuthKitTestApp app, string cookieValue)
    {
        var seal = Uri.UnescapeDataString(cookieValue);
        var opened = IronSeal.Unseal(seal, IronPasswordSet.From(Password, new Dictionary<string, string>())!, app.Clock.GetUtcNow(), 4096);
        Assert.Equal(IronUnsealStatus.Opened, opened.Status);
        return JsonNode.Parse(opened.Payload)!.AsObject();
    }

    /// <summary>Signs in, and checks the session went into an iron cookie, so what the test does next goes through it.</summary>
    private static async Task SignInAsync(AuthKitTestApp app, WorkOSTestClient browser, string email)
    {
        await browser.SignInAsync(email);
        Assert.Equal(email, (string?)Open(app, browser)["user"]!["email"]);
    }

    private static int Refreshes(AuthKitTestApp app) => app.Emulator.Requests.Count(r =>
        r.Path == "/user_management/authenticate" && r.Body.TryGetValue("grant_type", out var grant) && grant == "refresh_token");

    [Fact]
    public async Task Sign_in_writes_one_iron_sealed_cookie_holding_the_session_json_of_authkit_nextjs()
    {
        await using var app = await StartAsync();
        using var browser = app.CreateBrowser();

        var callback = await browser.SignInAsync("alice@acme.com");

        var cookie = Assert.Single(callback.SetCookies(), c => c.StartsWith(Cookie, StringComparison.Ordinal));
        Assert.StartsWith(Cookie + "=Fe26.2", Uri.UnescapeDataString(cookie), StringComparison.Ordinal);
        var session = Open(app, browser);
        Assert.StartsWith("eyJ", (string)session["accessToken"]!, StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty((string?)session["refreshToken"]));
        Assert.Equal("alice@acme.com", (string?)session["user"]!["email"]);
        Assert.Equal("user", (string?)session["user"]!["object"]);
        var claims = await browser.ClaimsAsync();
        Assert.Equal(["alice@acme.com"], claims["email"]);
        Assert.Equal((string?)session["user"]!["id"], claims["sub"].Single());
        Assert.Contains("admin", claims["role"]);
    }

    [Fact]
    public async Task Session_sealed_as_authkit_nextjs_seals_it_signs_the_user_in_and_refreshes()
    {
        await using var app = await StartAsync();
        using var signedIn = app.CreateBrowser();
        await signedIn.SignInAsync("alice@acme.com");
        var written = Open(app, signedIn);
        var nextjs = new JsonObject
        {
            ["accessToken"] = (string?)written["accessToken"],
            ["refreshToken"] = (string?)written["refreshToken"],
            ["user"] = new JsonObject
            {
                ["object"] = "user", ["id"] = (string?)written["user"]!["id"], ["email"] = "alice@acme.com", ["emailVerified"] = true,
                ["firstName"] = "Alice", ["lastName"] = null, ["profilePictureUrl"] = null, ["createdAt"] = "2026-01-01T00:00:00.000Z",
                ["updatedAt"] = "2026-01-01T00:00:00.000Z", ["lastSignInAt"] = null, ["externalId"] = null, ["metadata"] = new JsonObject(),
            },
        };
        var seal = IronSeal.Seal(Encoding.UTF8.GetBytes(nextjs.ToJsonString()), new IronPassword("1", Password), app.Clock.GetUtcNow().AddDays(14));
        using var browser = app.CreateBrowser();
        browser.Cookies.Add(new Cookie(Cookie, Uri.EscapeDataString(seal), "/", "localhost"));

        var claims = await browser.ClaimsAsync();
        Assert.Equal(["Alice"], claims["given_name"]);
        Assert.Equal(["alice@acme.com"], claims["email"]);

        app.Clock.Advance(IntoBuffer);
        var refreshed = await browser.GetAsync("/protected");

        Assert.Equal(HttpStatusCode.OK, refreshed.StatusCode);
        Assert.Equal(1, Refreshes(app));
        var resealed = Open(app, refreshed);
        Assert.NotEqual((string?)nextjs["accessToken"], (string?)resealed["accessToken"]);
        Assert.Equal("Alice", (string?)resealed["user"]!["firstName"]);
    }

    [Fact]
    public async Task Refresh_through_the_iron_cookie_is_single_flight_and_the_previous_cookie_gets_the_new_session_within_the_grace()
    {
        await using var app = await StartAsync();
        using var browser = app.CreateBrowser();
        await browser.SignInAsync("alice@acme.com");
        var previous = browser.GetCookie(Cookie)!;
        var before = (string?)Open(app, browser)["accessToken"];

        app.Clock.Advance(IntoBuffer);
        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => browser.GetAsync("/protected")));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Equal(1, Refreshes(app));
        Assert.NotEqual(before, (string?)Open(app, browser)["accessToken"]);
        using var stale = app.CreateBrowser();
        stale.Cookies.Add(new Cookie(Cookie, previous, "/", "localhost"));
        Assert.Equal(HttpStatusCode.OK, (await stale.GetAsync("/protected")).StatusCode);
        Assert.Equal(1, Refreshes(app));
    }

    [Fact]
    public async Task Sign_out_removes_the_iron_cookie_ends_the_workos_session_and_a_replayed_cookie_is_refused()
    {
        await using var app = await StartAsync();
        using var browser = app.CreateBrowser();
        await SignInAsync(app, browser, "alice@acme.com");
        var sid = (await browser.ClaimsAsync())["sid"].Single();
        var captured = browser.GetCookie(Cookie)!;

        var response = await browser.SubmitFormAsync("/auth/sign-out", new Dictionary<string, string>());

        Assert.Equal("/user_management/sessions/logout", browser.Location(response).AbsolutePath);
        Assert.Contains(response.SetCookies(), c => c.StartsWith(Cookie + "=;", StringComparison.Ordinal));
        await browser.GetAsync(browser.Location(response).ToString());
        Assert.False(app.Emulator.Sessions.Single(s => s.Id == sid).IsActive);
        using var replay = app.CreateBrowser();
        replay.Cookies.Add(new Cookie(Cookie, captured, "/", "localhost"));
        Assert.Equal(HttpStatusCode.Redirect, (await replay.GetAsync("/protected")).StatusCode);
        Assert.Contains(app.Logs.Entries, e => e.EventId.Id == 1213);
    }

    [Fact]
    public async Task Session_revoked_through_the_session_service_is_refused_through_the_iron_cookie()
    {
        await using var app = await StartAsync();
        using var browser = app.CreateBrowser();
        await SignInAsync(app, browser, "alice@acme.com");
        var sid = (await browser.ClaimsAsync())["sid"].Single();

        await app.Services.GetRequiredService<WorkOSSessionService>().RevokeAsync(sid);
        var response = await browser.GetAsync("/protected");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains(response.SetCookies(), c => c.StartsWith(Cookie + "=;", StringComparison.Ordinal));
        Assert.Contains(app.Logs.Entries, e => e.EventId.Id == 1213);
    }

    [Fact]
    public async Task Organization_switch_reseals_the_iron_cookie_with_the_new_organization()
    {
        await using var app = await StartAsync();
        using var browser = app.CreateBrowser();
        await browser.SignInAsync("alice@acme.com");

        var response = await browser.SubmitFormAsync("/auth/switch-organization",
            new Dictionary<string, string> { ["organizationId"] = "org_globex", ["returnUrl"] = "/protected" });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var claims = await browser.ClaimsAsync();
        Assert.Equal(["org_globex"], claims["org_id"]);
        Assert.Equal(["member"], claims["role"]);
        Assert.Equal("org_globex", (string?)Open(app, browser)["organizationId"]);
    }

    [Fact]
    public async Task Blazor_circuit_opened_from_the_iron_cookie_refreshes_and_sees_a_role_change()
    {
        await using var app = await StartAsync(s => s.AddWorkOSBlazorServer(o => o.RevalidationInterval = TimeSpan.FromMinutes(1)));
        using var browser = app.CreateBrowser();
        await SignInAsync(app, browser, "bob@acme.com");
        await using var circuit = await Components.TestCircuit.OpenAsync(app, browser);
        var firstToken = await circuit.Provider.GetAccessTokenAsync();
        Assert.Equal("member", (await circuit.Provider.GetAuthenticationStateAsync()).User.GetWorkOSRole());

        app.Emulator.SetUserRoles("bob@acme.com", "org_acme", "admin");
        app.Clock.Advance(IntoBuffer);

        Assert.True(await circuit.Provider.RevalidateAsync());
        Assert.Equal(1, Refreshes(app));
        Assert.NotEqual(firstToken, await circuit.Provider.GetAccessTokenAsync());
        Assert.Equal("admin", (await circuit.Provider.GetAuthenticationStateAsync()).User.GetWorkOSRole());
    }

    [Fact]
    public async Task Tampered_iron_cookie_is_anonymous_and_logged()
    {
        await using var app = await StartAsync();
        using var browser = app.CreateBrowser();
        await browser.SignInAsync("alice@acme.com");
        var seal = Uri.UnescapeDataString(browser.GetCookie(Cookie)!);
        var parts = seal.Split('*');
        parts[4] = (parts[4][0] == 'A' ? "B" : "A") + parts[4][1..];
        using var forged = app.CreateBrowser();
        forged.Cookies.Add(new Cookie(Cookie, Uri.EscapeDataString(string.Join('*', parts)), "/", "localhost"));

        var response = await forged.GetAsync("/protected");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/user_management/authorize", forged.Location(response).AbsolutePath);
        Assert.Contains(app.Logs.Entries, e => e.EventId.Id == 1951 && e.Message.Contains("tampered", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Session_too_large_for_one_cookie_fails_the_sign_in_clearly_instead_of_being_split()
    {
        var many = Enumerable.Range(0, 300).Select(i => $"document-collection-{i:000}:read-write").ToArray();
        await using var app = await AuthKitTestApp.StartAsync(
            options => { options.SessionCookieFormat = WorkOSSessionCookieFormat.Iron; options.CookiePassword = Password; },
            configureEmulator: o => o.Seed.AddRole("power-user", many).AddMembership("bob@acme.com", "org_globex", "power-user"));
        using var browser = app.CreateBrowser();

        var callback = await browser.SignInAsync("bob@acme.com", "/auth/sign-in?organizationId=org_globex");

        Assert.Equal(HttpStatusCode.InternalServerError, callback.StatusCode);
        Assert.Contains("session_too_large", await callback.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain(callback.SetCookies(), c => c.StartsWith(Cookie, StringComparison.Ordinal));
        Assert.Contains(app.Logs.Entries, e => e.EventId.Id == 1952);
    }

    [Theory]
    [InlineData(null, "no cookie password is set")]
    [InlineData("too-short-password", "is 18 characters")]
    public async Task Iron_format_without_a_password_of_32_characters_fails_at_startup_in_production(string? password, string expected)
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => AuthKitTestApp.StartAsync(options =>
        {
            options.SessionCookieFormat = WorkOSSessionCookieFormat.Iron;
            options.CookiePassword = password;
        }, environment: "Production"));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.Contains("WORKOS_COOKIE_PASSWORD", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Rotation_ids_must_be_positive_numbers_with_passwords_of_32_characters_and_id_1_named_once()
    {
        var options = new WorkOSAuthKitOptions { SessionCookieFormat = WorkOSSessionCookieFormat.Iron, CookiePassword = Password };
        options.CookiePasswords["1"] = Password;
        options.CookiePasswords["next"] = Password;
        options.CookiePasswords["2"] = "short";

        var errors = WorkOSAuthKitOptionsValidator.Collect(options, isDevelopment: true, scheme: null);

        Assert.Contains(errors, e => e.Contains("names id 1 too", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("'next' is not a positive whole number", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("password 2 is 5 characters", StringComparison.Ordinal));
    }

    [Fact]
    public void Cookie_password_comes_from_WORKOS_COOKIE_PASSWORD_as_authkit_nextjs_reads_it()
    {
        var configuration = new Microsoft.Extensions.Configuration.ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["WORKOS_COOKIE_PASSWORD"] = Password, ["WorkOS:SessionCookieFormat"] = "Iron",
                ["WorkOS:ClientId"] = "client_test", ["WorkOS:ApiKey"] = "sk_test",
            })
            .Build();
        var services = new ServiceCollection().AddLogging().AddSingleton<Microsoft.Extensions.Configuration.IConfiguration>(configuration);
        services.AddWorkOSAuthKit(configuration);
        using var provider = services.BuildServiceProvider();

        var options = provider.GetRequiredService<IOptionsMonitor<WorkOSAuthKitOptions>>().Get(WorkOSAuthKitDefaults.AuthenticationScheme);

        Assert.Equal(WorkOSSessionCookieFormat.Iron, options.SessionCookieFormat);
        Assert.Equal(Password, options.CookiePassword);
    }

    [Fact]
    public async Task Iron_format_refuses_to_combine_with_server_side_sessions()
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => AuthKitTestApp.StartAsync(
            options => { options.SessionCookieFormat = WorkOSSessionCookieFormat.Iron; options.CookiePassword = Password; },
            services: s => s.AddDistributedMemoryCache().AddAuthentication().AddWorkOSServerSideSessions()));

        Assert.Contains("does not combine with server-side sessions", error.Message, StringComparison.Ordinal);
    }
}
