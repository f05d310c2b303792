using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using WorkOS.AspNetCore.AdminPortal;
using WorkOS.AspNetCore.Authorization;
using WorkOS.AspNetCore.Emulator;
using WorkOS.AspNetCore.Tests.Infrastructure;

namespace WorkOS.AspNetCore.Tests.AdminPortal;

/// <summary>
/// <c>/admin/portal/{intent}</c> behind the policy <c>portal-admins</c> (role <c>admin</c>): Alice is Acme's admin,
/// Bob a member, Dave (added) has no organization.
/// </summary>
public sealed class AdminPortalTests
{
    private const string GenerateLink = "/portal/generate_link";
    private const string PortalLink = "https://setup.workos.com/?token=portal-token";

    [Fact]
    public async Task Admin_is_sent_to_the_link_workos_generates_for_the_session_organization_and_intent()
    {
        await using var app = await StartAsync();
        using var browser = app.CreateBrowser();
        await browser.SignInAsync("alice@acme.com");
        AnswerLink(app, PortalLink);

        var response = await browser.GetAsync("/admin/portal/sso");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(PortalLink, response.Headers.Location!.AbsoluteUri);
        Assert.True(response.Headers.CacheControl!.NoStore);
        var call = Assert.Single(app.Emulator.Requests, r => r.Path == GenerateLink);
        Assert.Equal("org_acme", call.Body["organization"]);
        Assert.Equal("sso", call.Body["intent"]);
        Assert.False(call.Body.ContainsKey("return_url"));
        Assert.False(call.Body.ContainsKey("success_url"));
        Assert.Contains(app.Logs.Entries, e => e.EventId.Id == 1035 && !e.Message.Contains("portal-token", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Admin_lands_on_the_portal_page_of_the_emulator_for_the_session_organization()
    {
        await using var app = await StartAsync();
        using var browser = app.CreateBrowser();
        await browser.SignInAsync("alice@acme.com");

        var response = await browser.GetAsync("/admin/portal/domain_verification");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var link = browser.Location(response);
        Assert.Equal(app.Emulator.BaseUrl.Authority, link.Authority);
        var page = await browser.GetAsync(link.ToString());
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("org_acme", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("dsync")]
    [InlineData("audit_logs")]
    [InlineData("log_streams")]
    [InlineData("domain_verification")]
    [InlineData("certificate_renewal")]
    [InlineData("bring_your_own_key")]
    public async Task Every_intent_of_the_reference_is_passed_on(string intent)
    {
        await using var app = await StartAsync();
        using var browser = app.CreateBrowser();
        await browser.SignInAsync("alice@acme.com");
        AnswerLink(app, PortalLink);

        var response = await browser.GetAsync("/admin/portal/" + intent);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(intent, Assert.Single(app.Emulator.Requests, r => r.Path == GenerateLink).Body["intent"]);
    }

    [Fact]
    public async Task Member_without_the_policy_is_forbidden_and_no_link_is_generated()
    {
        await using var app = await StartAsync();
        using var browser = app.CreateBrowser();
        await browser.SignInAsync("bob@acme.com");
        AnswerLink(app, PortalLink);

        var response = await browser.GetAsync("/admin/portal/sso");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(0, app.Emulator.CountRequests("POST", GenerateLink));
    }

    [Fact]
    public async Task Signed_out_visitor_is_sent_through_sign_in_and_back_to_the_portal()
    {
        await using var app = await StartAsync();
        using var browser = app.CreateBrowser();

        var response = await browser.GetAsync("/admin/portal/sso");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/user_management/authorize", browser.Location(response).AbsolutePath);
        Assert.Equal(0, app.Emulator.CountRequests("POST", GenerateLink));

        AnswerLink(app, PortalLink);
        var toCallback = await browser.GetAsync(browser.Location(response) + "&login_hint=alice%40acme.com");
        var callback = await browser.GetAsync(browser.Location(toCallback).PathAndQuery);
        Assert.Equal("/admin/portal/sso", callback.Headers.Location!.OriginalString);
        Assert.Equal(PortalLink, (await browser.GetAsync("/admin/portal/sso")).Headers.Location!.AbsoluteUri);
    }

    [Theory]
    [InlineData("admin")]
    [InlineData("SSO")]
    [InlineData("sso%0d%0aX-Injected")]
    public async Task Unknown_intent_is_not_found_with_a_log_line_and_no_call(string intent)
    {
        await using var app = await StartAsync();
        using var browser = app.CreateBrowser();
        await browser.SignInAsync("alice@acme.com");

        var response = await browser.GetAsync("/admin/portal/" + intent);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(0, app.Emulator.CountRequests("POST", GenerateLink));
        var line = Assert.Single(app.Logs.Entries, e => e.EventId.Id == 1036);
        Assert.DoesNotContain('\n', line.Message);
    }

    [Fact]
    public async Task Organization_named_in_the_query_is_ignored_for_the_session_organization()
    {
        await using var app = await StartAsync();
        using var browser = app.CreateBrowser();
        await browser.SignInAsync("alice@acme.com");
        AnswerLink(app, PortalLink);

        var response = await browser.GetAsync("/admin/portal/sso?organization=org_globex&organization_id=org_globex&org_id=org_globex");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("org_acme", Assert.Single(app.Emulator.Requests, r => r.Path == GenerateLink).Body["organization"]);
    }

    [Fact]
    public async Task Session_without_an_organization_gets_a_403_page_and_no_call()
    {
        await using var app = await StartAsync(policy: false, anyUser: true);
        using var browser = app.CreateBrowser();
        await browser.SignInAsync("dave@example.com");

        var response = await browser.GetAsync("/admin/portal/sso");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("not in an organization", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(0, app.Emulator.CountRequests("POST", GenerateLink));
        Assert.Contains(app.Logs.Entries, e => e.EventId.Id == 1039);
    }

    [Fact]
    public async Task Endpoint_without_an_authorization_policy_opens_for_no_one()
    {
        await using var app = await StartAsync(policy: false);
        using var browser = app.CreateBrowser();
        await browser.SignInAsync("alice@acme.com");
        AnswerLink(app, PortalLink);

        var response = await browser.GetAsync("/admin/portal/sso");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(0, app.Emulator.CountRequests("POST", GenerateLink));
        Assert.Contains(app.Logs.Entries, e => e.EventId.Id == 1037);
    }

    [Fact]
    public async Task Endpoint_behind_a_WorkOS_role_attribute_opens_for_the_role_only()
    {
        await using var app = await StartAsync(policy: false,
            map: a => a.MapWorkOSAdminPortal().WithMetadata(new RequireWorkOSRoleAttribute("admin")));
        AnswerLink(app, PortalLink);
        using var admin = app.CreateBrowser();
        await admin.SignInAsync("alice@acme.com");
        using var member = app.CreateBrowser();
        await member.SignInAsync("bob@acme.com");

        var opened = await admin.GetAsync("/admin/portal/sso");
        var refused = await member.GetAsync("/admin/portal/sso");

        Assert.Equal(HttpStatusCode.Redirect, opened.StatusCode);
        Assert.Equal(PortalLink, opened.Headers.Location!.AbsoluteUri);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal(1, app.Emulator.CountRequests("POST", GenerateLink));
    }

    [Fact]
    public async Task Endpoint_that_allows_anonymous_callers_opens_for_no_one()
    {
        await using var app = await StartAsync(policy: false,
            map: a => a.MapWorkOSAdminPortal().RequireAuthorization("portal-admins").AllowAnonymous());
        using var browser = app.CreateBrowser();
        await browser.SignInAsync("bob@acme.com");
        AnswerLink(app, PortalLink);

        var response = await browser.GetAsync("/admin/portal/sso");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(0, app.Emulator.CountRequests("POST", GenerateLink));
    }

    [Fact]
    public async Task Return_and_success_paths_are_sent_as_urls_of_this_app_on_the_request_host()
    {
        await using var app = await StartAsync(policy: false, pathBase: "/app",
            map: a => a.MapWorkOSAdminPortal(configure: o =>
            {
                o.ReturnPath = "/settings";
                o.SuccessPath = "/settings/sso?done=1";
            }).RequireAuthorization("portal-admins"));
        using var browser = app.CreateBrowser();
        await browser.SignInAsync("alice@acme.com", "/app/auth/sign-in");

        var response = await browser.GetAsync("/app/admin/portal/sso");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var call = Assert.Single(app.Emulator.Requests, r => r.Path == GenerateLink);
        Assert.Equal("http://localhost/app/settings", call.Body["return_url"]);
        Assert.Equal("http://localhost/app/settings/sso?done=1", call.Body["success_url"]);
    }

    [Theory]
    [InlineData("https://evil.example/settings")]
    [InlineData("//evil.example/settings")]
    [InlineData("/\\evil.example")]
    [InlineData("settings")]
    [InlineData("")]
    public void Return_or_success_path_that_is_not_a_local_path_is_refused_at_startup(string path)
    {
        var builder = WebApplication.CreateBuilder();
        builder.Services.AddRouting();
        using var app = builder.Build();

        var returnPath = Assert.Throws<OptionsValidationException>(() => app.MapWorkOSAdminPortal(configure: o => o.ReturnPath = path));
        var successPath = Assert.Throws<OptionsValidationException>(() => app.MapWorkOSAdminPortal("/other", o => o.SuccessPath = path));

        Assert.Contains("ReturnPath", returnPath.Message, StringComparison.Ordinal);
        Assert.Contains("SuccessPath", successPath.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https://evil.example/?token=portal-token")]
    [InlineData("http://setup.workos.com/?token=portal-token")]
    [InlineData("https://setup.workos.com:8443/?token=portal-token")]
    [InlineData("https://setup.workos.com.evil.example/?token=portal-token")]
    [InlineData("https://user@setup.workos.com/?token=portal-token")]
    [InlineData("javascript:alert(1)")]
    [InlineData("/portal?token=portal-token")]
    public async Task Link_off_the_portal_hosts_is_not_followed_and_answers_502(string link)
    {
        await using var app = await StartAsync();
        using var browser = app.CreateBrowser();
        await browser.SignInAsync("alice@acme.com");
        AnswerLink(app, link);

        var response = await browser.GetAsync("/admin/portal/sso");

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Null(response.Headers.Location);
        var line = Assert.Single(app.Logs.Entries, e => e.EventId.Id == 1041);
        Assert.DoesNotContain("portal-token", line.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Link_on_the_api_base_urls_own_origin_is_followed()
    {
        await using var app = await StartAsync();
        using var browser = app.CreateBrowser();
        await browser.SignInAsync("alice@acme.com");
        var local = new Uri(app.Emulator.BaseUrl, "portal/session?token=portal-token").AbsoluteUri;
        AnswerLink(app, local);

        var response = await browser.GetAsync("/admin/portal/sso");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(local, response.Headers.Location!.AbsoluteUri);
    }

    [Fact]
    public async Task Custom_portal_host_set_in_options_is_followed()
    {
        await using var app = await StartAsync(policy: false,
            map: a => a.MapWorkOSAdminPortal(configure: o => o.LinkHosts.Add("setup.acme-app.com")).RequireAuthorization("portal-admins"));
        using var browser = app.CreateBrowser();
        await browser.SignInAsync("alice@acme.com");
        AnswerLink(app, "https://setup.acme-app.com/?token=portal-token");

        var response = await browser.GetAsync("/admin/portal/sso");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("setup.acme-app.com", response.Headers.Location!.Host);
    }

    public static TheoryData<int, string?, string?> WorkOSFailures => new()
    {
        { 404, """{"code":"entity_not_found","message":"Organization not found."}""", null },
        { 422, """{"code":"invalid_intent","message":"Intent not enabled."}""", null },
        { 500, null, null },
        { 503, "<html>Service unavailable</html>", "text/html" },
        { 200, "<html>Sign in to the proxy</html>", "text/html" },
        { 200, """{"link":null}""", null },
    };

    [Theory]
    [MemberData(nameof(WorkOSFailures))]
    public async Task Workos_refusing_or_failing_answers_a_502_page_never_a_500(int status, string? body, string? contentType)
    {
        await using var app = await StartAsync();
        using var browser = app.CreateBrowser();
        await browser.SignInAsync("alice@acme.com");
        app.Emulator.InjectFault("POST", GenerateLink, status, body, contentType: contentType);

        var response = await browser.GetAsync("/admin/portal/sso");

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType!.MediaType);
        Assert.True(response.Headers.CacheControl!.NoStore);
        Assert.Contains(app.Logs.Entries, e => e.EventId.Id is 1040 or 1041);
    }

    [Fact]
    public async Task Workos_that_does_not_answer_in_time_answers_a_502_page()
    {
        await using var app = await StartAsync();
        using var browser = app.CreateBrowser();
        await browser.SignInAsync("alice@acme.com");
        app.Emulator.InjectFault("POST", GenerateLink, 0, latency: TimeSpan.FromMinutes(1));

        var pending = browser.GetAsync("/admin/portal/sso");
        await app.Emulator.AdvanceWhileHeldAsync(app.Clock, TimeSpan.FromSeconds(16), "POST", GenerateLink);

        Assert.Equal(HttpStatusCode.BadGateway, (await pending).StatusCode);
        Assert.Contains(app.Logs.Entries, e => e.EventId.Id == 1040 && e.Message.Contains("timeout", StringComparison.Ordinal));
    }

    private static Task<AuthKitTestApp> StartAsync(bool policy = true, bool anyUser = false, string? pathBase = null, Action<WebApplication>? map = null) =>
        AuthKitTestApp.StartAsync(
            configureEmulator: o => o.Seed.AddUser("dave@example.com", "Dave", "Nobody", "user_dave"),
            services: s => s.AddAuthorizationBuilder().AddPolicy("portal-admins", p => p.RequireRole("admin")),
            pathBase: pathBase,
            map: app =>
            {
                if (policy)
                {
                    app.MapWorkOSAdminPortal().RequireAuthorization("portal-admins");
                }
                else if (anyUser)
                {
                    app.MapWorkOSAdminPortal().RequireAuthorization();
                }
                else if (map is null)
                {
                    app.MapWorkOSAdminPortal();
                }

                map?.Invoke(app);
            });

    private static void AnswerLink(AuthKitTestApp app, string link) =>
        app.Emulator.InjectFault("POST", GenerateLink, 200, JsonSerializer.Serialize(new { link }));
}
