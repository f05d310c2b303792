using System.Buffers.Text;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using WorkOS.AspNetCore.Testing;

namespace WorkOS.AspNetCore.Sample.Tests;

/// <summary>
/// The sample's widgets page (/Admin/Widgets) and its Admin Portal endpoint (/admin/portal/{intent}), admins only,
/// against the in-process emulator's widget tokens and portal links.
/// </summary>
public sealed partial class SampleWidgetsTests(WebApplicationFactory<Program> baseFactory) : IClassFixture<WebApplicationFactory<Program>>
{
    private readonly WebApplicationFactory<Program> _factory = baseFactory.WithWorkOSEmulator();

    [Fact]
    public async Task An_admin_sees_the_users_management_widget_with_a_token_for_their_user_organization_and_scope()
    {
        using var alice = _factory.CreateWorkOSClient();
        await alice.SignInAsAsync("alice@acme.com");

        using var page = await alice.GetAsync("/Admin/Widgets");
        var html = await page.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("no-store", page.Headers.CacheControl?.ToString(), StringComparison.Ordinal);
        var request = Assert.Single(alice.Emulator.Requests, r => r.Method == "POST" && r.Path == "/widgets/token");
        Assert.Equal(("org_acme", "user_alice", """["widgets:users-table:manage"]"""),
            (request.Body["organization_id"], request.Body["user_id"], request.Body["scopes"]));
        var token = WidgetToken().Match(html).Groups[1].Value;
        using var payload = JsonDocument.Parse(Base64Url.DecodeFromChars(token.Split('.')[1]));
        Assert.Equal(("user_alice", "org_acme"), (payload.RootElement.GetProperty("sub").GetString(), payload.RootElement.GetProperty("org_id").GetString()));
        Assert.Equal("widgets:users-table:manage", Assert.Single(payload.RootElement.GetProperty("scopes").EnumerateArray()).GetString());
    }

    [Fact]
    public async Task The_widgets_page_links_to_the_admin_portal_for_each_intent()
    {
        using var alice = _factory.CreateWorkOSClient();
        await alice.SignInAsAsync("alice@acme.com");

        var html = await (await alice.GetAsync("/Admin/Widgets")).Content.ReadAsStringAsync();

        foreach (var intent in new[] { "sso", "dsync", "audit_logs", "log_streams", "domain_verification" })
        {
            Assert.Contains($"""<a data-testid="portal-{intent}" href="/admin/portal/{intent}">""", html, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_member_who_is_not_an_admin_gets_403_from_the_widgets_page_and_the_admin_portal_and_nothing_is_asked_of_workos()
    {
        using var bob = _factory.CreateWorkOSClient();
        await bob.SignInAsAsync("bob@acme.com");
        bob.FollowRedirects = false;

        using var page = await bob.GetAsync("/Admin/Widgets");
        using var portal = await bob.GetAsync("/admin/portal/sso");

        Assert.Equal(HttpStatusCode.Forbidden, page.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, portal.StatusCode);
        Assert.Null(portal.Headers.Location);
        Assert.Equal(0, bob.Emulator.CountRequests("POST", "/widgets/token"));
        Assert.Equal(0, bob.Emulator.CountRequests("POST", "/portal/generate_link"));
    }

    [Fact]
    public async Task The_admin_portal_link_redirects_to_the_emulator_portal_page_showing_the_organization_and_intent()
    {
        using var alice = _factory.CreateWorkOSClient();
        await alice.SignInAsAsync("alice@acme.com");
        alice.FollowRedirects = false;

        using var redirect = await alice.GetAsync("/admin/portal/dsync");
        alice.FollowRedirects = true;
        using var portal = await alice.GetAsync(redirect.Headers.Location);
        var html = await portal.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.Redirect, redirect.StatusCode);
        var location = redirect.Headers.Location!;
        Assert.Equal(alice.Emulator.BaseUrl.GetLeftPart(UriPartial.Authority), location.GetLeftPart(UriPartial.Authority));
        Assert.StartsWith("/portal/", location.AbsolutePath, StringComparison.Ordinal);
        var request = Assert.Single(alice.Emulator.Requests, r => r.Method == "POST" && r.Path == "/portal/generate_link");
        Assert.Equal(("org_acme", "dsync"), (request.Body["organization"], request.Body["intent"]));
        Assert.Equal(HttpStatusCode.OK, portal.StatusCode);
        Assert.Contains("""<code data-testid="organization">org_acme</code>""", html, StringComparison.Ordinal);
        Assert.Contains("""<code data-testid="intent">dsync</code>""", html, StringComparison.Ordinal);
        Assert.Contains("""<a data-testid="return" href="http://localhost/Admin/Widgets">Back to app</a>""", html, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"data-testid=""users-management""[^>]*data-auth-token=""([^""]+)""")]
    private static partial Regex WidgetToken();
}
