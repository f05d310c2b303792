using System.Net;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using WorkOS.AspNetCore.Tests.Infrastructure;
using WorkOS.AspNetCore.Widgets;

namespace WorkOS.AspNetCore.Tests.Widgets;

public sealed class WidgetTokenTests
{
    private const string TokenPath = "/widgets/token";

    [Fact]
    public async Task Token_is_issued_for_the_signed_in_user_in_the_session_organization_with_the_scopes_of_the_page()
    {
        await using var app = await WidgetTestApp.StartAsync();
        using var browser = app.CreateBrowser();
        await browser.SignInAsync("alice@acme.com");

        var response = await browser.GetAsync(WidgetTestApp.TokenUrl(WorkOSWidgetScopes.UsersTableManage, WorkOSWidgetScopes.SsoManage));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var token = new JsonWebToken(await response.Content.ReadAsStringAsync());
        Assert.Equal("user_alice", token.Subject);
        Assert.Equal("org_acme", token.GetClaim("org_id").Value);
        var call = Assert.Single(app.Emulator.Requests, r => r.Path == TokenPath);
        Assert.Equal(200, call.StatusCode);
        Assert.Equal("user_alice", call.Body["user_id"]);
        Assert.Equal("org_acme", call.Body["organization_id"]);
        Assert.Equal(["widgets:sso:manage", "widgets:users-table:manage"], JsonSerializer.Deserialize<string[]>(call.Body["scopes"])!);
    }

    [Fact]
    public async Task Token_of_the_emulator_is_reused_for_55_minutes_of_its_hour_then_a_new_one_is_issued()
    {
        await using var app = await WidgetTestApp.StartAsync();
        using var browser = app.CreateBrowser();
        await browser.SignInAsync("alice@acme.com");

        var first = await TokenAsync(browser, WorkOSWidgetScopes.DomainVerificationManage);
        app.Clock.Advance(TimeSpan.FromMinutes(54));
        await browser.GetAsync("/protected"); // the session refreshes meanwhile, as a user's would
        var reused = await TokenAsync(browser, WorkOSWidgetScopes.DomainVerificationManage);
        app.Clock.Advance(TimeSpan.FromMinutes(1) + TimeSpan.FromSeconds(1));
        await browser.GetAsync("/protected");
        var renewed = await TokenAsync(browser, WorkOSWidgetScopes.DomainVerificationManage);

        Assert.Equal(first, reused);
        Assert.NotEqual(first, renewed);
        Assert.True(new JsonWebToken(renewed).ValidTo > app.Clock.GetUtcNow().UtcDateTime.AddMinutes(59));
        Assert.Equal(2, app.Emulator.CountRequests("POST", TokenPath));
    }

    [Fact]
    public async Task Token_is_reused_for_the_same_user_and_scope_set_in_any_order_and_fetched_again_for_another_set()
    {
        await using var app = await WidgetTestApp.StartAsync();
        using var browser = app.CreateBrowser();
        await browser.SignInAsync("alice@acme.com");
        Answer(app, "users-and-sso", "users-only");

        var first = await TokenAsync(browser, WorkOSWidgetScopes.UsersTableManage, WorkOSWidgetScopes.SsoManage);
        var again = await TokenAsync(browser, WorkOSWidgetScopes.SsoManage, WorkOSWidgetScopes.UsersTableManage, WorkOSWidgetScopes.SsoManage);
        var other = await TokenAsync(browser, WorkOSWidgetScopes.UsersTableManage);

        Assert.Equal("users-and-sso", first);
        Assert.Equal("users-and-sso", again);
        Assert.Equal("users-only", other);
        Assert.Equal(2, app.Emulator.CountRequests("POST", TokenPath));
    }

    [Fact]
    public async Task Token_of_one_user_is_never_handed_to_another_user_or_organization()
    {
        await using var app = await WidgetTestApp.StartAsync();
        using var alice = app.CreateBrowser();
        using var bob = app.CreateBrowser();
        await alice.SignInAsync("alice@acme.com");
        await bob.SignInAsync("bob@acme.com");
        Answer(app, "alice-acme", "bob-acme", "alice-globex");

        Assert.Equal("alice-acme", await TokenAsync(alice, WorkOSWidgetScopes.UsersTableManage));
        Assert.Equal("bob-acme", await TokenAsync(bob, WorkOSWidgetScopes.UsersTableManage));
        var switched = await alice.SubmitFormAsync("/auth/switch-organization", new Dictionary<string, string> { ["organizationId"] = "org_globex" });
        Assert.Equal(HttpStatusCode.Redirect, switched.StatusCode);
        Assert.Equal("alice-globex", await TokenAsync(alice, WorkOSWidgetScopes.UsersTableManage));

        var calls = app.Emulator.Requests.Where(r => r.Path == TokenPath).Select(r => (r.Body["user_id"], r.Body["organization_id"])).ToArray();
        Assert.Equal([("user_alice", "org_acme"), ("user_bob", "org_acme"), ("user_alice", "org_globex")], calls);
    }

    [Fact]
    public async Task Token_that_says_nothing_of_its_expiry_is_reused_for_55_minutes_then_fetched_again()
    {
        await using var app = await WidgetTestApp.StartAsync();
        using var browser = app.CreateBrowser();
        await browser.SignInAsync("alice@acme.com");
        Answer(app, "first", "second");

        Assert.Equal("first", await TokenAsync(browser, WorkOSWidgetScopes.DsyncManage));
        app.Clock.Advance(TimeSpan.FromMinutes(54));
        Assert.Equal("first", await TokenAsync(browser, WorkOSWidgetScopes.DsyncManage));
        app.Clock.Advance(TimeSpan.FromMinutes(1) + TimeSpan.FromSeconds(1));
        Assert.Equal("second", await TokenAsync(browser, WorkOSWidgetScopes.DsyncManage));
        Assert.Equal(2, app.Emulator.CountRequests("POST", TokenPath));
    }

    [Fact]
    public async Task Jwt_token_is_reused_until_five_minutes_before_its_exp()
    {
        await using var app = await WidgetTestApp.StartAsync();
        using var browser = app.CreateBrowser();
        await browser.SignInAsync("alice@acme.com");
        var shortLived = app.Emulator.CreateAccessToken(new Dictionary<string, object> { ["sub"] = "user_alice" }, TimeSpan.FromMinutes(15));
        Answer(app, shortLived, "next");

        Assert.Equal(shortLived, await TokenAsync(browser, WorkOSWidgetScopes.ApiKeysManage));
        app.Clock.Advance(TimeSpan.FromMinutes(9));
        Assert.Equal(shortLived, await TokenAsync(browser, WorkOSWidgetScopes.ApiKeysManage));
        app.Clock.Advance(TimeSpan.FromMinutes(1) + TimeSpan.FromSeconds(1));
        Assert.Equal("next", await TokenAsync(browser, WorkOSWidgetScopes.ApiKeysManage));
    }

    [Fact]
    public async Task Session_without_an_organization_gets_no_organization_and_workos_is_not_called()
    {
        await using var app = await WidgetTestApp.StartAsync();
        using var browser = app.CreateBrowser();
        await browser.SignInAsync("dave@example.com");

        var response = await browser.GetAsync(WidgetTestApp.TokenUrl(WorkOSWidgetScopes.UsersTableManage));

        await AssertFailureAsync(response, WorkOSWidgetTokenFailure.NoOrganization);
        Assert.Equal(0, app.Emulator.CountRequests("POST", TokenPath));
        Assert.Contains(app.Logs.Entries, e => e.EventId.Id == 1023 && e.Message.Contains("user_dave", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Signed_out_request_gets_not_signed_in()
    {
        await using var app = await WidgetTestApp.StartAsync();
        using var browser = app.CreateBrowser();

        var response = await browser.GetAsync(WidgetTestApp.TokenUrl(WorkOSWidgetScopes.UsersTableManage));

        await AssertFailureAsync(response, WorkOSWidgetTokenFailure.NotSignedIn);
        Assert.Equal(0, app.Emulator.CountRequests("POST", TokenPath));
        Assert.Contains(app.Logs.Entries, e => e.EventId.Id == 1022);
    }

    [Theory]
    [InlineData("widgets:users-table:admin")]
    [InlineData("WIDGETS:USERS-TABLE:MANAGE")]
    [InlineData("widgets:users-table:manage widgets:sso:manage")]
    [InlineData("")]
    public async Task Scope_outside_the_reference_list_is_refused_before_any_call(string scope)
    {
        await using var app = await WidgetTestApp.StartAsync();
        using var browser = app.CreateBrowser();
        await browser.SignInAsync("alice@acme.com");

        var response = await browser.GetAsync(WidgetTestApp.TokenUrl(WorkOSWidgetScopes.SsoManage, scope));

        await AssertFailureAsync(response, WorkOSWidgetTokenFailure.InvalidScopes);
        Assert.Equal(0, app.Emulator.CountRequests("POST", TokenPath));
        Assert.Contains(app.Logs.Entries, e => e.EventId.Id == 1024);
    }

    [Fact]
    public async Task No_scope_at_all_is_refused_before_any_call()
    {
        await using var app = await WidgetTestApp.StartAsync();
        using var browser = app.CreateBrowser();
        await browser.SignInAsync("alice@acme.com");

        await AssertFailureAsync(await browser.GetAsync(WidgetTestApp.TokenPath), WorkOSWidgetTokenFailure.InvalidScopes);
        Assert.Equal(0, app.Emulator.CountRequests("POST", TokenPath));
    }

    public static TheoryData<int, string?, string?, int, WorkOSWidgetTokenFailure> Failures => new()
    {
        { 500, null, null, 0, WorkOSWidgetTokenFailure.Unavailable },
        { 429, null, null, 0, WorkOSWidgetTokenFailure.Unavailable },
        { 200, "<html><body>Sign in to the proxy</body></html>", "text/html", 0, WorkOSWidgetTokenFailure.Unavailable },
        { 200, """{"token":""}""", null, 0, WorkOSWidgetTokenFailure.Unavailable },
        { 200, """{"token":"x"}""", null, 2 * 1024 * 1024, WorkOSWidgetTokenFailure.Unavailable },
        { 302, "", null, 0, WorkOSWidgetTokenFailure.Unavailable },
        { 422, """{"code":"invalid_scopes","message":"The user has no permission for these scopes."}""", null, 0, WorkOSWidgetTokenFailure.Refused },
        { 404, """{"code":"entity_not_found","message":"Organization not found."}""", null, 0, WorkOSWidgetTokenFailure.Refused },
    };

    [Theory]
    [MemberData(nameof(Failures))]
    public async Task Workos_failure_is_a_typed_failure_with_a_log_line_and_is_not_cached(int status, string? body, string? contentType, int padTo,
        WorkOSWidgetTokenFailure expected)
    {
        await using var app = await WidgetTestApp.StartAsync();
        using var browser = app.CreateBrowser();
        await browser.SignInAsync("alice@acme.com");
        app.Emulator.InjectFault("POST", TokenPath, status, body, contentType: contentType, padTo: padTo,
            headers: status == 302 ? new Dictionary<string, string> { ["Location"] = "https://elsewhere.example/token" } : null);

        var response = await browser.GetAsync(WidgetTestApp.TokenUrl(WorkOSWidgetScopes.UsersTableManage));

        await AssertFailureAsync(response, expected);
        Assert.Contains(app.Logs.Entries, e => e.EventId.Id == 1025);
        Assert.Equal(1, app.Emulator.CountRequests("POST", TokenPath));

        // The next page asks again: a failure is never reused.
        Answer(app, "recovered");
        Assert.Equal("recovered", await TokenAsync(browser, WorkOSWidgetScopes.UsersTableManage));
    }

    [Fact]
    public async Task Workos_that_does_not_answer_in_time_is_unavailable()
    {
        await using var app = await WidgetTestApp.StartAsync();
        using var browser = app.CreateBrowser();
        await browser.SignInAsync("alice@acme.com");
        app.Emulator.InjectFault("POST", TokenPath, 0, latency: TimeSpan.FromMinutes(1));

        var pending = browser.GetAsync(WidgetTestApp.TokenUrl(WorkOSWidgetScopes.UsersTableManage));
        await app.Emulator.AdvanceWhileHeldAsync(app.Clock, TimeSpan.FromSeconds(16), "POST", TokenPath);
        var response = await pending;

        await AssertFailureAsync(response, WorkOSWidgetTokenFailure.Unavailable);
        Assert.Contains(app.Logs.Entries, e => e.EventId.Id == 1025 && e.Message.Contains("timeout", StringComparison.Ordinal));
    }

    /// <summary>WorkOS answers the next token requests with these tokens, one each, in order.</summary>
    private static void Answer(AuthKitTestApp app, params string[] tokens)
    {
        foreach (var token in tokens)
        {
            app.Emulator.InjectFault("POST", TokenPath, 200, JsonSerializer.Serialize(new { token }));
        }
    }

    private static async Task<string> TokenAsync(Testing.WorkOSTestClient browser, params string[] scopes)
    {
        var response = await browser.GetAsync(WidgetTestApp.TokenUrl(scopes));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    private static async Task AssertFailureAsync(HttpResponseMessage response, WorkOSWidgetTokenFailure expected)
    {
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal(expected.ToString(), await response.Content.ReadAsStringAsync());
    }
}
