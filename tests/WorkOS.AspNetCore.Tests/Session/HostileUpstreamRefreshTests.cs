using System.Net;
using WorkOS.AspNetCore.Tests.Infrastructure;

namespace WorkOS.AspNetCore.Tests.Session;

/// <summary>
/// Only WorkOS's word ends a session: any refresh answer that is not a WorkOS refusal in WorkOS's error shape keeps
/// the cookie, backs off, logs why, and recovers once WorkOS answers properly again.
/// </summary>
public sealed class HostileUpstreamRefreshTests
{
    private const string Refresh = "/user_management/authenticate";
    private const int RefreshTransientEvent = 1204;
    private const int SessionEndedEvent = 1205;
    private const int UnexpectedRedirectEvent = 1701;
    private const int ResponseTooLargeEvent = 1702;
    private const int UnexpectedAnswerEvent = 1703;
    private const int Oversized = 5 * 1024 * 1024;

    /// <summary>A refresh answer that is not WorkOS's word, the reason the refresher logs, and the client's own log event.</summary>
    public sealed record Answer(string Name, int Status, string Body, string? ContentType, Dictionary<string, string>? Headers, int PadTo,
        string Reason, int ClientEvent)
    {
        public override string ToString() => Name;
    }

    public static TheoryData<Answer> NotWorkOSWord => new()
    {
        new("html_error_page", 400, "<html><body><h1>400 Bad Request</h1></body></html>", "text/html", null, 0, "BadRequest", UnexpectedAnswerEvent),
        new("html_page_with_200", 200, "<html><body>Please sign in to the proxy</body></html>", "text/html", null, 0, "invalid_response", UnexpectedAnswerEvent),
        new("malformed_json", 200, """{"access_token":"eyJ""", null, null, 0, "invalid_response", UnexpectedAnswerEvent),
        new("json_without_tokens", 200, """{"user":{"id":"user_x"}}""", null, null, 0, "invalid_response", UnexpectedAnswerEvent),
        new("4xx_without_workos_code", 401, """{"message":"Unauthorized"}""", null, null, 0, "Unauthorized", UnexpectedAnswerEvent),
        new("4xx_with_empty_code", 400, """{"error":"","error_description":"?"}""", null, null, 0, "BadRequest", UnexpectedAnswerEvent),
        new("4xx_with_a_code_that_does_not_end_sessions", 422, """{"code":"invalid_request_parameters","message":"organization_id is invalid."}""",
            null, null, 0, "invalid_request_parameters", RefreshTransientEvent),
        new("5xx_carrying_invalid_grant", 500, """{"error":"invalid_grant"}""", null, null, 0, "invalid_grant", RefreshTransientEvent),
        new("redirect_elsewhere", 302, "", null, new() { ["Location"] = "https://elsewhere.example/collect?secret=1" }, 0,
            "unexpected_redirect", UnexpectedRedirectEvent),
        new("307_redirect", 307, "", null, new() { ["Location"] = "https://elsewhere.example/user_management/authenticate" }, 0,
            "unexpected_redirect", UnexpectedRedirectEvent),
        new("oversized_invalid_grant_streamed", 400, """{"error":"invalid_grant"}""", null, null, Oversized, "response_too_large", ResponseTooLargeEvent),
        new("oversized_invalid_grant_with_length", 400, """{"error":"invalid_grant"}""", null,
            new() { ["Content-Length"] = Oversized.ToString(System.Globalization.CultureInfo.InvariantCulture) }, Oversized,
            "response_too_large", ResponseTooLargeEvent),
    };

    private static void Inject(AuthKitTestApp app, Answer answer) =>
        app.Emulator.InjectFault("POST", Refresh, answer.Status, answer.Body, count: -1, contentType: answer.ContentType,
            headers: answer.Headers, padTo: answer.PadTo);

    private static int RefreshCalls(AuthKitTestApp app) =>
        app.Emulator.Requests.Count(r => r.Path == Refresh && r.Body.TryGetValue("grant_type", out var g) && g == "refresh_token");

    private static bool DeletesSessionCookie(HttpResponseMessage response) =>
        response.SetCookies().Any(c => c.StartsWith(WorkOSAuthKitDefaults.SessionCookieName + "=;", StringComparison.Ordinal));

    [Theory]
    [MemberData(nameof(NotWorkOSWord))]
    public async Task Refresh_answered_with_something_other_than_a_workos_refusal_keeps_the_session_and_backs_off(Answer answer)
    {
        await using var app = await AuthKitTestApp.StartAsync();
        using var browser = app.CreateBrowser();
        await browser.SignInAsync("alice@acme.com");
        var before = browser.GetCookie(WorkOSAuthKitDefaults.SessionCookieName);
        Inject(app, answer);
        app.Clock.Advance(TimeSpan.FromMinutes(4) + TimeSpan.FromSeconds(45));

        var response = await browser.GetAsync("/protected");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode); // the old token is still valid and still used
        Assert.False(DeletesSessionCookie(response));
        Assert.False(response.SetsSessionCookie());
        Assert.Equal(before, browser.GetCookie(WorkOSAuthKitDefaults.SessionCookieName));
        Assert.Equal(1, RefreshCalls(app));
        Assert.Contains(app.Logs.Entries, e => e.EventId.Id == RefreshTransientEvent && e.Message.Contains(answer.Reason, StringComparison.Ordinal));
        Assert.Contains(app.Logs.Entries, e => e.EventId.Id == answer.ClientEvent);
        Assert.DoesNotContain(app.Logs.Entries, e => e.EventId.Id == SessionEndedEvent);
        Assert.DoesNotContain(app.Logs.Entries, e => e.Message.Contains("secret=1", StringComparison.Ordinal)); // no Location query logged

        // Backed off: a request a second later does not ask WorkOS again.
        app.Clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/protected")).StatusCode);
        Assert.Equal(1, RefreshCalls(app));

        // WorkOS answers properly again: after the backoff the same session refreshes.
        app.Emulator.ClearFaults();
        app.Clock.Advance(TimeSpan.FromSeconds(5));
        var recovered = await browser.GetAsync("/protected");
        Assert.Equal(HttpStatusCode.OK, recovered.StatusCode);
        Assert.True(recovered.SetsSessionCookie());
        Assert.Equal(2, RefreshCalls(app));
    }

    [Theory]
    [MemberData(nameof(NotWorkOSWord))]
    public async Task Expired_token_whose_refresh_is_not_answered_by_workos_is_not_used_but_the_cookie_is_kept_and_recovers(Answer answer)
    {
        await using var app = await AuthKitTestApp.StartAsync();
        using var browser = app.CreateBrowser();
        await browser.SignInAsync("alice@acme.com");
        Inject(app, answer);
        app.Clock.Advance(TimeSpan.FromMinutes(6));

        var response = await browser.GetAsync("/protected");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode); // not authenticated: challenged
        Assert.Equal("/user_management/authorize", browser.Location(response).AbsolutePath);
        Assert.False(DeletesSessionCookie(response));
        Assert.NotNull(browser.GetCookie(WorkOSAuthKitDefaults.SessionCookieName));

        app.Emulator.ClearFaults();
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        var recovered = await browser.GetAsync("/protected");
        Assert.Equal(HttpStatusCode.OK, recovered.StatusCode);
        Assert.True(recovered.SetsSessionCookie());
    }

    [Fact]
    public async Task Refresh_answered_with_a_null_user_keeps_the_session_and_recovers()
    {
        await using var app = await AuthKitTestApp.StartAsync();
        using var browser = app.CreateBrowser();
        await browser.SignInAsync("alice@acme.com");
        var session = app.Emulator.Sessions.Single();
        app.Clock.Advance(TimeSpan.FromMinutes(4) + TimeSpan.FromSeconds(45));

        // Tokens that verify, but no user: the answer is not what WorkOS sends, so nothing is built from it.
        var token = app.Emulator.CreateAccessToken(new Dictionary<string, object>
        {
            ["sub"] = session.UserId, ["sid"] = session.Id, ["org_id"] = session.OrganizationId!,
        });
        app.Emulator.InjectFault("POST", Refresh, 200, $$"""{"user":null,"access_token":"{{token}}","refresh_token":"rt_forged"}""", count: -1);

        var response = await browser.GetAsync("/protected");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(DeletesSessionCookie(response));
        Assert.False(response.SetsSessionCookie());
        Assert.Contains(app.Logs.Entries, e => e.EventId.Id == UnexpectedAnswerEvent && e.Message.Contains("carries no user", StringComparison.Ordinal));
        Assert.Contains(app.Logs.Entries, e => e.EventId.Id == RefreshTransientEvent && e.Message.Contains("invalid_response", StringComparison.Ordinal));

        app.Emulator.ClearFaults();
        app.Clock.Advance(TimeSpan.FromSeconds(6));
        var recovered = await browser.GetAsync("/protected");
        Assert.Equal(HttpStatusCode.OK, recovered.StatusCode);
        Assert.True(recovered.SetsSessionCookie());
    }

    [Theory]
    [InlineData("""{"error":"invalid_grant","error_description":"The refresh token has been revoked."}""")]
    [InlineData("""{"code":"session_revoked","message":"The session has been revoked."}""")]
    [InlineData("""{"code":"session_expired","message":"The session has expired."}""")]
    public async Task Workos_refusal_in_its_own_shape_still_ends_the_session(string body)
    {
        await using var app = await AuthKitTestApp.StartAsync();
        using var browser = app.CreateBrowser();
        await browser.SignInAsync("alice@acme.com");
        app.Emulator.InjectFault("POST", Refresh, 400, body);
        app.Clock.Advance(TimeSpan.FromMinutes(4) + TimeSpan.FromSeconds(45));

        var response = await browser.GetAsync("/protected");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.True(DeletesSessionCookie(response));
        Assert.Null(browser.GetCookie(WorkOSAuthKitDefaults.SessionCookieName));
        Assert.Contains(app.Logs.Entries, e => e.EventId.Id == SessionEndedEvent);
    }

    [Fact]
    public async Task Retry_after_longer_than_the_cap_backs_off_only_up_to_the_cap()
    {
        await using var app = await AuthKitTestApp.StartAsync();
        using var browser = app.CreateBrowser();
        await browser.SignInAsync("alice@acme.com");
        app.Emulator.InjectFault("POST", Refresh, 429, """{"message":"Too many requests"}""", count: 1,
            headers: new Dictionary<string, string> { ["Retry-After"] = "86400" });
        app.Clock.Advance(TimeSpan.FromMinutes(4) + TimeSpan.FromSeconds(35));
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/protected")).StatusCode);
        Assert.Equal(1, RefreshCalls(app));

        // Inside the cap the session waits (the token expires meanwhile: the request is challenged, the cookie kept)...
        app.Clock.Advance(TimeSpan.FromMinutes(5) - TimeSpan.FromSeconds(1));
        var waiting = await browser.GetAsync("/protected");
        Assert.Equal(1, RefreshCalls(app));
        Assert.False(DeletesSessionCookie(waiting));

        // ...and one second past the cap it refreshes again, a day before WorkOS's Retry-After.
        app.Clock.Advance(TimeSpan.FromSeconds(2));
        var recovered = await browser.GetAsync("/protected");
        Assert.Equal(HttpStatusCode.OK, recovered.StatusCode);
        Assert.True(recovered.SetsSessionCookie());
        Assert.Equal(2, RefreshCalls(app));
        Assert.Contains(app.Logs.Entries, e => e.EventId.Id == 1704);
    }

    [Fact]
    public async Task Retry_after_as_a_date_is_measured_on_the_application_clock()
    {
        await using var app = await AuthKitTestApp.StartAsync();
        using var browser = app.CreateBrowser();
        await browser.SignInAsync("alice@acme.com");
        app.Clock.Advance(TimeSpan.FromMinutes(4) + TimeSpan.FromSeconds(35));
        var until = app.Clock.GetUtcNow() + TimeSpan.FromMinutes(2);
        app.Emulator.InjectFault("POST", Refresh, 503, """{"message":"Maintenance"}""", count: 1,
            headers: new Dictionary<string, string> { ["Retry-After"] = until.ToString("R", System.Globalization.CultureInfo.InvariantCulture) });
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/protected")).StatusCode);
        Assert.Equal(1, RefreshCalls(app));

        app.Clock.Advance(TimeSpan.FromMinutes(2) - TimeSpan.FromSeconds(2));
        await browser.GetAsync("/protected");
        Assert.Equal(1, RefreshCalls(app));

        app.Clock.Advance(TimeSpan.FromSeconds(3));
        var recovered = await browser.GetAsync("/protected");
        Assert.True(recovered.SetsSessionCookie());
        Assert.Equal(2, RefreshCalls(app));
    }
}
