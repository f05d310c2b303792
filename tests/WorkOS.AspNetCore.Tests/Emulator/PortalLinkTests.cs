using System.Net;
using Microsoft.Extensions.Logging;
using WorkOS.AspNetCore.Emulator;
using WorkOS.AspNetCore.Testing;
using WorkOS.AspNetCore.Tests.Infrastructure;

namespace WorkOS.AspNetCore.Tests.Emulator;

public sealed class PortalLinkTests
{
    private static async Task<Uri> GenerateAsync(AuthKitClient api, object body)
    {
        using var response = await api.SendWithApiKeyAsync(HttpMethod.Post, "/portal/generate_link", body);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return new Uri((await AuthKitClient.ReadJsonAsync(response)).GetProperty("link").GetString()!);
    }

    [Theory]
    [MemberData(nameof(Emulators.Modes), MemberType = typeof(Emulators))]
    public async Task Portal_link_opens_an_emulator_page_showing_the_organization_the_intent_and_the_way_back(EmulatorMode mode)
    {
        await using var emulator = await Emulators.StartAsync(mode);
        using var api = new AuthKitClient(emulator);

        var link = await GenerateAsync(api, new
        {
            organization = "org_acme", intent = "sso", return_url = "https://app.example/settings", success_url = "https://app.example/settings?done=1",
        });
        using var page = await api.Http.GetAsync(link.PathAndQuery);
        var html = await page.Content.ReadAsStringAsync();

        Assert.Equal(emulator.BaseUrl.GetLeftPart(UriPartial.Authority), link.GetLeftPart(UriPartial.Authority));
        Assert.StartsWith("/portal/", link.AbsolutePath, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        Assert.Contains("<strong data-testid=\"organization-name\">Acme Corp</strong>", html, StringComparison.Ordinal);
        Assert.Contains("<code data-testid=\"organization\">org_acme</code>", html, StringComparison.Ordinal);
        Assert.Contains("<code data-testid=\"intent\">sso</code>", html, StringComparison.Ordinal);
        Assert.Contains("<a data-testid=\"return\" href=\"https://app.example/settings\">Back to app</a>", html, StringComparison.Ordinal);
        Assert.Contains("<a data-testid=\"success\" href=\"https://app.example/settings?done=1\">Finish setup</a>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Portal_page_escapes_the_return_url()
    {
        await using var emulator = WorkOSEmulator.CreateInProcess();
        using var api = new AuthKitClient(emulator);

        var link = await GenerateAsync(api, new { organization = "org_globex", intent = "dsync", return_url = "https://app.example/back?x=\"><script>alert(1)</script>" });
        var html = await api.Http.GetStringAsync(link.PathAndQuery);

        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);
        Assert.Contains("href=\"https://app.example/back?x=&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;\"", html, StringComparison.Ordinal);
        Assert.Contains("<code data-testid=\"intent\">dsync</code>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Portal_page_without_a_return_url_has_no_links_back()
    {
        await using var emulator = WorkOSEmulator.CreateInProcess();
        using var api = new AuthKitClient(emulator);

        var link = await GenerateAsync(api, new { organization = "org_acme", intent = "audit_logs" });
        var html = await api.Http.GetStringAsync(link.PathAndQuery);

        Assert.Contains("<code data-testid=\"intent\">audit_logs</code>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("data-testid=\"return\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("data-testid=\"success\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Portal_link_works_for_five_minutes_on_the_emulator_clock_then_answers_gone()
    {
        var clock = TestClock.StartingNow();
        var log = new TestLogSink();
        using var loggers = LoggerFactory.Create(builder => builder.AddProvider(log));
        await using var emulator = WorkOSEmulator.CreateInProcess(o => (o.TimeProvider, o.LoggerFactory) = (clock, loggers));
        using var api = new AuthKitClient(emulator);
        var link = await GenerateAsync(api, new { organization = "org_acme", intent = "domain_verification" });

        clock.Advance(TimeSpan.FromMinutes(5) - TimeSpan.FromSeconds(1));
        using var inTime = await api.Http.GetAsync(link.PathAndQuery);
        clock.Advance(TimeSpan.FromSeconds(1));
        using var late = await api.Http.GetAsync(link.PathAndQuery);

        Assert.Equal(HttpStatusCode.OK, inTime.StatusCode);
        Assert.Equal(HttpStatusCode.Gone, late.StatusCode);
        var html = await late.Content.ReadAsStringAsync();
        Assert.Contains("expired", html, StringComparison.Ordinal);
        Assert.DoesNotContain("org_acme", html, StringComparison.Ordinal);
        Assert.Contains(log.Entries, e => e.EventId.Id == 2214);
    }

    [Fact]
    public async Task Portal_page_of_a_link_never_issued_is_not_found()
    {
        await using var emulator = WorkOSEmulator.CreateInProcess();
        using var api = new AuthKitClient(emulator);

        using var page = await api.Http.GetAsync("/portal/not-a-link");

        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("{\"intent\":\"sso\"}", "organization")]
    [InlineData("{\"organization\":\"org_acme\"}", "intent")]
    [InlineData("{\"organization\":\"org_acme\",\"intent\":\"billing\"}", "intent")]
    [InlineData("{\"organization\":\"org_acme\",\"intent\":\"sso\",\"return_url\":\"javascript:alert(1)\"}", "return_url")]
    [InlineData("{\"organization\":\"org_acme\",\"intent\":\"sso\",\"return_url\":\"/settings\"}", "return_url")]
    [InlineData("{\"organization\":\"org_acme\",\"intent\":\"sso\",\"success_url\":\"data:text/html,hi\"}", "success_url")]
    public Task Portal_link_request_with_a_missing_or_bad_field_is_refused_with_422_naming_it(string json, string field) =>
        InvalidRequestAssertions.AssertRefusedNamingAsync("/portal/generate_link", json, field, 2212);

    [Fact]
    public async Task Portal_link_for_an_unknown_organization_is_not_found()
    {
        await using var emulator = WorkOSEmulator.CreateInProcess();
        using var api = new AuthKitClient(emulator);

        using var response = await api.SendWithApiKeyAsync(HttpMethod.Post, "/portal/generate_link", new { organization = "org_nope", intent = "sso" });

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("entity_not_found", (await AuthKitClient.ReadJsonAsync(response)).GetProperty("code").GetString());
    }

    [Fact]
    public async Task Portal_link_needs_the_api_key()
    {
        await using var emulator = WorkOSEmulator.CreateInProcess();
        using var api = new AuthKitClient(emulator);

        using var response = await api.SendWithApiKeyAsync(HttpMethod.Post, "/portal/generate_link", new { organization = "org_acme", intent = "sso" }, apiKey: null);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.False((await AuthKitClient.ReadJsonAsync(response)).TryGetProperty("link", out _));
    }
}
