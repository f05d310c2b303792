using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.DependencyInjection;
using WorkOS.AspNetCore.Fga;
using WorkOS.AspNetCore.Testing;
using WorkOS.AspNetCore.Tests.Infrastructure;

namespace WorkOS.AspNetCore.Tests.Authorization;

/// <summary>
/// Fine-grained checks against the emulator's default data: Bob is <c>report-viewer</c> on the Acme folder
/// <c>finance</c> (reports <c>q3-revenue</c>, <c>q4-forecast</c>), not on report <c>roadmap</c>; Alice is
/// <c>report-admin</c> across Acme; Dave has no organization.
/// </summary>
public sealed class FgaTests
{
    private const string BobCheck = "/authorization/organization_memberships/om_bob_acme/check";
    private const string Memberships = "/user_management/organization_memberships";

    [Fact]
    public async Task Role_inherited_from_the_parent_folder_allows_the_report()
    {
        await using var app = await AuthorizationTestApp.StartAsync();
        using var bob = await SignInAsync(app, "bob@acme.com");

        var response = await bob.GetAsync("/reports/q3-revenue");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("report q3-revenue", await response.Content.ReadAsStringAsync());
        var check = Assert.Single(app.Emulator.Requests, r => r.Path == BobCheck);
        Assert.Equal("report:view", check.Body["permission_slug"]);
        Assert.Equal("q3-revenue", check.Body["resource_external_id"]);
        Assert.Equal("report", check.Body["resource_type_slug"]);
        Assert.False(check.Body.ContainsKey("resource_id"));
        var lookup = Assert.Single(app.Emulator.Requests, r => r.Path == Memberships);
        Assert.Contains("user_id=user_bob", lookup.Query, StringComparison.Ordinal);
        Assert.Contains("organization_id=org_acme", lookup.Query, StringComparison.Ordinal);
        Assert.Contains("statuses=active", lookup.Query, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/reports/roadmap")]        // not under the folder Bob may view
    [InlineData("/reports/q3-revenue/edit")] // viewing is not editing
    [InlineData("/mvc/reports/roadmap")]
    public async Task Check_WorkOS_denies_is_403_with_a_reason(string path)
    {
        await using var app = await AuthorizationTestApp.StartAsync();
        using var bob = await SignInAsync(app, "bob@acme.com");

        var response = await bob.GetAsync(path);

        await AssertProblemAsync(response, HttpStatusCode.Forbidden, "permission_denied");
        Assert.Equal(1, app.Emulator.CountRequests("POST", BobCheck));
    }

    [Fact]
    public async Task Organization_wide_role_allows_every_report_of_the_organization()
    {
        await using var app = await AuthorizationTestApp.StartAsync();
        using var alice = await SignInAsync(app, "alice@acme.com");

        Assert.Equal(HttpStatusCode.OK, (await alice.GetAsync("/reports/roadmap/edit")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await alice.GetAsync("/mvc/reports/q4-forecast")).StatusCode);
    }

    [Theory]
    [InlineData("/resources/authz_resource_acme_q4_forecast", HttpStatusCode.OK)]
    [InlineData("/resources/authz_resource_acme_roadmap", HttpStatusCode.Forbidden)]
    [InlineData("/mvc/resources/authz_resource_acme_q4_forecast", HttpStatusCode.OK)]
    [InlineData("/mvc/resources/authz_resource_acme_roadmap", HttpStatusCode.Forbidden)]
    public async Task Resource_id_form_sends_the_WorkOS_id(string path, HttpStatusCode expected)
    {
        await using var app = await AuthorizationTestApp.StartAsync();
        using var bob = await SignInAsync(app, "bob@acme.com");

        var response = await bob.GetAsync(path);

        Assert.Equal(expected, response.StatusCode);
        var check = Assert.Single(app.Emulator.Requests, r => r.Path == BobCheck);
        Assert.Equal(path[(path.LastIndexOf('/') + 1)..], check.Body["resource_id"]);
        Assert.False(check.Body.ContainsKey("resource_external_id"));
    }

    [Fact]
    public async Task Route_group_checks_its_resource_for_every_endpoint_in_it()
    {
        await using var app = await AuthorizationTestApp.StartAsync();
        using var bob = await SignInAsync(app, "bob@acme.com");

        var folder = await bob.GetAsync("/folders/finance");
        var unknown = await bob.GetAsync("/folders/legal");

        Assert.Equal(HttpStatusCode.OK, folder.StatusCode);
        await AssertProblemAsync(unknown, HttpStatusCode.Forbidden, "resource_not_found");
    }

    [Theory]
    [InlineData("/reports/q3-revenue")]
    [InlineData("/mvc/reports/q3-revenue")]
    [InlineData("/folders/finance")]
    [InlineData("/mvc/open-reports/q3-revenue")]   // [AllowAnonymous] does not switch a declared resource check off
    public async Task Anonymous_request_is_challenged_without_calling_WorkOS(string path)
    {
        await using var app = await AuthorizationTestApp.StartAsync();
        using var browser = app.CreateBrowser();

        var response = await browser.GetAsync(path);

        Assert.True(response.IsChallenge(app));
        Assert.Equal(0, app.Emulator.CountRequests("*", "/authorization/*"));
        Assert.Equal(0, app.Emulator.CountRequests("*", Memberships));
    }

    [Theory]
    [InlineData("/reports/q3-revenue")]
    [InlineData("/mvc/reports/q3-revenue")]
    public async Task Session_without_organization_is_403_with_a_clear_reason_and_no_upstream_call(string path)
    {
        await using var app = await AuthorizationTestApp.StartAsync();
        using var dave = await SignInAsync(app, "dave@example.com");

        var response = await dave.GetAsync(path);

        var problem = await AssertProblemAsync(response, HttpStatusCode.Forbidden, "no_organization");
        Assert.Contains("organization", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, app.Emulator.CountRequests("*", "/authorization/*"));
        Assert.Equal(0, app.Emulator.CountRequests("*", Memberships));
    }

    [Fact]
    public async Task User_without_membership_in_the_session_organization_is_403_without_a_check()
    {
        await using var app = await AuthorizationTestApp.StartAsync();
        // Carol belongs to Globex only; a token that claims Acme must not be checked as anyone's membership.
        var claims = AuthorizationTestApp.BobClaims(("sub", "user_carol"));

        var first = await app.GetWithTokenAsync("/reports/q3-revenue", claims);
        var second = await app.GetWithTokenAsync("/reports/q3-revenue", claims);

        await AssertProblemAsync(first, HttpStatusCode.Forbidden, "not_a_member");
        await AssertProblemAsync(second, HttpStatusCode.Forbidden, "not_a_member");
        Assert.Equal(0, app.Emulator.CountRequests("*", "/authorization/*"));
        Assert.Equal(1, app.Emulator.CountRequests("GET", Memberships));
    }

    [Fact]
    public async Task Signed_in_identity_that_is_not_a_WorkOS_user_is_403_without_upstream_calls()
    {
        await using var app = await AuthorizationTestApp.StartAsync();
        var claims = AuthorizationTestApp.BobClaims();
        claims.Remove("sub");

        var response = await app.GetWithTokenAsync("/reports/q3-revenue", claims);

        await AssertProblemAsync(response, HttpStatusCode.Forbidden, "not_a_member");
        Assert.Equal(0, app.Emulator.CountRequests("*", "/authorization/*"));
        Assert.Equal(0, app.Emulator.CountRequests("*", Memberships));
    }

    [Fact]
    public async Task Two_identical_checks_in_one_request_make_one_upstream_call()
    {
        await using var app = await AuthorizationTestApp.StartAsync();
        using var bob = await SignInAsync(app, "bob@acme.com");

        // Two endpoint filters and an IAuthorizationService call, all for report:view on q3-revenue.
        var first = await bob.GetAsync("/reports/q3-revenue/twice");

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.True((await first.Content.ReadFromJsonAsync<AuthorizationAnswer>())!.Succeeded);
        Assert.Equal(1, app.Emulator.CountRequests("POST", BobCheck));

        // Answers are not kept across requests (WorkOS reflects changes at once); the membership is.
        var second = await bob.GetAsync("/reports/q3-revenue/twice");
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal(2, app.Emulator.CountRequests("POST", BobCheck));
        Assert.Equal(1, app.Emulator.CountRequests("GET", Memberships));
    }

    [Fact]
    public async Task Removing_a_role_in_WorkOS_denies_the_next_request()
    {
        await using var app = await AuthorizationTestApp.StartAsync();
        using var bob = await SignInAsync(app, "bob@acme.com");

        var before = await bob.GetAsync("/reports/q3-revenue");
        Assert.True(app.Emulator.RemoveRoleAssignment("ra_bob_finance_viewer"));
        var after = await bob.GetAsync("/reports/q3-revenue");

        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        await AssertProblemAsync(after, HttpStatusCode.Forbidden, "permission_denied");
    }

    [Fact]
    public async Task Membership_lookup_is_cached_for_a_bounded_time()
    {
        await using var app = await AuthorizationTestApp.StartAsync(o => o.MembershipCacheDuration = TimeSpan.FromMinutes(1));
        using var bob = await SignInAsync(app, "bob@acme.com");

        await bob.GetAsync("/reports/q3-revenue");
        await bob.GetAsync("/reports/q4-forecast");
        Assert.Equal(1, app.Emulator.CountRequests("GET", Memberships));

        app.Clock.Advance(TimeSpan.FromMinutes(2));
        var later = await bob.GetAsync("/reports/q3-revenue");

        Assert.Equal(HttpStatusCode.OK, later.StatusCode);
        Assert.Equal(2, app.Emulator.CountRequests("GET", Memberships));
    }

    [Fact]
    public async Task A_request_that_missed_the_stored_membership_and_the_lookup_that_stored_it_takes_that_answer_without_asking_again()
    {
        await using var app = await AuthorizationTestApp.StartAsync(services: s =>
        {
            s.AddHybridCache();
            LateLookupHybridCache.Replace(s, "WorkOS:membership:");
        });
        using var bob = await SignInAsync(app, "bob@acme.com");

        var first = await bob.GetAsync("/reports/q3-revenue");
        var second = await bob.GetAsync("/reports/q4-forecast"); // its lookup comes too late to see the answer or the lookup

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal(1, app.Emulator.CountRequests("GET", Memberships));
    }

    [Fact]
    public async Task Concurrent_requests_of_one_user_share_one_membership_lookup_through_the_apps_HybridCache()
    {
        await using var app = await AuthorizationTestApp.StartAsync(services: s => s.AddHybridCache());
        app.Emulator.InjectFault("GET", Memberships, 0, latency: TimeSpan.FromMilliseconds(300));
        var claims = AuthorizationTestApp.BobClaims();

        var responses = await app.Emulator.ReleasingLatencyAsync(app.Clock, TimeSpan.FromMilliseconds(300), "GET", Memberships,
            Task.WhenAll(Enumerable.Range(0, 20).Select(_ => app.GetWithTokenAsync("/reports/q3-revenue", claims))));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Equal(1, app.Emulator.CountRequests("GET", Memberships));
        var memory = (MemoryCache)app.App.Services.GetRequiredService<IMemoryCache>();
        Assert.Single(memory.Keys.OfType<string>(), k => k.StartsWith("WorkOS:membership:", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_unexpected_exception_in_a_check_surfaces_as_a_500_not_a_503()
    {
        var failures = new List<WorkOSCheckFailedContext>();
        var failing = new FailingHandler();
        await using var app = await AuthorizationTestApp.StartAsync(
            o => o.Events.OnCheckFailed = context =>
            {
                failures.Add(context);
                return Task.CompletedTask;
            },
            services: s => s.AddHttpClient(WorkOSAuthKitDefaults.HttpClientName).AddHttpMessageHandler(() => failing));
        using var bob = await SignInAsync(app, "bob@acme.com");
        failing.Enabled = true;

        var lookup = await bob.GetAsync("/reports/q3-revenue");
        failing.Enabled = false;
        var allowed = await bob.GetAsync("/reports/q3-revenue");
        failing.Enabled = true;
        var check = await bob.GetAsync("/reports/q4-forecast");

        Assert.Equal(HttpStatusCode.InternalServerError, lookup.StatusCode);
        Assert.Contains(nameof(FailingHandler), await lookup.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        Assert.Equal(HttpStatusCode.InternalServerError, check.StatusCode);
        Assert.Empty(failures);
        Assert.DoesNotContain(app.Logs.Entries, e => e.EventId.Id is 1303 or 1306);
    }

    [Fact]
    public async Task Unknown_resource_is_403_and_forgets_the_cached_membership()
    {
        await using var app = await AuthorizationTestApp.StartAsync();
        using var bob = await SignInAsync(app, "bob@acme.com");

        var unknown = await bob.GetAsync("/reports/no-such-report");
        var next = await bob.GetAsync("/reports/q3-revenue");

        await AssertProblemAsync(unknown, HttpStatusCode.Forbidden, "resource_not_found");
        Assert.Equal(HttpStatusCode.OK, next.StatusCode);
        Assert.Equal(2, app.Emulator.CountRequests("GET", Memberships));
    }

    [Theory]
    [InlineData(500, null)]
    [InlineData(502, null)]
    [InlineData(503, null)]
    [InlineData(429, null)]
    [InlineData(401, null)]
    [InlineData(403, null)]
    [InlineData(200, """{"allowed":true}""")]
    [InlineData(200, """{"authorized":"yes"}""")]
    [InlineData(200, "<html>proxy</html>")]
    public async Task WorkOS_failure_or_unexpected_answer_fails_closed_with_503(int status, string? body)
    {
        var failures = new List<WorkOSCheckFailedContext>();
        await using var app = await AuthorizationTestApp.StartAsync(o => o.Events.OnCheckFailed = context =>
        {
            failures.Add(context);
            return Task.CompletedTask;
        });
        using var bob = await SignInAsync(app, "bob@acme.com");
        app.Emulator.InjectFault("POST", BobCheck, status, body);

        var failed = await bob.GetAsync("/reports/q3-revenue");
        var recovered = await bob.GetAsync("/reports/q3-revenue");

        await AssertProblemAsync(failed, HttpStatusCode.ServiceUnavailable, "authorization_unavailable");
        Assert.Equal(HttpStatusCode.OK, recovered.StatusCode);
        var failure = Assert.Single(failures);
        Assert.Equal("report:view", failure.Permission);
        Assert.Equal(WorkOSResource.FromExternalId("report", "q3-revenue"), failure.Resource);
        Assert.Equal("user_bob", failure.UserId);
        Assert.Equal("org_acme", failure.OrganizationId);
        Assert.Equal(status == 200 ? "http_200" : $"http_{status}", failure.Error);
        Assert.Contains(app.Logs.Entries, e => e.EventId.Id == 1303);
        Assert.DoesNotContain(app.Logs.Entries, e => e.Message.Contains(app.Emulator.ApiKey, StringComparison.Ordinal));
    }

    [Fact]
    public async Task WorkOS_timeout_fails_closed_with_503_in_bounded_time()
    {
        var errors = new List<string>();
        await using var app = await AuthorizationTestApp.StartAsync(o =>
        {
            o.CheckTimeout = TimeSpan.FromMilliseconds(300);
            o.Events.OnCheckFailed = context =>
            {
                errors.Add(context.Error);
                return Task.CompletedTask;
            };
        });
        using var bob = await SignInAsync(app, "bob@acme.com");
        // WorkOS would answer (allowed) after a minute: only the check's own timeout can turn this into a 503 "timeout".
        app.Emulator.InjectFault("POST", BobCheck, 0, latency: TimeSpan.FromMinutes(1));

        var pending = bob.GetAsync("/reports/q3-revenue");
        await app.Emulator.AdvanceWhileHeldAsync(app.Clock, TimeSpan.FromMilliseconds(300), "POST", BobCheck); // to the timeout, short of the latency
        var response = await pending;

        await AssertProblemAsync(response, HttpStatusCode.ServiceUnavailable, "authorization_unavailable");
        Assert.Equal(["timeout"], errors);
    }

    [Fact]
    public async Task Membership_lookup_failure_fails_closed_with_503_and_is_not_cached()
    {
        await using var app = await AuthorizationTestApp.StartAsync();
        using var bob = await SignInAsync(app, "bob@acme.com");
        app.Emulator.InjectFault("GET", Memberships, 500);

        var failed = await bob.GetAsync("/mvc/reports/q3-revenue");
        var recovered = await bob.GetAsync("/mvc/reports/q3-revenue");

        await AssertProblemAsync(failed, HttpStatusCode.ServiceUnavailable, "authorization_unavailable");
        Assert.Equal(HttpStatusCode.OK, recovered.StatusCode);
        Assert.Equal(1, app.Emulator.CountRequests("POST", BobCheck));
        Assert.Contains(app.Logs.Entries, e => e.EventId.Id == 1306);
    }

    [Theory]
    [InlineData("/reports/q3-revenue")]      // the endpoint filter
    [InlineData("/mvc/reports/q3-revenue")]  // the MVC filter
    [InlineData("/code/reports/q3-revenue")] // IAuthorizationService and the authorization handler
    public async Task A_throwing_OnCheckFailed_handler_reaches_the_apps_exception_handler_after_the_outage_is_logged(string path)
    {
        var seen = new List<Exception>();
        await using var app = await AuthorizationTestApp.StartAsync(
            o => o.Events.OnCheckFailed = _ => throw new InvalidOperationException("handler bug"),
            map: a => a.UseExceptionHandler(handler => handler.Run(context =>
            {
                seen.Add(context.Features.Get<IExceptionHandlerFeature>()!.Error);
                context.Response.StatusCode = StatusCodes.Status500InternalServerError;
                return context.Response.WriteAsync("the app's error page");
            })));
        using var bob = await SignInAsync(app, "bob@acme.com");
        app.Emulator.InjectFault("POST", BobCheck, 503);

        var response = await bob.GetAsync(path);

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("the app's error page", await response.Content.ReadAsStringAsync());
        Assert.Equal("handler bug", Assert.IsType<InvalidOperationException>(Assert.Single(seen)).Message);
        Assert.Contains(app.Logs.Entries, e => e.EventId.Id == 1303);
    }

    [Theory]
    [InlineData("/resources/..%2F..%2Fuser_management%2Fusers")]
    [InlineData("/reports/%22%7D%2C%22authorized%22%3Atrue")]
    public async Task Hostile_route_values_travel_in_the_body_and_are_denied(string path)
    {
        await using var app = await AuthorizationTestApp.StartAsync();
        using var bob = await SignInAsync(app, "bob@acme.com");

        var response = await bob.GetAsync(path);

        await AssertProblemAsync(response, HttpStatusCode.Forbidden, "resource_not_found");
        Assert.Equal(1, app.Emulator.CountRequests("POST", BobCheck));
        Assert.Equal(0, app.Emulator.CountRequests("*", "/user_management/users*"));
    }

    [Fact]
    public async Task Authorization_service_checks_resources_loaded_in_code_and_says_why_it_failed()
    {
        await using var app = await AuthorizationTestApp.StartAsync();
        using var bob = await SignInAsync(app, "bob@acme.com");
        using var dave = await SignInAsync(app, "dave@example.com");
        using var anonymous = app.CreateBrowser();

        var allowed = await AnswerAsync(bob, "/code/reports/q3-revenue");
        var denied = await AnswerAsync(bob, "/code/reports/roadmap");
        var noOrganization = await AnswerAsync(dave, "/code/reports/q3-revenue");
        var notSignedIn = await AnswerAsync(anonymous, "/code/reports/q3-revenue");
        var noResource = await AnswerAsync(bob, "/code/no-resource");
        app.Emulator.InjectFault("POST", BobCheck, 500);
        var unavailable = await AnswerAsync(bob, "/code/reports/q3-revenue");

        Assert.Equal(new AuthorizationAnswer(true, null, null), allowed);
        Assert.Equal(new AuthorizationAnswer(false, nameof(WorkOSCheckOutcome.Denied), "permission_denied"), denied);
        Assert.Equal(new AuthorizationAnswer(false, nameof(WorkOSCheckOutcome.NoOrganization), "no_organization"), noOrganization);
        Assert.Equal(new AuthorizationAnswer(false, nameof(WorkOSCheckOutcome.NotSignedIn), "not_signed_in"), notSignedIn);
        Assert.Equal(new AuthorizationAnswer(false, nameof(WorkOSCheckOutcome.Denied), "no_resource"), noResource);
        Assert.Equal(new AuthorizationAnswer(false, nameof(WorkOSCheckOutcome.Unavailable), "authorization_unavailable"), unavailable);
    }

    private static async Task<WorkOSTestClient> SignInAsync(AuthKitTestApp app, string email)
    {
        var browser = app.CreateBrowser();
        var callback = await browser.SignInAsync(email);
        Assert.Equal(HttpStatusCode.Redirect, callback.StatusCode);
        return browser;
    }

    private static async Task<AuthorizationAnswer> AnswerAsync(WorkOSTestClient browser, string path)
    {
        var response = await browser.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<AuthorizationAnswer>())!;
    }

    private static async Task<JsonElement> AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string reason)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        Assert.Equal(reason, problem.GetProperty("reason").GetString());
        return problem;
    }

    /// <summary>A bug in the app's HTTP pipeline on the calls of fine-grained checks: not a WorkOS outage.</summary>
    private sealed class FailingHandler : DelegatingHandler
    {
        public bool Enabled { get; set; }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Enabled && request.RequestUri!.AbsolutePath.Contains("organization_memberships", StringComparison.Ordinal)
                ? throw new InvalidOperationException(nameof(FailingHandler) + " is broken.")
                : base.SendAsync(request, cancellationToken);
    }

    [Theory]
    [InlineData("om_bob_acme")]
    [InlineData(null)]
    public void A_cached_membership_reads_back_as_it_was_and_a_failed_lookup_has_no_bytes(string? membershipId)
    {
        var serializer = new MembershipAnswerSerializer();
        var expiresAt = new DateTimeOffset(2026, 1, 1, 0, 5, 0, TimeSpan.Zero);
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();

        serializer.Serialize(new MembershipAnswer(membershipId, expiresAt, null), buffer);
        var read = serializer.Deserialize(new System.Buffers.ReadOnlySequence<byte>(buffer.WrittenMemory));

        Assert.Equal(new MembershipAnswer(membershipId, expiresAt, null), read);
        Assert.Throws<InvalidOperationException>(() => serializer.Serialize(
            new MembershipAnswer(null, expiresAt, new FgaFailure(HttpStatusCode.ServiceUnavailable, "http_503", null)), new System.Buffers.ArrayBufferWriter<byte>()));
    }
}
