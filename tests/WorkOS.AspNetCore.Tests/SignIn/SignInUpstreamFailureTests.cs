using System.Net;
using WorkOS.AspNetCore.Tests.Infrastructure;

namespace WorkOS.AspNetCore.Tests.SignIn;

/// <summary>What a sign-in page gets when WorkOS is down, answers with something else than its JSON, or rate limits.</summary>
public sealed class SignInUpstreamFailureTests
{
    private const string Authenticate = "/user_management/authenticate";

    [Theory]
    [InlineData(503, "application/json", "{\"code\":\"server_error\"}", 0)]
    [InlineData(502, "text/html", "<html><body>Bad gateway</body></html>", 0)]
    [InlineData(200, "text/html", "<html><body>Welcome to the proxy</body></html>", 0)]
    [InlineData(200, "application/json", "{\"access_token\":", 0)]
    [InlineData(200, "application/json", "{}", 2 * 1024 * 1024)]
    public async Task WorkOS_down_or_answering_other_than_its_json_fails_as_workos_unavailable_without_a_session(int status, string contentType,
        string body, int padTo)
    {
        await using var app = await SignInApp.StartAsync();
        app.Emulator.InjectFault("POST", Authenticate, status, body, contentType: contentType, padTo: padTo);
        var browser = app.CreateBrowser();

        var page = await browser.PostAsync("/signin/password", ("email", "alice@example.com"), ("password", "correct horse"));

        Assert.Equal("Failed", page.Status);
        Assert.Equal("workos_unavailable", page.ErrorCode);
        Assert.Equal("The sign-in service could not be reached. Please try again.", page.ErrorMessage);
        Assert.Null(page.UserId);
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.GetAsync("/protected", r => r.Headers.Add("Accept", "application/json"))).StatusCode);
        Assert.Contains(app.Logs.Entries, e => e.EventId.Id == 1976);
    }

    [Fact]
    public async Task WorkOS_rate_limiting_the_grant_answers_RateLimited_with_the_wait_it_asked_for()
    {
        await using var app = await SignInApp.StartAsync();
        app.Emulator.InjectFault("POST", Authenticate, 429, "{\"code\":\"rate_limit_exceeded\",\"message\":\"Too many requests\"}",
            headers: new Dictionary<string, string> { ["Retry-After"] = "42" });
        var browser = app.CreateBrowser();

        var page = await browser.PostAsync("/signin/password", ("email", "alice@example.com"), ("password", "correct horse"));

        Assert.Equal("RateLimited", page.Status);
        Assert.Equal(42, page.RetryAfterSeconds);
        Assert.Contains(app.Logs.Entries, e => e.EventId.Id == 1977);
    }

    [Fact]
    public async Task A_refusal_shows_the_librarys_message_for_its_code_never_WorkOS_text()
    {
        await using var app = await SignInApp.StartAsync();
        app.Emulator.InjectFault("POST", Authenticate, 400, "{\"code\":\"invalid_credentials\",\"message\":\"<script>alert(1)</script>\"}");
        var browser = app.CreateBrowser();

        var page = await browser.PostAsync("/signin/password", ("email", "alice@example.com"), ("password", "wrong"));

        Assert.Equal("Failed", page.Status);
        Assert.Equal("invalid_credentials", page.ErrorCode);
        Assert.Equal("The email address or password is incorrect.", page.ErrorMessage);
        Assert.Contains(app.Logs.Entries, e => e.EventId.Id == 1975);
    }

    [Fact]
    public async Task A_refusal_whose_code_is_not_code_shaped_is_reported_as_sign_in_refused()
    {
        await using var app = await SignInApp.StartAsync();
        app.Emulator.InjectFault("POST", Authenticate, 400, "{\"code\":\"<img src=x onerror=alert(1)>\",\"message\":\"nope\"}");
        var browser = app.CreateBrowser();

        var page = await browser.PostAsync("/signin/password", ("email", "alice@example.com"), ("password", "wrong"));

        Assert.Equal("Failed", page.Status);
        Assert.Equal("sign_in_refused", page.ErrorCode);
        Assert.Equal("The sign-in could not be completed.", page.ErrorMessage);
    }

    [Fact]
    public async Task The_grant_carries_the_browsers_ip_address_and_user_agent_to_WorkOS()
    {
        await using var app = await SignInApp.StartAsync();
        app.Emulator.InjectFault("POST", Authenticate, 400, "{\"code\":\"invalid_credentials\",\"message\":\"Invalid credentials\"}");
        var browser = app.CreateBrowser();
        browser.DefaultRequestHeaders.UserAgent.ParseAdd("CustomPageBrowser/1.0");

        await browser.PostAsync("/signin/password", ("email", "alice@example.com"), ("password", "wrong"));

        var grant = Assert.Single(app.Emulator.Requests, r => r.Path == Authenticate);
        Assert.Equal("password", grant.Body["grant_type"]);
        Assert.Equal(SignInApp.ClientAddress.ToString(), grant.Body["ip_address"]);
        Assert.Equal("CustomPageBrowser/1.0", grant.Body["user_agent"]);
        Assert.Equal(app.Emulator.ClientId, grant.Body["client_id"]);
    }
}
