using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using WorkOS.AspNetCore.Emulator;
using WorkOS.AspNetCore.Testing;
using WorkOS.AspNetCore.Tests.Infrastructure;

namespace WorkOS.AspNetCore.Tests.Authorization;

/// <summary>
/// The sample's authorization pages and endpoints, on TestServer with its offline default (the emulator on loopback):
/// Razor pages with the WorkOS attributes and the fine-grained check filter, and the minimal API endpoints.
/// </summary>
public sealed class SampleAuthorizationTests : OfflineSampleApp
{
    [Theory]
    [InlineData("/Admin", "alice@acme.com", HttpStatusCode.OK)]
    [InlineData("/Admin", "bob@acme.com", HttpStatusCode.Forbidden)]
    [InlineData("/Features/AuditLogs", "bob@acme.com", HttpStatusCode.OK)]
    [InlineData("/Features/AuditLogs", "carol@globex.com", HttpStatusCode.Forbidden)]
    [InlineData("/reports/q3-revenue", "bob@acme.com", HttpStatusCode.OK)]
    [InlineData("/reports/roadmap", "bob@acme.com", HttpStatusCode.Forbidden)]
    [InlineData("/reports/roadmap", "alice@acme.com", HttpStatusCode.OK)]
    [InlineData("/reports/budget", "carol@globex.com", HttpStatusCode.Forbidden)]
    public async Task Pages_answer_by_role_entitlement_and_fine_grained_check(string path, string email, HttpStatusCode expected)
    {
        using var browser = await SignInAsync(email);

        var response = await browser.GetAsync(path);

        Assert.Equal(expected, response.StatusCode);
    }

    [Theory]
    [InlineData("/Admin")]
    [InlineData("/Features/AuditLogs")]
    [InlineData("/reports/q3-revenue")]
    [InlineData("/Access")]
    public async Task Pages_challenge_anonymous_visitors(string path)
    {
        using var browser = Browser();

        var response = await browser.GetAsync(path);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/user_management/authorize", browser.Location(response).AbsolutePath);
    }

    [Fact]
    public async Task Report_page_shows_the_report_the_check_allowed()
    {
        using var bob = await SignInAsync("bob@acme.com");

        var html = await (await bob.GetAsync("/reports/q3-revenue")).Content.ReadAsStringAsync();

        Assert.Contains("Q3 revenue", html, StringComparison.Ordinal);
        Assert.Equal(1, Emulator.CountRequests("POST", "/authorization/organization_memberships/om_bob_acme/check"));
    }

    [Fact]
    public async Task Access_page_shows_the_flagged_section_only_with_the_flag()
    {
        using var bob = await SignInAsync("bob@acme.com");
        using var carol = await SignInAsync("carol@globex.com");

        var flagged = await (await bob.GetAsync("/Access")).Content.ReadAsStringAsync();
        var unflagged = await (await carol.GetAsync("/Access")).Content.ReadAsStringAsync();

        Assert.Contains("data-testid=\"new-dashboard\"", flagged, StringComparison.Ordinal);
        Assert.DoesNotContain("data-testid=\"new-dashboard\"", unflagged, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Api_endpoints_require_the_permission_the_entitlement_and_the_check()
    {
        using var alice = await SignInAsync("alice@acme.com");
        using var bob = await SignInAsync("bob@acme.com");
        using var carol = await SignInAsync("carol@globex.com");

        Assert.Equal(HttpStatusCode.Created, (await PostAsync(alice, "/api/posts", new { title = "Hello" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await PostAsync(bob, "/api/posts", new { title = "Hello" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await bob.GetAsync("/api/audit-logs")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await carol.GetAsync("/api/audit-logs")).StatusCode);
        Assert.Equal("Q4 forecast", (await (await bob.GetAsync("/api/reports/q4-forecast")).Content.ReadFromJsonAsync<ReportBody>())!.Title);
        Assert.Equal(HttpStatusCode.Forbidden, (await bob.GetAsync("/api/reports/roadmap")).StatusCode);
    }

    private WorkOSTestClient Browser() => TestBrowser.Create(Factory.Server.CreateHandler(), Emulator);

    private async Task<WorkOSTestClient> SignInAsync(string email)
    {
        var browser = Browser();
        var callback = await browser.SignInAsync(email);
        Assert.Equal(HttpStatusCode.Redirect, callback.StatusCode);
        return browser;
    }

    private static Task<HttpResponseMessage> PostAsync(WorkOSTestClient browser, string path, object body) =>
        browser.SendAsync(new HttpRequestMessage(HttpMethod.Post, new Uri(browser.BaseAddress!, path)) { Content = JsonContent.Create(body) });

    private sealed record ReportBody(string Id, string Title);
}
