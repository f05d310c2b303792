using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.DependencyInjection;
using WorkOS.AspNetCore.Sso;
using WorkOS.AspNetCore.Tests.Infrastructure;

namespace WorkOS.AspNetCore.Tests.Sso;

/// <summary>The SSO challenge: exactly one selector, PKCE, a protected state, the hints, and a clear refusal otherwise.</summary>
public sealed class SsoChallengeTests
{
    private const int SelectorInvalidEvent = 1961;

    [Theory]
    [InlineData("connection", "conn_01TEST")]
    [InlineData("organization", "org_01TEST")]
    [InlineData("provider", "GoogleOAuth")]
    public async Task Challenge_redirects_to_sso_authorize_with_pkce_and_exactly_the_chosen_selector(string selector, string value)
    {
        await using var app = await SsoTestApp.StartAsync();
        using var browser = app.CreateBrowser();

        var response = await browser.GetAsync($"/sign-in?{selector}={value}");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var authorize = browser.Location(response);
        Assert.Equal(new Uri(app.Emulator.BaseUrl, "sso/authorize").AbsoluteUri, authorize.GetLeftPart(UriPartial.Path));
        var query = HttpAssertions.Query(authorize);
        Assert.Equal(value, query[selector].ToString());
        Assert.All(new[] { "connection", "organization", "provider" }.Where(s => s != selector), s => Assert.False(query.ContainsKey(s)));
        Assert.Equal("code", query["response_type"].ToString());
        Assert.Equal(app.Emulator.ClientId, query["client_id"].ToString());
        Assert.Equal("http://localhost/auth/sso/callback", query["redirect_uri"].ToString());
        Assert.Equal("S256", query["code_challenge_method"].ToString());
        Assert.Equal(43, query["code_challenge"].ToString().Length);
        Assert.False(string.IsNullOrEmpty(query["state"].ToString()));
        Assert.Contains(response.SetCookies(), c => c.StartsWith(WorkOSSsoDefaults.PendingSignInCookieName + "=", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Challenge_sends_domain_hint_login_hint_prompt_login_and_provider_scopes()
    {
        await using var app = await SsoTestApp.StartAsync();
        using var browser = app.CreateBrowser();

        var response = await browser.GetAsync("/sign-in?provider=GoogleOAuth&domain_hint=acme.com&login_hint=alice@acme.com&force=true&scopes=openid,calendar");

        var query = HttpAssertions.Query(browser.Location(response));
        Assert.Equal("acme.com", query["domain_hint"].ToString());
        Assert.Equal("alice@acme.com", query["login_hint"].ToString());
        Assert.Equal("login", query["prompt"].ToString());
        Assert.Equal("openid calendar", query["provider_scopes"].ToString());
    }

    [Fact]
    public async Task Challenge_without_a_selector_is_refused_before_any_redirect()
    {
        await using var app = await SsoTestApp.StartAsync();
        using var browser = app.CreateBrowser();

        var response = await browser.GetAsync("/sign-in");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(response.Headers.Location);
        Assert.Contains("sso_selector_missing", await response.Content.ReadAsStringAsync());
        Assert.Contains(app.Logs.Entries, e => e.EventId.Id == SelectorInvalidEvent);
        Assert.DoesNotContain(response.SetCookies(), c => c.StartsWith(WorkOSSsoDefaults.PendingSignInCookieName, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Challenge_with_two_selectors_is_refused_before_any_redirect()
    {
        await using var app = await SsoTestApp.StartAsync();
        using var browser = app.CreateBrowser();

        var response = await browser.GetAsync("/sign-in?connection=conn_01TEST&organization=org_01TEST");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(response.Headers.Location);
        Assert.Contains("sso_selector_ambiguous", await response.Content.ReadAsStringAsync());
        Assert.Contains(app.Logs.Entries, e => e.EventId.Id == SelectorInvalidEvent && e.Message.Contains("connection, organization"));
    }

    [Fact]
    public async Task Resolver_chooses_the_organization_from_the_email_domain_the_user_typed()
    {
        await using var app = await SsoTestApp.StartAsync(options => options.Events.OnResolveSelector = context =>
        {
            var email = context.Request.Query["email"].ToString();
            if (email.EndsWith("@acme.com", StringComparison.OrdinalIgnoreCase))
            {
                context.OrganizationId = "org_ACME";
            }

            return Task.CompletedTask;
        });
        using var browser = app.CreateBrowser();

        var acme = await browser.GetAsync("/sign-in?email=alice@acme.com");
        var unknown = await browser.GetAsync("/sign-in?email=bob@elsewhere.test");

        Assert.Equal("org_ACME", HttpAssertions.Query(browser.Location(acme))["organization"].ToString());
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Null(unknown.Headers.Location);
    }

    [Fact]
    public async Task Resolver_adding_a_second_selector_is_refused()
    {
        await using var app = await SsoTestApp.StartAsync(options => options.Events.OnResolveSelector = context =>
        {
            context.Provider = "GoogleOAuth";
            return Task.CompletedTask;
        });
        using var browser = app.CreateBrowser();

        var response = await browser.GetAsync("/sign-in?connection=conn_01TEST");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(response.Headers.Location);
    }

    [Fact]
    public async Task Configured_connection_is_used_when_the_challenge_chose_none()
    {
        await using var app = await SsoTestApp.StartAsync(options => options.ConnectionId = "conn_DEFAULT");
        using var browser = app.CreateBrowser();

        var defaulted = await browser.GetAsync("/sign-in");
        var chosen = await browser.GetAsync("/sign-in?organization=org_01TEST");

        Assert.Equal("conn_DEFAULT", HttpAssertions.Query(browser.Location(defaulted))["connection"].ToString());
        var chosenQuery = HttpAssertions.Query(browser.Location(chosen));
        Assert.Equal("org_01TEST", chosenQuery["organization"].ToString());
        Assert.False(chosenQuery.ContainsKey("connection"));
    }

    [Fact]
    public async Task Two_configured_selectors_are_refused_at_startup()
    {
        var error = await Assert.ThrowsAnyAsync<Exception>(() => SsoTestApp.StartAsync(options =>
        {
            options.ConnectionId = "conn_01TEST";
            options.Provider = "GoogleOAuth";
        }));

        Assert.Contains("at most one of ConnectionId, OrganizationId and Provider", error.ToString());
    }

    [Fact]
    public async Task Bad_client_settings_are_refused_at_startup_with_what_to_set()
    {
        var error = await Assert.ThrowsAnyAsync<Exception>(() => SsoTestApp.StartAsync(options =>
        {
            options.ConnectionId = "conn_01TEST";
            options.RedirectUri = "not-a-url";
            options.MaxPendingSignIns = 0;
        }));

        Assert.Contains("WorkOS SSO RedirectUri 'not-a-url' must be an absolute URL.", error.ToString());
        Assert.Contains("WorkOS SSO MaxPendingSignIns must be between 1 and 20.", error.ToString());
    }

    [Fact]
    public void A_plain_http_API_base_URL_is_refused_outside_Development_unless_allowed()
    {
        var options = new WorkOSSsoOptions { SignInScheme = "Cookies", ClientId = "client_01TEST", ApiKey = "sk_test", ApiBaseUrl = "http://workos.internal" };

        Assert.Contains(WorkOSSsoOptionsValidator.Collect(options, isDevelopment: false, "WorkOSSso"), e => e.Contains("must use https outside Development", StringComparison.Ordinal));
        Assert.Empty(WorkOSSsoOptionsValidator.Collect(options, isDevelopment: true, "WorkOSSso"));
        options.AllowHttpApiBaseUrl = true;
        Assert.Empty(WorkOSSsoOptionsValidator.Collect(options, isDevelopment: false, "WorkOSSso"));
    }

    [Fact]
    public async Task Script_request_gets_401_instead_of_a_redirect()
    {
        await using var app = await SsoTestApp.StartAsync(options => options.ConnectionId = "conn_01TEST");
        using var browser = app.CreateBrowser();

        var response = await browser.GetAsync("/protected", request => request.Headers.Add("Accept", "application/json"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Null(response.Headers.Location);
    }

    [Fact]
    public async Task Code_challenge_is_the_s256_hash_of_the_verifier_kept_in_the_state()
    {
        await using var app = await SsoTestApp.StartAsync();
        using var browser = app.CreateBrowser();

        var query = HttpAssertions.Query(browser.Location(await browser.GetAsync("/sign-in?connection=conn_01TEST")));

        var options = app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptionsMonitor<WorkOSSsoOptions>>().Get(WorkOSSsoDefaults.AuthenticationScheme);
        var properties = options.StateDataFormat.Unprotect(query["state"].ToString())!;
        var verifier = properties.Items[".workos.code_verifier"]!;
        Assert.Equal(Base64UrlTextEncoder.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(verifier))), query["code_challenge"].ToString());
    }
}
