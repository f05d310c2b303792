using System.Net;
using System.Security.Cryptography;
using Microsoft.Extensions.Time.Testing;
using Microsoft.IdentityModel.Tokens;
using WorkOS.AspNetCore.Testing;
using WorkOS.AspNetCore.Tests.Infrastructure;

namespace WorkOS.AspNetCore.Tests.Authentication;

/// <summary>Bad input at the callback: every case ends in a clear non-500 answer, a log line, and nobody signed in.</summary>
public sealed class SignInAttackTests
{
    private const int SignInRefusedEvent = 1004;

    /// <summary>Starts a sign-in and lets the emulator answer; returns the callback URL the browser would visit.</summary>
    private static async Task<Uri> CallbackUrlAsync(WorkOSTestClient browser, string email = "alice@acme.com", Func<Uri, Uri>? alterAuthorize = null)
    {
        var challenge = await browser.GetAsync("/protected");
        var authorize = browser.Location(challenge);
        authorize = alterAuthorize?.Invoke(authorize) ?? authorize;
        var toCallback = await browser.GetAsync(authorize + "&login_hint=" + Uri.EscapeDataString(email));
        Assert.Equal(HttpStatusCode.Redirect, toCallback.StatusCode);
        return browser.Location(toCallback);
    }

    private static async Task AssertRefusedAsync(AuthKitTestApp app, WorkOSTestClient browser, HttpResponseMessage response,
        HttpStatusCode status, string error)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.False(response.SetsSessionCookie());
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains(error, body);
        Assert.DoesNotContain(" at WorkOS.", body); // no stack trace
        Assert.Contains(app.Logs.Entries, e => e.EventId.Id == SignInRefusedEvent && e.Message.Contains(error));
        var after = await browser.GetAsync("/protected");
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode); // still anonymous: challenged again
    }

    [Fact]
    public async Task Tampered_state_is_refused_with_400()
    {
        await using var app = await AuthKitTestApp.StartAsync();
        using var browser = app.CreateBrowser();
        var callback = await CallbackUrlAsync(browser);
        var query = HttpAssertions.Query(callback);
        var state = query["state"].ToString();
        var tampered = state[..^4] + (state[^4] == 'A' ? "B" : "A") + state[^3..];

        var response = await browser.GetAsync($"/auth/callback?code={query["code"]}&state={tampered}");

        await AssertRefusedAsync(app, browser, response, HttpStatusCode.BadRequest, "invalid_state");
        Assert.Equal(0, app.Emulator.CountRequests("POST", "/user_management/authenticate"));
    }

    [Fact]
    public async Task State_issued_by_another_app_is_refused()
    {
        await using var app = await AuthKitTestApp.StartAsync();
        await using var other = await AuthKitTestApp.StartAsync();
        using var browser = app.CreateBrowser();
        using var otherBrowser = other.CreateBrowser();
        var foreignCallback = await CallbackUrlAsync(otherBrowser);

        var response = await browser.GetAsync(foreignCallback.PathAndQuery);

        await AssertRefusedAsync(app, browser, response, HttpStatusCode.BadRequest, "invalid_state");
    }

    [Fact]
    public async Task Expired_state_is_refused_with_400()
    {
        await using var app = await AuthKitTestApp.StartAsync();
        using var browser = app.CreateBrowser();
        var callback = await CallbackUrlAsync(browser);
        app.Clock.Advance(TimeSpan.FromMinutes(16));

        var response = await browser.GetAsync(callback.PathAndQuery);

        await AssertRefusedAsync(app, browser, response, HttpStatusCode.BadRequest, "state_expired");
    }

    [Fact]
    public async Task Callback_without_state_restarts_sign_in_instead_of_failing()
    {
        await using var app = await AuthKitTestApp.StartAsync();
        using var browser = app.CreateBrowser();

        var response = await browser.GetAsync("/auth/callback?code=01HIDP_INITIATED_CODE");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/user_management/authorize", browser.Location(response).AbsolutePath);
        Assert.Equal(0, app.Emulator.CountRequests("POST", "/user_management/authenticate"));
        Assert.Contains(app.Logs.Entries, e => e.EventId.Id == 1003);

        // And the restarted sign-in completes.
        var toCallback = await browser.GetAsync(browser.Location(response) + "&login_hint=bob%40acme.com");
        var callback = await browser.GetAsync(browser.Location(toCallback).ToString());
        Assert.True(callback.SetsSessionCookie());
    }

    [Fact]
    public async Task Missing_correlation_cookie_is_refused_with_400()
    {
        await using var app = await AuthKitTestApp.StartAsync();
        using var browser = app.CreateBrowser();
        var callback = await CallbackUrlAsync(browser);
        using var otherBrowser = app.CreateBrowser(); // the victim's browser never started this sign-in

        var response = await otherBrowser.GetAsync(callback.PathAndQuery);

        await AssertRefusedAsync(app, otherBrowser, response, HttpStatusCode.BadRequest, "correlation_failed");
        Assert.Equal(0, app.Emulator.CountRequests("POST", "/user_management/authenticate"));
    }

    [Fact]
    public async Task Replayed_callback_is_refused_and_does_not_sign_in_again()
    {
        await using var app = await AuthKitTestApp.StartAsync();
        using var browser = app.CreateBrowser();
        var callback = await CallbackUrlAsync(browser);
        var pending = browser.GetCookie(WorkOSAuthKitDefaults.PendingSignInCookieName)!;
        var first = await browser.GetAsync(callback.PathAndQuery);
        Assert.True(first.SetsSessionCookie());

        // Replayed from another browser that somehow holds the pending cookie: the code is single use at WorkOS.
        using var attacker = app.CreateBrowser();
        attacker.Cookies.Add(new Cookie(WorkOSAuthKitDefaults.PendingSignInCookieName, pending, "/auth/callback", "localhost"));
        var replay = await attacker.GetAsync(callback.PathAndQuery);

        await AssertRefusedAsync(app, attacker, replay, HttpStatusCode.BadRequest, "code_exchange_failed");

        // Replayed in the same browser: the pending sign-in was consumed.
        var again = await browser.GetAsync(callback.PathAndQuery);
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        Assert.Contains("correlation_failed", await again.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Substituted_code_challenge_makes_the_exchange_fail()
    {
        await using var app = await AuthKitTestApp.StartAsync();
        using var browser = app.CreateBrowser();
        var forged = Base64UrlEncoder.Encode(SHA256.HashData("attacker-verifier-attacker-verifier-attacker"u8.ToArray()));
        var callback = await CallbackUrlAsync(browser, alterAuthorize: uri =>
        {
            var query = HttpAssertions.Query(uri);
            return new Uri(uri.ToString().Replace("code_challenge=" + Uri.EscapeDataString(query["code_challenge"]!), "code_challenge=" + forged));
        });

        var response = await browser.GetAsync(callback.PathAndQuery);

        await AssertRefusedAsync(app, browser, response, HttpStatusCode.BadRequest, "code_exchange_failed");
    }

    [Fact]
    public async Task Access_denied_from_workos_answers_403_or_redirects_to_the_access_denied_path()
    {
        await using var app = await AuthKitTestApp.StartAsync();
        using var browser = app.CreateBrowser();
        var state = HttpAssertions.Query(await CallbackUrlAsync(browser))["state"];

        var response = await browser.GetAsync($"/auth/callback?error=access_denied&error_description=User+cancelled&state={Uri.EscapeDataString(state!)}");

        await AssertRefusedAsync(app, browser, response, HttpStatusCode.Forbidden, "access_denied");

        await using var withPath = await AuthKitTestApp.StartAsync(o => o.AccessDeniedPath = "/denied");
        using var browser2 = withPath.CreateBrowser();
        var state2 = HttpAssertions.Query(await CallbackUrlAsync(browser2))["state"];
        var redirected = await browser2.GetAsync($"/auth/callback?error=access_denied&state={Uri.EscapeDataString(state2!)}");
        Assert.Equal(HttpStatusCode.Redirect, redirected.StatusCode);
        Assert.Equal("/denied", browser2.Location(redirected).AbsolutePath);
        Assert.False(redirected.SetsSessionCookie());
    }

    [Theory]
    [InlineData("organization_invalid", HttpStatusCode.BadRequest)]
    [InlineData("connection_invalid", HttpStatusCode.BadRequest)]
    [InlineData("server_error", HttpStatusCode.BadGateway)]
    public async Task Workos_error_redirects_become_clear_failures(string error, HttpStatusCode status)
    {
        await using var app = await AuthKitTestApp.StartAsync();
        using var browser = app.CreateBrowser();
        var state = HttpAssertions.Query(await CallbackUrlAsync(browser))["state"];

        var response = await browser.GetAsync($"/auth/callback?error={error}&error_description=Something+went+wrong&state={Uri.EscapeDataString(state!)}");

        await AssertRefusedAsync(app, browser, response, status, error);
    }

    [Fact]
    public async Task Failures_redirect_to_the_error_path_when_one_is_configured()
    {
        await using var app = await AuthKitTestApp.StartAsync(o => o.ErrorPath = "/sign-in-error");
        using var browser = app.CreateBrowser();

        var response = await browser.GetAsync("/auth/callback?code=abc&state=not-a-real-state");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!.OriginalString;
        Assert.StartsWith("/sign-in-error?error=invalid_state", location, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Token_signed_by_a_key_workos_does_not_publish_is_refused()
    {
        await using var app = await AuthKitTestApp.StartAsync(o => o.JwksRefreshInterval = TimeSpan.FromSeconds(1));
        using var browser = app.CreateBrowser();
        using var otherKey = RSA.Create(2048);
        var jwk = JsonWebKeyConverter.ConvertFromRSASecurityKey(new RsaSecurityKey(otherKey.ExportParameters(false)) { KeyId = "attacker-key" });
        var jwks = $$"""{"keys":[{"kty":"RSA","use":"sig","alg":"RS256","kid":"attacker-key","n":"{{jwk.N}}","e":"{{jwk.E}}"}]}""";
        app.Emulator.InjectFault("GET", "/sso/jwks/*", 200, jwks, count: -1);
        var callback = await CallbackUrlAsync(browser);

        var response = await browser.GetAsync(callback.PathAndQuery);

        await AssertRefusedAsync(app, browser, response, HttpStatusCode.BadRequest, "token_invalid");
    }

    [Fact]
    public async Task Expired_token_from_the_exchange_is_refused()
    {
        var emulatorClock = new FakeTimeProvider(DateTimeOffset.UtcNow.AddHours(-1)); // an hour behind the app
        await using var app = await AuthKitTestApp.StartAsync(emulatorClock: emulatorClock);
        using var browser = app.CreateBrowser();
        var callback = await CallbackUrlAsync(browser);

        var response = await browser.GetAsync(callback.PathAndQuery);

        await AssertRefusedAsync(app, browser, response, HttpStatusCode.BadRequest, "token_invalid");
        Assert.Contains(app.Logs.Entries, e => e.Message.Contains("expired"));
    }

    [Fact]
    public async Task Workos_unreachable_at_the_exchange_answers_502_without_signing_in()
    {
        await using var app = await AuthKitTestApp.StartAsync();
        using var browser = app.CreateBrowser();
        var callback = await CallbackUrlAsync(browser);
        app.Emulator.InjectFault("POST", "/user_management/authenticate", 503, """{"message":"Service unavailable"}""");

        var response = await browser.GetAsync(callback.PathAndQuery);

        await AssertRefusedAsync(app, browser, response, HttpStatusCode.BadGateway, "workos_unavailable");
    }

    [Fact]
    public async Task Oversized_code_is_refused_before_calling_workos()
    {
        await using var app = await AuthKitTestApp.StartAsync();
        using var browser = app.CreateBrowser();
        var state = HttpAssertions.Query(await CallbackUrlAsync(browser))["state"];

        var response = await browser.GetAsync($"/auth/callback?code={new string('a', 5000)}&state={Uri.EscapeDataString(state!)}");

        await AssertRefusedAsync(app, browser, response, HttpStatusCode.BadRequest, "invalid_request");
        Assert.Equal(0, app.Emulator.CountRequests("POST", "/user_management/authenticate"));
    }

    [Fact]
    public async Task Tampered_session_cookie_is_treated_as_signed_out()
    {
        await using var app = await AuthKitTestApp.StartAsync();
        using var browser = app.CreateBrowser();
        await browser.SignInAsync("alice@acme.com");
        var cookie = browser.Cookies.GetAllCookies().First(c => c.Name == WorkOSAuthKitDefaults.SessionCookieName);
        cookie.Value = cookie.Value[..^6] + (cookie.Value[^6] == 'x' ? "y" : "x") + cookie.Value[^5..];

        var response = await browser.GetAsync("/protected");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/user_management/authorize", browser.Location(response).AbsolutePath);
    }

    [Fact]
    public async Task Logs_never_contain_the_api_key_the_code_or_tokens()
    {
        await using var app = await AuthKitTestApp.StartAsync();
        using var browser = app.CreateBrowser();
        var callback = await CallbackUrlAsync(browser);
        var code = HttpAssertions.Query(callback)["code"].ToString();
        await browser.GetAsync(callback.PathAndQuery);
        var sessionCookie = browser.GetCookie(WorkOSAuthKitDefaults.SessionCookieName)!;

        var all = string.Join('\n', app.Logs.Entries.Select(e => e.Message + e.Exception));
        Assert.DoesNotContain(app.Emulator.ApiKey, all);
        Assert.DoesNotContain(code, all);
        Assert.DoesNotContain(sessionCookie[..20], all);
        Assert.DoesNotContain("eyJ", all); // no JWT
    }
}
