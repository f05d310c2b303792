using System.Net;
using WorkOS.AspNetCore.Testing;
using WorkOS.AspNetCore.Tests.Infrastructure;

namespace WorkOS.AspNetCore.Tests.Authentication;

/// <summary>
/// The code exchange answered by something other than WorkOS's word: a clear 502 <c>workos_unavailable</c>, a log
/// line, nobody signed in, never a 500. Only a WorkOS refusal in its own shape is <c>code_exchange_failed</c>.
/// </summary>
public sealed class HostileUpstreamSignInTests
{
    private const string Authenticate = "/user_management/authenticate";
    private const int SignInRefusedEvent = 1004;

    /// <summary>An answer to the code exchange that is not WorkOS's word.</summary>
    public sealed record Answer(string Name, int Status, string Body, string? ContentType = null, int PadTo = 0)
    {
        public override string ToString() => Name;
    }

    public static TheoryData<Answer> NotWorkOSWord => new()
    {
        new("html_error_page", 400, "<html><body><h1>400 Bad Request</h1></body></html>", "text/html"),
        new("html_page_with_200", 200, "<html><body>Proxy sign-in</body></html>", "text/html"),
        new("malformed_json", 200, """{"access_token":"""),
        new("json_without_tokens", 200, """{"user":{"id":"user_x"},"access_token":""}"""),
        new("4xx_without_workos_code", 403, """{"message":"Forbidden"}"""),
        new("redirect", 302, ""),
        new("oversized", 200, """{"access_token":"x","refresh_token":"y","user":{"id":"user_x"}}""", PadTo: 5 * 1024 * 1024),
    };

    private static async Task<Uri> CallbackUrlAsync(WorkOSTestClient browser)
    {
        var challenge = await browser.GetAsync("/protected");
        var toCallback = await browser.GetAsync(browser.Location(challenge) + "&login_hint=alice%40acme.com");
        Assert.Equal(HttpStatusCode.Redirect, toCallback.StatusCode);
        return browser.Location(toCallback);
    }

    private static async Task AssertRefusedAsync(AuthKitTestApp app, WorkOSTestClient browser, HttpResponseMessage response, HttpStatusCode status, string error)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.False(response.SetsSessionCookie());
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains(error, body);
        Assert.DoesNotContain(" at WorkOS.", body);
        Assert.Contains(app.Logs.Entries, e => e.EventId.Id == SignInRefusedEvent && e.Message.Contains(error));
        Assert.Equal(HttpStatusCode.Redirect, (await browser.GetAsync("/protected")).StatusCode); // still anonymous
    }

    [Theory]
    [MemberData(nameof(NotWorkOSWord))]
    public async Task Code_exchange_answered_with_something_other_than_a_workos_refusal_is_a_502(Answer answer)
    {
        await using var app = await AuthKitTestApp.StartAsync();
        using var browser = app.CreateBrowser();
        var callback = await CallbackUrlAsync(browser);
        app.Emulator.InjectFault("POST", Authenticate, answer.Status, answer.Body, contentType: answer.ContentType, padTo: answer.PadTo,
            headers: answer.Status == 302 ? new Dictionary<string, string> { ["Location"] = "https://elsewhere.example/authenticate" } : null);

        var response = await browser.GetAsync(callback.PathAndQuery);

        await AssertRefusedAsync(app, browser, response, HttpStatusCode.BadGateway, "workos_unavailable");
    }

    [Fact]
    public async Task Code_exchange_answered_with_a_null_user_is_a_502_and_signs_nobody_in()
    {
        await using var app = await AuthKitTestApp.StartAsync();
        using var browser = app.CreateBrowser();
        var callback = await CallbackUrlAsync(browser);
        var token = app.Emulator.CreateAccessToken(new Dictionary<string, object> { ["sub"] = "user_forged", ["sid"] = "session_forged" });
        app.Emulator.InjectFault("POST", Authenticate, 200, $$"""{"user":null,"access_token":"{{token}}","refresh_token":"rt_forged"}""");

        var response = await browser.GetAsync(callback.PathAndQuery);

        await AssertRefusedAsync(app, browser, response, HttpStatusCode.BadGateway, "workos_unavailable");
    }

    [Fact]
    public async Task Code_exchange_refused_by_workos_in_its_own_shape_is_code_exchange_failed()
    {
        await using var app = await AuthKitTestApp.StartAsync();
        using var browser = app.CreateBrowser();
        var callback = await CallbackUrlAsync(browser);
        app.Emulator.InjectFault("POST", Authenticate, 400, """{"error":"invalid_grant","error_description":"The code has expired."}""");

        var response = await browser.GetAsync(callback.PathAndQuery);

        await AssertRefusedAsync(app, browser, response, HttpStatusCode.BadRequest, "code_exchange_failed");
    }
}
