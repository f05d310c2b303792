using System.Net;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using WorkOS.AspNetCore.Emulator;
using WorkOS.AspNetCore.Sso;
using WorkOS.AspNetCore.Testing;
using WorkOS.AspNetCore.Tests.Infrastructure;

namespace WorkOS.AspNetCore.Tests.Sso;

/// <summary>SSO sign-in end to end against the emulator: the profile becomes the app's cookie, the code is bound to its sign-in.</summary>
public sealed class SsoSignInTests
{
    private const int SignInRefusedEvent = 1962;

    /// <summary>Challenges with <paramref name="query"/>, lets the emulator sign in the hinted profile, and returns the callback URL.</summary>
    internal static async Task<Uri> CallbackUrlAsync(WorkOSTestClient browser, string query)
    {
        var challenge = await browser.GetAsync("/sign-in?" + query);
        Assert.Equal(HttpStatusCode.Redirect, challenge.StatusCode);
        var toCallback = await browser.GetAsync(browser.Location(challenge).ToString());
        Assert.Equal(HttpStatusCode.Redirect, toCallback.StatusCode);
        return browser.Location(toCallback);
    }

    [Fact]
    public async Task Signing_in_through_a_saml_connection_puts_the_profile_in_the_apps_cookie()
    {
        await using var app = await SsoTestApp.StartAsync();
        using var browser = app.CreateBrowser();
        var callback = await CallbackUrlAsync(browser, "connection=conn_acme_saml&login_hint=alice@acme.com");

        var signedIn = await browser.GetAsync(callback.PathAndQuery);

        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Equal("/protected", signedIn.Headers.Location!.OriginalString);
        Assert.Contains(signedIn.SetCookies(), c => c.StartsWith(SsoTestApp.CookieName + "=", StringComparison.Ordinal));
        var claims = await browser.ClaimsAsync();
        Assert.StartsWith("prof_", claims["sub"].Single());
        Assert.Equal(claims["sub"], claims[ClaimTypes.NameIdentifier]);
        Assert.Equal("alice@acme.com", claims["email"].Single());
        Assert.Equal("Alice", claims["given_name"].Single());
        Assert.Equal("Admin", claims["family_name"].Single());
        Assert.Equal("conn_acme_saml", claims["connection_id"].Single());
        Assert.Equal("OktaSAML", claims["connection_type"].Single());
        Assert.Equal("org_acme", claims["org_id"].Single());
        Assert.False(string.IsNullOrEmpty(claims["idp_id"].Single()));
        Assert.Equal(["admin"], claims["role"]);
        Assert.DoesNotContain(claims.Keys, k => k.StartsWith("raw:", StringComparison.Ordinal));

        var exchange = Assert.Single(app.Emulator.Requests, r => r is { Method: "POST", Path: "/sso/token" });
        Assert.Equal("authorization_code", exchange.Body["grant_type"]);
        Assert.True(exchange.Body.ContainsKey("code_verifier"));
    }

    [Fact]
    public async Task Signing_in_by_organization_uses_that_organizations_oidc_connection()
    {
        await using var app = await SsoTestApp.StartAsync();
        using var browser = app.CreateBrowser();
        var callback = await CallbackUrlAsync(browser, "organization=org_globex&login_hint=carol@globex.com");

        await browser.GetAsync(callback.PathAndQuery);

        var claims = await browser.ClaimsAsync();
        Assert.Equal("conn_globex_oidc", claims["connection_id"].Single());
        Assert.Equal("GenericOIDC", claims["connection_type"].Single());
        Assert.Equal("carol@globex.com", claims["email"].Single());
    }

    [Fact]
    public async Task Groups_and_opted_in_raw_attributes_become_claims()
    {
        await using var app = await SsoTestApp.StartAsync(options => options.IncludeRawAttributes = true);
        app.Emulator.AddConnection(new SeedConnection
        {
            Id = "conn_acme_groups",
            ConnectionType = "GenericSAML",
            OrganizationId = "org_acme",
            Domains = ["acme.com"],
            Profiles = [new SeedProfile
            {
                Email = "dana@acme.com", FirstName = "Dana", Roles = ["member", "auditor"], Groups = ["finance", "engineering"],
                RawAttributes = new() { ["department"] = "Finance" },
            }],
        });
        using var browser = app.CreateBrowser();
        var callback = await CallbackUrlAsync(browser, "connection=conn_acme_groups&login_hint=dana@acme.com");

        await browser.GetAsync(callback.PathAndQuery);

        var claims = await browser.ClaimsAsync();
        Assert.Equal(["finance", "engineering"], claims["group"]);
        Assert.Equal(["member", "auditor"], claims["role"]);
        Assert.Equal("Finance", claims["raw:department"].Single());
        Assert.Equal("Dana", claims["name"].Single());
    }

    [Fact]
    public async Task Replayed_callback_is_refused_and_keeps_nobody_signed_in()
    {
        await using var app = await SsoTestApp.StartAsync();
        using var victim = app.CreateBrowser();
        using var attacker = app.CreateBrowser();
        var callback = await CallbackUrlAsync(victim, "connection=conn_acme_saml&login_hint=alice@acme.com");
        await victim.GetAsync(callback.PathAndQuery);

        var replayed = await victim.GetAsync(callback.PathAndQuery);
        var elsewhere = await attacker.GetAsync(callback.PathAndQuery);

        await SsoCallbackAttackTests.AssertRefusedAsync(app, attacker, elsewhere, HttpStatusCode.BadRequest, "correlation_failed");
        Assert.Equal(HttpStatusCode.BadRequest, replayed.StatusCode);
        Assert.Equal(1, app.Emulator.CountRequests("POST", "/sso/token"));
    }

    [Fact]
    public async Task Code_used_once_is_refused_with_a_fresh_state()
    {
        await using var app = await SsoTestApp.StartAsync();
        using var browser = app.CreateBrowser();
        var callback = await CallbackUrlAsync(browser, "connection=conn_acme_saml&login_hint=alice@acme.com");
        await browser.GetAsync(callback.PathAndQuery);
        var code = HttpAssertions.Query(callback)["code"].ToString();
        var freshState = await SsoCallbackAttackTests.StartAsync(browser, "connection=conn_acme_saml");
        await browser.PostFormAsync("/sign-out", new Dictionary<string, string>());

        var response = await browser.GetAsync($"/auth/sso/callback?code={code}&state={Uri.EscapeDataString(freshState)}");

        await SsoCallbackAttackTests.AssertRefusedAsync(app, browser, response, HttpStatusCode.BadRequest, "code_exchange_failed");
    }

    [Fact]
    public async Task Code_from_another_sign_in_is_refused_by_its_pkce_verifier()
    {
        await using var app = await SsoTestApp.StartAsync();
        using var victim = app.CreateBrowser();
        using var attacker = app.CreateBrowser();
        var stolen = HttpAssertions.Query(await CallbackUrlAsync(victim, "connection=conn_acme_saml&login_hint=alice@acme.com"))["code"].ToString();
        var attackerState = await SsoCallbackAttackTests.StartAsync(attacker, "connection=conn_acme_saml");

        var response = await attacker.GetAsync($"/auth/sso/callback?code={stolen}&state={Uri.EscapeDataString(attackerState)}");

        await SsoCallbackAttackTests.AssertRefusedAsync(app, attacker, response, HttpStatusCode.BadRequest, "code_exchange_failed");
        Assert.Equal(1, app.Emulator.CountRequests("POST", "/sso/token"));
    }

    [Theory]
    [InlineData("https://evil.test/")]
    [InlineData("//evil.test/")]
    [InlineData("/\\evil.test/")]
    public async Task Return_url_outside_the_app_lands_on_the_apps_root(string returnUrl)
    {
        await using var app = await SsoTestApp.StartAsync();
        using var browser = app.CreateBrowser();
        var callback = await CallbackUrlAsync(browser, "connection=conn_acme_saml&login_hint=alice@acme.com&returnUrl=" + Uri.EscapeDataString(returnUrl));

        var signedIn = await browser.GetAsync(callback.PathAndQuery);

        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Equal("/", signedIn.Headers.Location!.OriginalString);
        Assert.Contains(app.Logs.Entries, e => e.EventId.Id == 1964);
    }

    [Fact]
    public async Task Local_return_url_is_where_the_sign_in_lands()
    {
        await using var app = await SsoTestApp.StartAsync();
        using var browser = app.CreateBrowser();
        var callback = await CallbackUrlAsync(browser, "connection=conn_acme_saml&login_hint=alice@acme.com&returnUrl=" + Uri.EscapeDataString("/reports?year=2026"));

        var signedIn = await browser.GetAsync(callback.PathAndQuery);

        Assert.Equal("/reports?year=2026", signedIn.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Profile_received_links_the_profile_to_the_apps_own_user_or_rejects_it()
    {
        var users = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["alice@acme.com"] = "42" };
        await using var app = await SsoTestApp.StartAsync(options => options.Events.OnProfileReceived = context =>
        {
            if (context.Profile.Email is { } email && users.TryGetValue(email, out var id))
            {
                ((ClaimsIdentity)context.Principal.Identity!).AddClaim(new Claim("app_user_id", id));
            }
            else
            {
                context.Reject("No account of this app uses that email address.");
            }

            return Task.CompletedTask;
        });
        using var alice = app.CreateBrowser();
        using var bob = app.CreateBrowser();

        await alice.GetAsync((await CallbackUrlAsync(alice, "connection=conn_acme_saml&login_hint=alice@acme.com")).PathAndQuery);
        var refused = await bob.GetAsync((await CallbackUrlAsync(bob, "connection=conn_acme_saml&login_hint=bob@acme.com")).PathAndQuery);

        Assert.Equal("42", (await alice.ClaimsAsync())["app_user_id"].Single());
        await SsoCallbackAttackTests.AssertRefusedAsync(app, bob, refused, HttpStatusCode.Forbidden, "profile_rejected");
        Assert.Contains("No account of this app uses that email address.", await refused.Content.ReadAsStringAsync());
        Assert.Contains(app.Logs.Entries, e => e.EventId.Id == 1970);
    }

    [Theory]
    [InlineData("connection=conn_missing&login_hint=alice@acme.com", "connection_invalid")]
    [InlineData("organization=org_missing&login_hint=alice@acme.com", "organization_invalid")]
    [InlineData("connection=conn_globex_oidc&login_hint=alice@acme.com", "connection_unlinked")]
    [InlineData("provider=NotAProvider", "invalid_connection_selector")]
    public async Task Errors_workos_sends_back_end_the_sign_in_with_their_code(string query, string error)
    {
        await using var app = await SsoTestApp.StartAsync();
        app.Emulator.SetConnectionActive("conn_globex_oidc", active: false);
        using var browser = app.CreateBrowser();
        var callback = await CallbackUrlAsync(browser, query);

        var response = await browser.GetAsync(callback.PathAndQuery);

        Assert.Equal(error, HttpAssertions.Query(callback)["error"].ToString());
        await SsoCallbackAttackTests.AssertRefusedAsync(app, browser, response, HttpStatusCode.BadRequest, error);
        Assert.Equal(0, app.Emulator.CountRequests("POST", "/sso/token"));
    }

    [Fact]
    public async Task Access_token_is_not_kept_unless_save_tokens_is_on()
    {
        static void Map(WebApplication web) => web.MapGet("/token", async (HttpContext context) =>
            await context.GetTokenAsync("access_token") is { } token ? "present" : "absent");
        await using var plain = await SsoTestApp.StartAsync(map: Map);
        await using var saving = await SsoTestApp.StartAsync(options => options.SaveTokens = true, Map);
        using var plainBrowser = plain.CreateBrowser();
        using var savingBrowser = saving.CreateBrowser();

        await plainBrowser.GetAsync((await CallbackUrlAsync(plainBrowser, "connection=conn_acme_saml&login_hint=alice@acme.com")).PathAndQuery);
        await savingBrowser.GetAsync((await CallbackUrlAsync(savingBrowser, "connection=conn_acme_saml&login_hint=alice@acme.com")).PathAndQuery);

        Assert.Equal("absent", await (await plainBrowser.GetAsync("/token")).Content.ReadAsStringAsync());
        Assert.Equal("present", await (await savingBrowser.GetAsync("/token")).Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Scheme_with_a_custom_name_signs_in_through_its_own_callback()
    {
        await using var app = await SsoTestApp.StartAsync(options => options.CallbackPath = "/partners/callback", scheme: "Partners");
        using var browser = app.CreateBrowser();
        var callback = await CallbackUrlAsync(browser, "connection=conn_acme_saml&login_hint=alice@acme.com");

        await browser.GetAsync(callback.PathAndQuery);

        Assert.Equal("/partners/callback", callback.AbsolutePath);
        Assert.Equal("alice@acme.com", (await browser.ClaimsAsync())["email"].Single());
    }
}
