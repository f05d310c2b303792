using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using WorkOS.AspNetCore.Testing;

namespace WorkOS.AspNetCore.Sample.Tests;

/// <summary>
/// The sample app tested as its own developers would: under <see cref="WebApplicationFactory{TEntryPoint}"/>, signed
/// in through its real AuthKit flow against the in-process emulator's default users (alice@acme.com, admin of Acme;
/// bob@acme.com, member of Acme).
/// </summary>
public sealed class SampleAppTests(WebApplicationFactory<Program> baseFactory) : IClassFixture<WebApplicationFactory<Program>>
{
    private readonly WebApplicationFactory<Program> _factory = baseFactory.WithWorkOSEmulator();

    [Fact]
    public async Task Alice_and_bob_see_their_own_roles_and_permissions_in_api_me()
    {
        using var alice = _factory.CreateWorkOSClient();
        using var bob = _factory.CreateWorkOSClient();
        await alice.SignInAsAsync("alice@acme.com");
        await bob.SignInAsAsync("bob@acme.com");

        var aliceMe = await alice.GetFromJsonAsync<Me>("/api/me");
        var bobMe = await bob.GetFromJsonAsync<Me>("/api/me");

        Assert.Equal("alice@acme.com", aliceMe!.Email);
        Assert.Equal("org_acme", aliceMe.OrganizationId);
        Assert.Equal("admin", aliceMe.Role);
        Assert.Contains("posts:write", aliceMe.Permissions);
        Assert.Contains("users:manage", aliceMe.Permissions);

        Assert.Equal("bob@acme.com", bobMe!.Email);
        Assert.Equal("org_acme", bobMe.OrganizationId);
        Assert.Equal("member", bobMe.Role);
        Assert.Equal(["posts:read", "reports:view"], bobMe.Permissions.Order());
        Assert.DoesNotContain("posts:write", bobMe.Permissions);
    }

    [Fact]
    public async Task The_profile_page_shows_each_users_role_and_permissions()
    {
        using var alice = _factory.CreateWorkOSClient();
        using var bob = _factory.CreateWorkOSClient();
        await alice.SignInAsAsync("alice@acme.com");
        await bob.SignInAsAsync("bob@acme.com");

        var aliceProfile = await alice.GetStringAsync("/Account/Profile");
        var bobProfile = await bob.GetStringAsync("/Account/Profile");

        Assert.Contains("""<dd data-testid="email">alice@acme.com</dd>""", aliceProfile);
        Assert.Contains("""<dd data-testid="role">admin</dd>""", aliceProfile);
        Assert.Contains("users:manage", aliceProfile);
        Assert.Contains("""<dd data-testid="email">bob@acme.com</dd>""", bobProfile);
        Assert.Contains("""<dd data-testid="role">member</dd>""", bobProfile);
        Assert.DoesNotContain("users:manage", bobProfile);
    }

    [Fact]
    public async Task Only_the_admin_opens_the_admin_page()
    {
        using var alice = _factory.CreateWorkOSClient();
        using var bob = _factory.CreateWorkOSClient();
        await alice.SignInAsAsync("alice@acme.com");
        await bob.SignInAsAsync("bob@acme.com");

        using var aliceAdmin = await alice.GetAsync("/Admin");
        using var bobAdmin = await bob.GetAsync("/Admin");

        Assert.Equal(HttpStatusCode.OK, aliceAdmin.StatusCode);
        Assert.Contains("data-testid=\"admin\"", await aliceAdmin.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Forbidden, bobAdmin.StatusCode);
    }

    [Fact]
    public async Task Only_a_member_with_the_permission_may_post()
    {
        using var alice = _factory.CreateWorkOSClient();
        using var bob = _factory.CreateWorkOSClient();
        await alice.SignInAsAsync("alice@acme.com");
        await bob.SignInAsAsync("bob@acme.com");

        using var alicePost = await alice.SendAsync(ApiPost("/api/posts", new { title = "Hello" }));
        using var bobPost = await bob.SendAsync(ApiPost("/api/posts", new { title = "Hello" }));

        Assert.Equal(HttpStatusCode.Created, alicePost.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, bobPost.StatusCode);
    }

    [Fact]
    public async Task Workos_decides_per_report_bob_sees_the_finance_folder_only()
    {
        using var alice = _factory.CreateWorkOSClient();
        using var bob = _factory.CreateWorkOSClient();
        await alice.SignInAsAsync("alice@acme.com");
        await bob.SignInAsAsync("bob@acme.com");

        using var bobFinance = await bob.GetAsync("/reports/q3-revenue");
        using var bobRoadmap = await bob.GetAsync("/reports/roadmap");
        using var aliceRoadmap = await alice.GetAsync("/reports/roadmap");

        Assert.Equal(HttpStatusCode.OK, bobFinance.StatusCode);
        Assert.Contains("Q3 revenue", await bobFinance.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Forbidden, bobRoadmap.StatusCode);
        Assert.Equal(HttpStatusCode.OK, aliceRoadmap.StatusCode);
        Assert.True(_factory.GetWorkOSEmulator().CountRequests("POST", "/authorization/organization_memberships/*") >= 3);
    }

    [Fact]
    public async Task Signing_in_goes_through_the_emulator_and_the_apps_callback()
    {
        using var alice = _factory.CreateWorkOSClient();
        var emulator = _factory.GetWorkOSEmulator();

        using var landing = await alice.SignInAsAsync("alice@acme.com", startPath: "/auth/sign-in?returnUrl=%2FAccount%2FProfile");

        Assert.Equal(HttpStatusCode.OK, landing.StatusCode);
        Assert.Equal("/Account/Profile", landing.RequestMessage!.RequestUri!.AbsolutePath);
        Assert.Equal(1, emulator.CountRequests("GET", "/user_management/authorize"));
        Assert.Equal(1, emulator.CountCodeExchanges());
        Assert.NotNull(alice.GetCookie("wos-session"));
        Assert.Single(emulator.Sessions, s => s.UserId == "user_alice" && s.IsActive);
    }

    [Fact]
    public async Task An_anonymous_browser_is_sent_to_authkit_and_an_anonymous_api_call_gets_401()
    {
        using var browser = _factory.CreateWorkOSClient();
        browser.FollowRedirects = false;

        using var page = new HttpRequestMessage(HttpMethod.Get, "/Account/Profile");
        page.Headers.Accept.ParseAdd("text/html");
        using var challenge = await browser.SendAsync(page);
        using var api = new HttpRequestMessage(HttpMethod.Get, "/api/me");
        api.Headers.Add("Sec-Fetch-Mode", "cors");
        api.Headers.Accept.ParseAdd("application/json");
        using var unauthorized = await browser.SendAsync(api);

        Assert.Equal(HttpStatusCode.Redirect, challenge.StatusCode);
        Assert.Equal("workos-emulator.test", challenge.Headers.Location!.Host);
        Assert.Equal("/user_management/authorize", challenge.Headers.Location.AbsolutePath);
        Assert.Equal(HttpStatusCode.Unauthorized, unauthorized.StatusCode);
    }

    [Fact]
    public async Task A_role_change_reaches_the_app_on_the_next_sign_in()
    {
        using var bob = _factory.CreateWorkOSClient();
        var emulator = _factory.GetWorkOSEmulator();
        await bob.SignInAsAsync("bob@acme.com");
        Assert.Equal("member", (await bob.GetFromJsonAsync<Me>("/api/me"))!.Role);

        emulator.SetUserRoles("bob@acme.com", "org_acme", "admin");
        await bob.SignInAsAsync("bob@acme.com");

        var me = await bob.GetFromJsonAsync<Me>("/api/me");
        Assert.Equal("admin", me!.Role);
        Assert.Contains("users:manage", me.Permissions);
    }

    [Fact]
    public async Task Signing_out_ends_the_local_and_the_workos_session()
    {
        using var alice = _factory.CreateWorkOSClient();
        var emulator = _factory.GetWorkOSEmulator();
        await alice.SignInAsAsync("alice@acme.com");

        using var signedOut = await alice.SignOutAsync(returnUrl: "/SignedOut");

        Assert.Equal(HttpStatusCode.OK, signedOut.StatusCode);
        Assert.Equal("/SignedOut", signedOut.RequestMessage!.RequestUri!.AbsolutePath);
        Assert.DoesNotContain(emulator.Sessions, s => s.IsActive);
        alice.FollowRedirects = false;
        using var after = await alice.GetAsync("/Account/Profile");
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
    }

    private static HttpRequestMessage ApiPost(string path, object body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        request.Headers.Add("Sec-Fetch-Mode", "cors");
        request.Headers.Accept.ParseAdd("application/json");
        return request;
    }

    private sealed record Me(string Id, string Email, string? OrganizationId, string? Role, string[] Roles, string[] Permissions,
        string[] Entitlements, string[] FeatureFlags);
}
