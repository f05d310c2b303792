using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Authentication;
using WorkOS.AspNetCore.Tests.Infrastructure;

namespace WorkOS.AspNetCore.Tests.Authentication;

public sealed class SignInFlowTests
{
    [Fact]
    public async Task Challenge_redirects_to_authkit_with_pkce_and_protected_state()
    {
        await using var app = await AuthKitTestApp.StartAsync();
        using var browser = app.CreateBrowser();

        var response = await browser.GetAsync("/protected");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = browser.Location(response);
        Assert.Equal(app.Emulator.BaseUrl.Host, location.Host);
        Assert.Equal("/user_management/authorize", location.AbsolutePath);
        var query = HttpAssertions.Query(location);
        Assert.Equal(app.Emulator.ClientId, query["client_id"]);
        Assert.Equal("http://localhost/auth/callback", query["redirect_uri"]);
        Assert.Equal("code", query["response_type"]);
        Assert.Equal("authkit", query["provider"]);
        Assert.Equal("S256", query["code_challenge_method"]);
        Assert.Equal(43, query["code_challenge"].ToString().Length);
        Assert.True(query["state"].ToString().Length > 40);
        Assert.DoesNotContain(app.Emulator.ApiKey, location.ToString());
        Assert.NotNull(browser.GetCookie(WorkOSAuthKitDefaults.PendingSignInCookieName));
    }

    [Fact]
    public async Task Code_challenge_is_the_S256_hash_of_the_verifier_sent_at_the_exchange()
    {
        await using var app = await AuthKitTestApp.StartAsync();
        using var browser = app.CreateBrowser();

        var challenge = await browser.GetAsync("/protected");
        var codeChallenge = HttpAssertions.Query(browser.Location(challenge))["code_challenge"].ToString();
        var toCallback = await browser.GetAsync(browser.Location(challenge) + "&login_hint=alice%40acme.com");
        var callback = await browser.GetAsync(browser.Location(toCallback).ToString());

        Assert.Equal(HttpStatusCode.Redirect, callback.StatusCode);
        var exchange = Assert.Single(app.Emulator.Requests, r => r.Path == "/user_management/authenticate");
        var verifier = exchange.Body["code_verifier"];
        Assert.True(verifier.Length >= 43);
        Assert.Equal(codeChallenge, Base64UrlTextEncoder.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(verifier))));
        Assert.Equal("authorization_code", exchange.Body["grant_type"]);
        Assert.Equal("***", exchange.Body["client_secret"]);
    }

    [Fact]
    public async Task Round_trip_signs_in_with_the_claims_of_the_token_and_the_user()
    {
        await using var app = await AuthKitTestApp.StartAsync();
        using var browser = app.CreateBrowser();

        var callback = await browser.SignInAsync("alice@acme.com", "/protected");

        Assert.Equal(HttpStatusCode.Redirect, callback.StatusCode);
        Assert.True(callback.SetsSessionCookie());
        var claims = await browser.ClaimsAsync();
        Assert.Equal(["user_alice"], claims["sub"]);
        Assert.Equal(["org_acme"], claims["org_id"]);
        Assert.StartsWith("session_", claims["sid"].Single(), StringComparison.Ordinal);
        Assert.Equal(["admin"], claims["role"]);
        Assert.Contains("posts:write", claims["permission"]);
        Assert.Contains("users:manage", claims["permission"]);
        Assert.Equal(["audit-logs", "sso"], claims["entitlement"].Order().ToArray());
        Assert.Contains("new-dashboard", claims["feature_flag"]);
        Assert.Equal(["alice@acme.com"], claims["email"]);
        Assert.Equal(["Alice"], claims["given_name"]);
        Assert.Equal(["true"], claims["email_verified"]);
        Assert.False(claims.ContainsKey("exp"));
    }

    [Fact]
    public async Task Return_url_is_preserved_through_sign_in()
    {
        await using var app = await AuthKitTestApp.StartAsync();
        using var browser = app.CreateBrowser();

        var callback = await browser.SignInAsync("bob@acme.com", "/protected?tab=billing&x=1");

        Assert.Equal("/protected?tab=billing&x=1", callback.Headers.Location!.OriginalString);
        var landed = await browser.FollowAsync(callback);
        Assert.Equal(HttpStatusCode.OK, landed.StatusCode);
    }

    [Theory]
    [InlineData("https://evil.example/phish")]
    [InlineData("//evil.example/phish")]
    [InlineData("/\\evil.example")]
    [InlineData("javascript:alert(1)")]
    public async Task Non_local_return_url_is_refused_and_sign_in_lands_on_root(string returnUrl)
    {
        await using var app = await AuthKitTestApp.StartAsync();
        using var browser = app.CreateBrowser();

        var callback = await browser.SignInAsync("bob@acme.com", "/auth/sign-in?returnUrl=" + Uri.EscapeDataString(returnUrl));

        Assert.Equal(HttpStatusCode.Redirect, callback.StatusCode);
        Assert.Equal("/", callback.Headers.Location!.OriginalString);
        Assert.True(callback.SetsSessionCookie());
    }

    [Fact]
    public async Task Sign_in_endpoint_passes_organization_and_login_hint_and_sign_up_sets_the_screen_hint()
    {
        await using var app = await AuthKitTestApp.StartAsync();
        using var browser = app.CreateBrowser();

        var signIn = await browser.GetAsync("/auth/sign-in?organizationId=org_globex&loginHint=alice%40acme.com");
        var signInQuery = HttpAssertions.Query(browser.Location(signIn));
        Assert.Equal("org_globex", signInQuery["organization_id"]);
        Assert.Equal("alice@acme.com", signInQuery["login_hint"]);
        Assert.False(signInQuery.ContainsKey("screen_hint"));

        var signUp = await browser.GetAsync("/auth/sign-up");
        Assert.Equal("sign-up", HttpAssertions.Query(browser.Location(signUp))["screen_hint"]);

        var toCallback = await browser.GetAsync(browser.Location(signIn).ToString());
        await browser.GetAsync(browser.Location(toCallback).ToString());
        var claims = await browser.ClaimsAsync();
        Assert.Equal(["org_globex"], claims["org_id"]);
        Assert.Equal(["member"], claims["role"]);
    }

    [Fact]
    public async Task Redirect_event_can_change_the_authorize_request()
    {
        await using var app = await AuthKitTestApp.StartAsync(options =>
            options.Events.OnRedirectToAuthorize = context =>
            {
                context.Parameters["domain_hint"] = "acme.com";
                return Task.CompletedTask;
            });
        using var browser = app.CreateBrowser();

        var response = await browser.GetAsync("/protected");

        Assert.Equal("acme.com", HttpAssertions.Query(browser.Location(response))["domain_hint"]);
    }

    [Fact]
    public async Task Requests_that_are_not_navigations_get_401_instead_of_a_redirect()
    {
        await using var app = await AuthKitTestApp.StartAsync();
        using var browser = app.CreateBrowser();

        var xhr = await browser.GetAsync("/protected", r => r.Headers.Add("X-Requested-With", "XMLHttpRequest"));
        var fetch = await browser.GetAsync("/protected", r =>
        {
            r.Headers.Add("Sec-Fetch-Mode", "cors");
            r.Headers.Add("Accept", "application/json");
        });

        Assert.Equal(HttpStatusCode.Unauthorized, xhr.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, fetch.StatusCode);
    }

    [Fact]
    public async Task Signing_keys_are_fetched_once_for_many_sign_ins()
    {
        await using var app = await AuthKitTestApp.StartAsync();

        for (var i = 0; i < 5; i++)
        {
            using var browser = app.CreateBrowser();
            var callback = await browser.SignInAsync(i % 2 == 0 ? "alice@acme.com" : "bob@acme.com");
            Assert.True(callback.SetsSessionCookie());
        }

        Assert.Equal(1, app.Emulator.CountRequests("GET", "/sso/jwks/*"));
        Assert.Equal(5, app.Emulator.CountRequests("POST", "/user_management/authenticate"));
    }

    [Fact]
    public async Task Signed_in_user_keeps_the_session_on_later_requests_without_calling_workos()
    {
        await using var app = await AuthKitTestApp.StartAsync();
        using var browser = app.CreateBrowser();
        await browser.SignInAsync("alice@acme.com");
        var before = app.Emulator.Requests.Count;

        for (var i = 0; i < 10; i++)
        {
            await browser.ClaimsAsync();
        }

        Assert.Equal(before, app.Emulator.Requests.Count);
    }
}
