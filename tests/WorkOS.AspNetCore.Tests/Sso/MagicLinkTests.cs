using System.Net;
using Microsoft.Extensions.DependencyInjection;
using WorkOS.AspNetCore.Api;
using WorkOS.AspNetCore.Sso;
using WorkOS.AspNetCore.Tests.Infrastructure;

namespace WorkOS.AspNetCore.Tests.Sso;

/// <summary>Magic Link end to end: the service creates and sends the link, the link signs in through the SSO callback.</summary>
public sealed class MagicLinkTests
{
    private const string Callback = "http://localhost/auth/sso/callback";

    [Fact]
    public async Task Magic_link_sent_by_workos_signs_in_whoever_opens_it_through_the_sso_callback()
    {
        await using var app = await SsoTestApp.StartAsync();
        var magicLink = app.Services.GetRequiredService<WorkOSMagicLink>();

        var session = await magicLink.CreateSessionAsync("alice@acme.com", "/protected", redirectUri: Callback);
        await magicLink.SendSessionAsync(session.Id);

        var email = Assert.Single(app.Emulator.Outbox);
        Assert.Equal("alice@acme.com", email.To);
        Assert.Equal(session.Link.ToString(), email.Link);
        using var mailbox = app.CreateBrowser(); // another browser than any that started a sign-in
        var toCallback = await mailbox.GetAsync(email.Link);
        Assert.Equal(HttpStatusCode.Redirect, toCallback.StatusCode);
        var callback = mailbox.Location(toCallback);
        Assert.Equal("/auth/sso/callback", callback.AbsolutePath);
        var signedIn = await mailbox.GetAsync(callback.PathAndQuery);
        Assert.Equal("/protected", signedIn.Headers.Location!.OriginalString);
        var claims = await mailbox.ClaimsAsync();
        Assert.Equal("alice@acme.com", claims["email"].Single());
        Assert.Equal("MagicLink", claims["connection_type"].Single());
        var exchange = Assert.Single(app.Emulator.Requests, r => r is { Method: "POST", Path: "/sso/token" });
        Assert.False(exchange.Body.ContainsKey("code_verifier"));
    }

    [Fact]
    public async Task Link_the_app_sends_itself_signs_in_and_the_profile_event_knows_it_came_from_a_magic_link()
    {
        bool? fromMagicLink = null;
        await using var app = await SsoTestApp.StartAsync(options => options.Events.OnProfileReceived = context =>
        {
            fromMagicLink = context.IsMagicLink;
            return Task.CompletedTask;
        });
        var session = await app.Services.GetRequiredService<WorkOSMagicLink>().CreateSessionAsync("someone@example.org", redirectUri: Callback);
        using var browser = app.CreateBrowser();

        var callback = browser.Location(await browser.GetAsync(session.Link.ToString()));
        var signedIn = await browser.GetAsync(callback.PathAndQuery);

        Assert.Empty(app.Emulator.Outbox);
        Assert.Equal("/", signedIn.Headers.Location!.OriginalString);
        Assert.Equal("someone@example.org", (await browser.ClaimsAsync())["email"].Single());
        Assert.True(fromMagicLink);
    }

    [Fact]
    public async Task Magic_link_opened_after_its_lifetime_is_refused()
    {
        await using var app = await SsoTestApp.StartAsync(options => options.MagicLinkLifetime = TimeSpan.FromMinutes(5));
        var session = await app.Services.GetRequiredService<WorkOSMagicLink>().CreateSessionAsync("alice@acme.com", redirectUri: Callback);
        app.Clock.Advance(TimeSpan.FromMinutes(6)); // the emulator's link lives 15 minutes; the app's state 5
        using var browser = app.CreateBrowser();

        var callback = browser.Location(await browser.GetAsync(session.Link.ToString()));
        var response = await browser.GetAsync(callback.PathAndQuery);

        await SsoCallbackAttackTests.AssertRefusedAsync(app, browser, response, HttpStatusCode.BadRequest, "state_expired");
        Assert.Equal(0, app.Emulator.CountRequests("POST", "/sso/token"));
    }

    [Fact]
    public async Task Magic_link_state_cannot_complete_a_stolen_sso_code()
    {
        await using var app = await SsoTestApp.StartAsync();
        using var victim = app.CreateBrowser();
        using var attacker = app.CreateBrowser();
        var stolen = HttpAssertions.Query(await SsoSignInTests.CallbackUrlAsync(victim, "connection=conn_acme_saml&login_hint=alice@acme.com"))["code"].ToString();
        var own = await app.Services.GetRequiredService<WorkOSMagicLink>().CreateSessionAsync("mallory@example.org", redirectUri: Callback);
        var magicState = HttpAssertions.Query(attacker.Location(await attacker.GetAsync(own.Link.ToString())))["state"].ToString();

        var response = await attacker.GetAsync($"/auth/sso/callback?code={stolen}&state={Uri.EscapeDataString(magicState)}");

        await SsoCallbackAttackTests.AssertRefusedAsync(app, attacker, response, HttpStatusCode.BadRequest, "code_exchange_failed");
    }

    [Fact]
    public async Task Magic_link_return_url_outside_the_app_lands_on_the_apps_root()
    {
        await using var app = await SsoTestApp.StartAsync();
        var session = await app.Services.GetRequiredService<WorkOSMagicLink>().CreateSessionAsync("alice@acme.com", "https://evil.test/", redirectUri: Callback);
        using var browser = app.CreateBrowser();

        var callback = browser.Location(await browser.GetAsync(session.Link.ToString()));
        var signedIn = await browser.GetAsync(callback.PathAndQuery);

        Assert.Equal("/", signedIn.Headers.Location!.OriginalString);
        Assert.Contains(app.Logs.Entries, e => e.EventId.Id == 1964);
    }

    [Fact]
    public async Task Sending_an_unknown_session_fails_with_the_workos_error()
    {
        await using var app = await SsoTestApp.StartAsync();

        var error = await Assert.ThrowsAsync<WorkOSApiException>(() =>
            app.Services.GetRequiredService<WorkOSMagicLink>().SendSessionAsync("passwordless_session_missing"));

        Assert.Equal(HttpStatusCode.NotFound, error.StatusCode);
        Assert.Empty(app.Emulator.Outbox);
    }

    [Fact]
    public async Task Magic_link_of_a_custom_scheme_is_a_keyed_service_that_lands_on_its_callback()
    {
        await using var app = await SsoTestApp.StartAsync(options =>
        {
            options.CallbackPath = "/partners/callback";
            options.RedirectUri = "http://localhost/partners/callback";
        }, scheme: "Partners");
        var session = await app.Services.GetRequiredKeyedService<WorkOSMagicLink>("Partners").CreateSessionAsync("alice@acme.com");
        using var browser = app.CreateBrowser();

        var callback = browser.Location(await browser.GetAsync(session.Link.ToString()));
        await browser.GetAsync(callback.PathAndQuery);

        Assert.Equal("/partners/callback", callback.AbsolutePath);
        Assert.Equal("alice@acme.com", (await browser.ClaimsAsync())["email"].Single());
    }
}
