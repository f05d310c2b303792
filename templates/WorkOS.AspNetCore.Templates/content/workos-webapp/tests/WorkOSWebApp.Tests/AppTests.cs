using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using WorkOS.AspNetCore.Testing;

namespace WorkOSWebApp.Tests;

/// <summary>
/// The app under <see cref="WebApplicationFactory{TEntryPoint}"/>, signed in through its real AuthKit flow against an
/// in-process WorkOS emulator: alice@acme.com is an admin of Acme (org_acme), bob@acme.com a member.
/// </summary>
public sealed class AppTests(WebApplicationFactory<Program> app) : IClassFixture<WebApplicationFactory<Program>>
{
    private readonly WebApplicationFactory<Program> _factory = app.WithWorkOSEmulator();

    [Fact]
    public async Task An_anonymous_visitor_is_sent_to_sign_in_from_the_profile_page()
    {
        using var client = _factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        using var request = new HttpRequestMessage(HttpMethod.Get, "/Account/Profile");
        request.Headers.Accept.ParseAdd("text/html");

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/user_management/authorize", response.Headers.Location!.ToString());
    }

    [Fact]
    public async Task The_profile_page_shows_the_signed_in_users_claims()
    {
        using var alice = _factory.CreateWorkOSClient();
        await alice.SignInAsAsync("alice@acme.com");

        var profile = await alice.GetStringAsync("/Account/Profile");

        Assert.Contains("""<dd data-testid="email">alice@acme.com</dd>""", profile);
        Assert.Contains("""<dd data-testid="organization">org_acme</dd>""", profile);
        Assert.Contains("""<dd data-testid="role">admin</dd>""", profile);
    }

    [Fact]
    public async Task The_api_answers_a_signed_in_user_and_refuses_an_anonymous_caller()
    {
        using var anonymous = _factory.CreateClient();
        using var bob = _factory.CreateWorkOSClient();
        await bob.SignInAsAsync("bob@acme.com");

        using var refused = await anonymous.SendAsync(ApiGet("/api/me"));
        var me = await bob.GetFromJsonAsync<Me>("/api/me");

        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal("bob@acme.com", me!.Email);
        Assert.Equal("member", me.Role);
    }

    [Fact]
    public async Task Only_a_user_with_the_posts_write_permission_may_post()
    {
        using var alice = _factory.CreateWorkOSClient();
        using var bob = _factory.CreateWorkOSClient();
        await alice.SignInAsAsync("alice@acme.com");
        await bob.SignInAsAsync("bob@acme.com");

        using var alicePost = await alice.PostAsJsonAsync("/api/posts", new { title = "Hello" });
        using var bobPost = await bob.PostAsJsonAsync("/api/posts", new { title = "Hello" });

        Assert.Equal(HttpStatusCode.Created, alicePost.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, bobPost.StatusCode);
    }
#if (blazor)

    [Fact]
    public async Task The_blazor_page_renders_the_signed_in_user()
    {
        using var alice = _factory.CreateWorkOSClient();
        await alice.SignInAsAsync("alice@acme.com");

        var page = await alice.GetStringAsync("/blazor");

        Assert.Contains("""<dd data-testid="email">alice@acme.com</dd>""", page);
        Assert.Contains("""data-testid="can-write""", page);
    }
#endif

    [Fact]
    public async Task Signing_out_ends_the_session()
    {
        using var alice = _factory.CreateWorkOSClient();
        await alice.SignInAsAsync("alice@acme.com");

        using var signedOut = await alice.SignOutAsync();
        using var afterSignOut = await alice.SendAsync(ApiGet("/api/me"));

        Assert.Equal(HttpStatusCode.OK, signedOut.StatusCode);
        Assert.DoesNotContain("data-testid=\"signed-in-as\"", await signedOut.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, afterSignOut.StatusCode);
    }

    // An API call as a script makes it (Accept: application/json): answered with 401 or 403, never a sign-in redirect.
    private static HttpRequestMessage ApiGet(string path)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Accept.ParseAdd("application/json");
        return request;
    }

    private sealed record Me(string? Email, string? OrganizationId, string? Role, string[] Permissions);
}
