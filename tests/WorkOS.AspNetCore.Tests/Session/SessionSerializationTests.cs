using System.Net;
using WorkOS.AspNetCore.Testing;
using WorkOS.AspNetCore.Tests.Infrastructure;

namespace WorkOS.AspNetCore.Tests.Session;

/// <summary>
/// One session, one refresh at a time: plain refreshes and organization switches of a session take turns, and each
/// uses what the one before it produced, so no refresh token is spent twice and nobody is signed out.
/// </summary>
public sealed class SessionSerializationTests
{
    private const string Authenticate = "/user_management/authenticate";
    private static readonly TimeSpan IntoBuffer = TimeSpan.FromMinutes(4) + TimeSpan.FromSeconds(45);

    private static Task<AuthKitTestApp> StartAsync() => AuthKitTestApp.StartAsync(configureEmulator: o => o.Seed = EmulatorSeed.CreateDefault()
        .AddOrganization(new SeedOrganization { Id = "org_initech", Name = "Initech" })
        .AddMembership("alice@acme.com", "org_initech", "member"));

    private static List<EmulatorRequest> Refreshes(AuthKitTestApp app) =>
        [.. app.Emulator.Requests.Where(r => r.Path == Authenticate && r.Body.TryGetValue("grant_type", out var g) && g == "refresh_token")];

    /// <summary>
    /// Submits the switch form with the antiforgery token its page rendered; racing switches pass the token fetched
    /// before the race (<see cref="TestBrowser.AntiforgeryTokenAsync"/>), so the race is only the switches.
    /// </summary>
    private static Task<HttpResponseMessage> SwitchAsync(WorkOSTestClient browser, string organizationId, string? antiforgeryToken = null) =>
        browser.SubmitFormAsync("/auth/switch-organization",
            new Dictionary<string, string> { ["organizationId"] = organizationId, ["returnUrl"] = "/protected" }, antiforgeryToken);

    /// <summary>Requests that each carry the same cookie, as parallel requests of one browser tab do.</summary>
    private static WorkOSTestClient BrowserWith(AuthKitTestApp app, string sessionCookie)
    {
        var browser = app.CreateBrowser();
        browser.Cookies.Add(new Cookie(WorkOSAuthKitDefaults.SessionCookieName, sessionCookie, "/", "localhost"));
        return browser;
    }

    private static bool DeletesSessionCookie(HttpResponseMessage response) =>
        response.SetCookies().Any(c => c.StartsWith(WorkOSAuthKitDefaults.SessionCookieName + "=;", StringComparison.Ordinal));

    private static void AssertEachRefreshTokenSpentOnce(AuthKitTestApp app)
    {
        var refreshes = Refreshes(app);
        Assert.All(refreshes, r => Assert.Equal(200, r.StatusCode)); // no invalid_grant
        Assert.Equal(refreshes.Count, refreshes.Select(r => r.Body["refresh_token"]).Distinct().Count());
    }

    [Fact]
    public async Task Twenty_requests_and_two_switches_racing_spend_no_token_twice_and_end_in_the_later_switch_organization()
    {
        await using var app = await StartAsync();
        using var browser = app.CreateBrowser();
        await browser.SignInAsync("alice@acme.com");
        var cookie = browser.GetCookie(WorkOSAuthKitDefaults.SessionCookieName)!;
        var browsers = Enumerable.Range(0, 22).Select(_ => BrowserWith(app, cookie)).ToList();
        var globexForm = await browsers[20].AntiforgeryTokenAsync(); // the switch pages load before the token nears expiry
        var initechForm = await browsers[21].AntiforgeryTokenAsync();
        app.Clock.Advance(IntoBuffer);
        app.Emulator.InjectFault("POST", Authenticate, 0, latency: TimeSpan.FromMilliseconds(150), count: -1); // a slow WorkOS widens the race

        var plain = browsers.Take(20).Select(b => b.GetAsync("/protected")).ToList();
        var toGlobex = SwitchAsync(browsers[20], "org_globex", globexForm);
        var toInitech = SwitchAsync(browsers[21], "org_initech", initechForm);
        await app.Emulator.ReleasingLatencyAsync(app.Clock, TimeSpan.FromMilliseconds(150), "POST", Authenticate, Task.WhenAll([.. plain, toGlobex, toInitech]));
        var responses = await Task.WhenAll(plain);
        var switches = await Task.WhenAll(toGlobex, toInitech);

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.All(switches, r => Assert.Equal(HttpStatusCode.Redirect, r.StatusCode));
        Assert.All(switches, r => Assert.Equal("/protected", r.Headers.Location!.OriginalString));
        Assert.DoesNotContain(responses.Concat(switches), DeletesSessionCookie);
        AssertEachRefreshTokenSpentOnce(app);
        Assert.Equal(3, Refreshes(app).Count); // one plain refresh, then each switch from the newest token

        // The later switch wins: WorkOS, and the cookie it answered with, are in its organization.
        var later = Refreshes(app).Last().Body["organization_id"];
        Assert.Equal(later, Assert.Single(app.Emulator.Sessions).OrganizationId);
        var laterBrowser = later == "org_globex" ? browsers[20] : browsers[21];
        Assert.Equal([later], (await laterBrowser.ClaimsAsync())["org_id"]);
        Assert.DoesNotContain(app.Logs.Entries, e => e.EventId.Id == 1205);
        browsers.ForEach(b => b.Dispose());
    }

    [Fact]
    public async Task Refresh_arriving_while_a_switch_spends_the_token_takes_the_switched_session()
    {
        AuthKitTestApp? app = null;
        string? cookie = null;
        Task<HttpResponseMessage>? plain = null;
        WorkOSTestClient? late = null;
        app = await AuthKitTestApp.StartAsync(o => o.Events.OnSessionRefreshing = c =>
        {
            // While the switch holds the session's turn, the cookie's token enters its refresh buffer and a request comes.
            if (c.OrganizationId == "org_globex" && plain is null)
            {
                app!.Clock.Advance(IntoBuffer);
                late = BrowserWith(app, cookie!);
                plain = late.GetAsync("/protected");
            }

            return Task.CompletedTask;
        });
        await using var _ = app;
        using var browser = app.CreateBrowser();
        await browser.SignInAsync("alice@acme.com");
        cookie = browser.GetCookie(WorkOSAuthKitDefaults.SessionCookieName)!;
        app.Emulator.InjectFault("POST", Authenticate, 0, latency: TimeSpan.FromMilliseconds(150), count: -1);

        var switched = await app.Emulator.ReleasingLatencyAsync(app.Clock, TimeSpan.FromMilliseconds(150), "POST", Authenticate, SwitchAsync(browser, "org_globex"));
        var refreshed = await plain!;

        Assert.Equal(HttpStatusCode.Redirect, switched.StatusCode);
        Assert.Equal(HttpStatusCode.OK, refreshed.StatusCode);
        Assert.False(DeletesSessionCookie(refreshed));
        AssertEachRefreshTokenSpentOnce(app);
        Assert.Single(Refreshes(app));
        Assert.Equal(["org_globex"], (await late!.ClaimsAsync())["org_id"]); // the refresh took the switch's result
        Assert.Equal(["org_globex"], (await browser.ClaimsAsync())["org_id"]);
        late!.Dispose();
    }

    [Fact]
    public async Task Two_identical_switches_racing_make_one_call_and_both_succeed()
    {
        await using var app = await StartAsync();
        using var browser = app.CreateBrowser();
        await browser.SignInAsync("alice@acme.com");
        var cookie = browser.GetCookie(WorkOSAuthKitDefaults.SessionCookieName)!;
        app.Emulator.InjectFault("POST", Authenticate, 0, latency: TimeSpan.FromMilliseconds(150), count: -1);
        using var a = BrowserWith(app, cookie);
        using var b = BrowserWith(app, cookie);
        var formA = await a.AntiforgeryTokenAsync();
        var formB = await b.AntiforgeryTokenAsync();

        var results = await app.Emulator.ReleasingLatencyAsync(app.Clock, TimeSpan.FromMilliseconds(150), "POST", Authenticate,
            Task.WhenAll(SwitchAsync(a, "org_globex", formA), SwitchAsync(b, "org_globex", formB)));

        Assert.All(results, r => Assert.Equal(HttpStatusCode.Redirect, r.StatusCode));
        Assert.Single(Refreshes(app));
        Assert.Equal(["org_globex"], (await a.ClaimsAsync())["org_id"]);
        Assert.Equal(["org_globex"], (await b.ClaimsAsync())["org_id"]);
    }

    [Fact]
    public async Task Two_switches_to_different_organizations_racing_take_turns_without_invalid_grant()
    {
        await using var app = await StartAsync();
        using var browser = app.CreateBrowser();
        await browser.SignInAsync("alice@acme.com");
        var cookie = browser.GetCookie(WorkOSAuthKitDefaults.SessionCookieName)!;
        app.Emulator.InjectFault("POST", Authenticate, 0, latency: TimeSpan.FromMilliseconds(150), count: -1);
        using var a = BrowserWith(app, cookie);
        using var b = BrowserWith(app, cookie);
        var formA = await a.AntiforgeryTokenAsync();
        var formB = await b.AntiforgeryTokenAsync();

        var results = await app.Emulator.ReleasingLatencyAsync(app.Clock, TimeSpan.FromMilliseconds(150), "POST", Authenticate,
            Task.WhenAll(SwitchAsync(a, "org_globex", formA), SwitchAsync(b, "org_initech", formB)));

        Assert.All(results, r => Assert.Equal(HttpStatusCode.Redirect, r.StatusCode));
        AssertEachRefreshTokenSpentOnce(app);
        Assert.Equal(2, Refreshes(app).Count);
        var later = Refreshes(app).Last().Body["organization_id"];
        Assert.Equal(later, Assert.Single(app.Emulator.Sessions).OrganizationId);
        Assert.Equal([later], (await (later == "org_globex" ? a : b).ClaimsAsync())["org_id"]);
    }

    [Theory]
    [InlineData("bob@acme.com", "org_globex")] // not a member
    [InlineData("alice@acme.com", "org_unknown")] // no such organization
    public async Task Switch_refused_by_workos_answers_403_and_is_not_the_end_of_the_session(string email, string organizationId)
    {
        var terminal = 0;
        await using var app = await AuthKitTestApp.StartAsync(o => o.Events.OnSessionRefreshFailed = c =>
        {
            if (!c.IsTransient)
            {
                Interlocked.Increment(ref terminal);
            }

            return Task.CompletedTask;
        });
        using var browser = app.CreateBrowser();
        await browser.SignInAsync(email);

        var response = await SwitchAsync(browser, organizationId);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.False(DeletesSessionCookie(response));
        Assert.Equal(0, terminal);
        Assert.DoesNotContain(app.Logs.Entries, e => e.EventId.Id == 1205);
        Assert.Contains(app.Logs.Entries, e => e.EventId.Id == 1211 && e.Message.Contains(organizationId));
        Assert.Equal(["org_acme"], (await browser.ClaimsAsync())["org_id"]);
        Assert.True(Assert.Single(app.Emulator.Sessions).IsActive);
    }
}
