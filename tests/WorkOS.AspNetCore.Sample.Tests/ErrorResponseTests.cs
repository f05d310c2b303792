using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using WorkOS.AspNetCore.Testing;

namespace WorkOS.AspNetCore.Sample.Tests;

/// <summary>
/// Refusals by content negotiation: a browser gets the sample's HTML page with the original status, an API client
/// (<c>Accept: application/json</c>, or any request under <c>/api</c>) gets <c>application/problem+json</c>.
/// </summary>
public sealed partial class ErrorResponseTests(WebApplicationFactory<Program> baseFactory) : IClassFixture<WebApplicationFactory<Program>>
{
    private const string BrowserAccept = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";

    private readonly WebApplicationFactory<Program> _factory = baseFactory.WithWorkOSEmulator();

    [Fact]
    public async Task A_browser_refused_by_a_role_policy_sees_the_access_denied_page_with_403()
    {
        using var bob = await SignInAsync("bob@acme.com");

        using var response = await bob.SendAsync(Request(HttpMethod.Get, "/Admin", BrowserAccept));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("data-testid=\"access-denied\"", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task An_api_client_refused_by_a_role_policy_gets_problem_details_with_403()
    {
        using var bob = await SignInAsync("bob@acme.com");

        using var response = await bob.SendAsync(Request(HttpMethod.Get, "/Admin", "application/json"));

        await AssertProblemAsync(response, HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task An_api_call_refused_by_a_permission_policy_gets_problem_details_even_with_a_browsers_accept_header()
    {
        using var bob = await SignInAsync("bob@acme.com");
        var post = Request(HttpMethod.Post, "/api/posts", BrowserAccept);
        post.Content = JsonContent.Create(new { title = "Hello" });

        using var response = await bob.SendAsync(post);

        await AssertProblemAsync(response, HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_browser_refused_by_a_fine_grained_check_sees_the_access_denied_page_with_403()
    {
        using var bob = await SignInAsync("bob@acme.com");

        using var response = await bob.SendAsync(Request(HttpMethod.Get, "/reports/roadmap", BrowserAccept));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("data-testid=\"access-denied\"", html);
        Assert.DoesNotContain("Product roadmap", html);
    }

    [Fact]
    public async Task An_api_client_refused_by_a_fine_grained_check_gets_problem_details_with_the_reason()
    {
        using var bob = await SignInAsync("bob@acme.com");

        using var page = await bob.SendAsync(Request(HttpMethod.Get, "/reports/roadmap", "application/json"));
        using var api = await bob.SendAsync(Request(HttpMethod.Get, "/api/reports/roadmap", BrowserAccept));

        var pageProblem = await AssertProblemAsync(page, HttpStatusCode.Forbidden);
        var apiProblem = await AssertProblemAsync(api, HttpStatusCode.Forbidden);
        Assert.True(pageProblem.TryGetProperty("reason", out _));
        Assert.True(apiProblem.TryGetProperty("reason", out _));
    }

    [Fact]
    public async Task A_browser_whose_organization_switch_fails_sees_an_html_page_and_keeps_its_organization()
    {
        using var bob = await SignInAsync("bob@acme.com");

        using var response = await bob.SendAsync(await SwitchRequestAsync(bob, "org_globex", BrowserAccept));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("data-testid=\"organization-not-switched\"", await response.Content.ReadAsStringAsync());
        Assert.Equal("org_acme", (await bob.GetFromJsonAsync<JsonElement>("/api/me")).GetProperty("organizationId").GetString());
    }

    [Fact]
    public async Task An_api_client_whose_organization_switch_fails_gets_problem_details()
    {
        using var bob = await SignInAsync("bob@acme.com");

        using var response = await bob.SendAsync(await SwitchRequestAsync(bob, "org_globex", "application/json"));

        var problem = await AssertProblemAsync(response, HttpStatusCode.Forbidden);
        Assert.Equal("Organization not switched", problem.GetProperty("title").GetString());
    }

    [Fact]
    public async Task A_missing_page_is_an_html_not_found_page_for_a_browser_and_problem_details_for_an_api_client()
    {
        using var alice = await SignInAsync("alice@acme.com");

        using var page = await alice.SendAsync(Request(HttpMethod.Get, "/no-such-page", BrowserAccept));
        using var api = await alice.SendAsync(Request(HttpMethod.Get, "/no-such-page", "application/json"));

        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        Assert.Contains("data-testid=\"not-found\"", await page.Content.ReadAsStringAsync());
        await AssertProblemAsync(api, HttpStatusCode.NotFound);
    }

    private async Task<WorkOSTestClient> SignInAsync(string email)
    {
        var client = _factory.CreateWorkOSClient();
        await client.SignInAsAsync(email);
        client.FollowRedirects = false;
        return client;
    }

    private static HttpRequestMessage Request(HttpMethod method, string path, string accept)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Accept.ParseAdd(accept);
        return request;
    }

    private static async Task<HttpRequestMessage> SwitchRequestAsync(HttpClient client, string organizationId, string accept)
    {
        var profile = await client.GetStringAsync("/Account/Profile");
        var token = AntiforgeryTokenPattern().Match(profile);
        Assert.True(token.Success, "The profile page has no antiforgery token.");
        var request = Request(HttpMethod.Post, "/auth/switch-organization", accept);
        request.Content = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token.Groups[1].Value),
            ["organizationId"] = organizationId,
            ["returnUrl"] = "/Account/Profile",
        });
        return request;
    }

    private static async Task<JsonElement> AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        return problem;
    }

    [GeneratedRegex(""""name="__RequestVerificationToken" type="hidden" value="([^"]+)"""")]
    private static partial Regex AntiforgeryTokenPattern();
}
