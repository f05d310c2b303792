using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using WorkOS.AspNetCore.SsoSample.Users;
using WorkOS.AspNetCore.Testing;
using SsoProgram = WorkOS.AspNetCore.SsoSample.Program;

namespace WorkOS.AspNetCore.Sample.Tests;

/// <summary>
/// The SSO-only sample (its own user table, WorkOS SSO and Magic Link) against the in-process emulator's seeded
/// connections: acme.com is the SAML connection <c>conn_acme_saml</c> of org_acme, globex.com the OIDC connection of org_globex.
/// </summary>
public sealed partial class SsoSampleTests(WebApplicationFactory<SsoProgram> baseFactory) : IClassFixture<WebApplicationFactory<SsoProgram>>
{
    private readonly WebApplicationFactory<SsoProgram> _factory = baseFactory.WithWorkOSEmulator(
        configure: emulator => emulator.LogoutRedirectUris.Add("http://localhost/")); // the dashboard's sign-out redirect

    [Fact]
    public async Task Typing_an_acme_email_signs_in_through_acmes_saml_connection()
    {
        using var alice = _factory.CreateWorkOSClient();

        // As the sign-in form sends it: the email, and an empty return URL.
        using var landing = await alice.GetAsync("/sign-in?returnUrl=&email=alice@acme.com");

        Assert.Equal(HttpStatusCode.OK, landing.StatusCode);
        Assert.Equal("/profile", landing.RequestMessage!.RequestUri!.AbsolutePath);
        var profile = await landing.Content.ReadAsStringAsync();
        Assert.Contains("<td>connection_id</td><td>conn_acme_saml</td>", profile);
        Assert.Contains("<td>connection_type</td><td>OktaSAML</td>", profile);
        Assert.Contains("<td>org_id</td><td>org_acme</td>", profile);
        var authorize = Assert.Single(_factory.GetWorkOSEmulator().Requests, r => r is { Method: "GET", Path: "/sso/authorize" });
        Assert.Contains("organization=org_acme", authorize.Query);
        Assert.Contains("Signed in as alice@acme.com", await alice.GetStringAsync("/"));
    }

    [Fact]
    public async Task The_first_sign_in_creates_the_app_user_and_the_next_one_reuses_it()
    {
        var users = _factory.Services.GetRequiredService<AppUserStore>();
        using var firstBrowser = _factory.CreateWorkOSClient();
        using var secondBrowser = _factory.CreateWorkOSClient();
        using var otherUser = _factory.CreateWorkOSClient();

        (await firstBrowser.GetAsync("/sign-in?email=bob@acme.com")).Dispose();
        (await secondBrowser.GetAsync("/sign-in?email=bob@acme.com")).Dispose();
        (await otherUser.GetAsync("/sign-in?email=carol@globex.com")).Dispose();

        var bob = Assert.Single(users.All, u => u.Email == "bob@acme.com");
        Assert.Equal("conn_acme_saml", bob.ConnectionId);
        var carol = Assert.Single(users.All, u => u.Email == "carol@globex.com");
        Assert.Equal("conn_globex_oidc", carol.ConnectionId);
        Assert.NotEqual(bob.Id, carol.Id);
        Assert.Contains($"<td>app_user_id</td><td>{bob.Id}</td>", await firstBrowser.GetStringAsync("/profile"));
        Assert.Contains($"<td>app_user_id</td><td>{bob.Id}</td>", await secondBrowser.GetStringAsync("/profile"));
        Assert.Contains($"<td>app_user_id</td><td>{carol.Id}</td>", await otherUser.GetStringAsync("/profile"));
    }

    [Fact]
    public async Task An_email_domain_without_sso_gets_a_message_instead_of_a_redirect()
    {
        using var browser = _factory.CreateWorkOSClient();

        using var page = await browser.GetAsync("/sign-in?email=someone@initech.com");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("/sign-in", page.RequestMessage!.RequestUri!.AbsolutePath);
        Assert.Contains("does not use single sign-on", await page.Content.ReadAsStringAsync());
        Assert.Equal(0, _factory.GetWorkOSEmulator().CountRequests("GET", "/sso/authorize"));
    }

    [Fact]
    public async Task A_magic_link_from_the_emulators_outbox_signs_the_user_in()
    {
        var emulator = _factory.GetWorkOSEmulator();
        using var browser = _factory.CreateWorkOSClient();
        var form = await browser.GetStringAsync("/sign-in");

        using var sent = await browser.PostAsync("/magic-link", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["email"] = "dave@example.com",
            ["__RequestVerificationToken"] = AntiforgeryToken(form),
        }));

        Assert.Equal(HttpStatusCode.OK, sent.StatusCode);
        Assert.Contains("We sent a sign-in link to dave@example.com", await sent.Content.ReadAsStringAsync());
        var email = Assert.Single(emulator.Outbox, e => e.To == "dave@example.com");
        using var landing = await browser.GetAsync(email.Link);
        Assert.Equal("/profile", landing.RequestMessage!.RequestUri!.AbsolutePath);
        var profile = await landing.Content.ReadAsStringAsync();
        Assert.Contains("<td>connection_type</td><td>MagicLink</td>", profile);
        Assert.Contains("dave@example.com", profile);
        Assert.Single(_factory.Services.GetRequiredService<AppUserStore>().All, u => u.Email == "dave@example.com");
    }

    [Fact]
    public async Task A_magic_link_post_without_the_antiforgery_token_is_refused()
    {
        using var browser = _factory.CreateWorkOSClient();

        using var refused = await browser.PostAsync("/magic-link", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["email"] = "dave@example.com",
        }));

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal(0, _factory.GetWorkOSEmulator().CountRequests("POST", "/passwordless/sessions"));
    }

    [Fact]
    public async Task Signing_out_ends_the_apps_session_and_the_identity_providers()
    {
        using var alice = _factory.CreateWorkOSClient();
        (await alice.GetAsync("/sign-in?email=alice@acme.com")).Dispose();

        using var signedOut = await alice.SignOutAsync("/sign-out", formPage: "/");

        Assert.Equal(HttpStatusCode.OK, signedOut.StatusCode);
        Assert.Contains("You are not signed in.", await signedOut.Content.ReadAsStringAsync());
        Assert.Equal(1, _factory.GetWorkOSEmulator().CountRequests("POST", "/sso/logout/authorize"));
        Assert.Equal(1, _factory.GetWorkOSEmulator().CountRequests("GET", "/sso/logout"));
        alice.FollowRedirects = false;
        using var profile = await alice.GetAsync("/profile");
        Assert.Equal(HttpStatusCode.Redirect, profile.StatusCode);
        Assert.StartsWith("/sign-in", profile.Headers.Location!.AbsolutePath, StringComparison.Ordinal);
    }

    private static string AntiforgeryToken(string html) =>
        WebUtility.HtmlDecode(AntiforgeryInput().Match(html) is { Success: true } match ? match.Groups[1].Value
            : throw new InvalidOperationException("The page has no antiforgery field."));

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]*)\"")]
    private static partial Regex AntiforgeryInput();
}
