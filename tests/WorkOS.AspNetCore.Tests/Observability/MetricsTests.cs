using System.Diagnostics.Metrics;
using System.Net;
using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using WorkOS.AspNetCore.ApiKeys;
using WorkOS.AspNetCore.Bearer;
using WorkOS.AspNetCore.Testing;
using WorkOS.AspNetCore.Tests.Authorization;
using WorkOS.AspNetCore.Tests.Bearer;
using WorkOS.AspNetCore.Tests.Infrastructure;

namespace WorkOS.AspNetCore.Tests.Observability;

/// <summary>
/// The instruments of the <c>WorkOS.AspNetCore</c> meter, observed through the app's <see cref="IMeterFactory"/> while a
/// real sign-in, refresh, key validation or check runs against the emulator.
/// </summary>
public sealed class MetricsTests
{
    private static readonly TimeSpan IntoBuffer = TimeSpan.FromMinutes(4) + TimeSpan.FromSeconds(40);

    private static MetricCollector<T> Collect<T>(IServiceProvider services, string instrument)
        where T : struct =>
        new(services.GetRequiredService<IMeterFactory>(), WorkOSAuthKitDefaults.MeterName, instrument);

    private static string? Tag<T>(CollectedMeasurement<T> measurement, string name)
        where T : struct =>
        measurement.Tags.TryGetValue(name, out var value) ? value?.ToString() : null;

    private static long Count(MetricCollector<long> collector, string outcome) =>
        collector.GetMeasurementSnapshot().Where(m => Tag(m, "workos.outcome") == outcome).Sum(m => m.Value);

    [Fact]
    public async Task A_sign_in_counts_signed_in_and_a_forged_state_counts_invalid_state()
    {
        await using var app = await AuthKitTestApp.StartAsync();
        using var signIns = Collect<long>(app.Services, "workos.sign_ins");
        using var browser = app.CreateBrowser();

        await browser.SignInAsync("alice@acme.com");
        var forged = await browser.GetAsync("/auth/callback?state=forged&code=abc");

        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal(1, Count(signIns, "signed_in"));
        Assert.Equal(1, Count(signIns, "invalid_state"));
        Assert.Equal(2, signIns.GetMeasurementSnapshot().Count);
    }

    [Fact]
    public async Task An_error_code_invented_by_the_callback_query_is_counted_as_provider_error_not_by_its_name()
    {
        await using var app = await AuthKitTestApp.StartAsync();
        using var signIns = Collect<long>(app.Services, "workos.sign_ins");
        using var browser = app.CreateBrowser();
        var challenge = await browser.GetAsync("/auth/sign-in");
        var state = System.Web.HttpUtility.ParseQueryString(browser.Location(challenge).Query)["state"]!;

        var refused = await browser.GetAsync("/auth/callback?state=" + Uri.EscapeDataString(state) + "&error=attacker_chosen_0001");

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var measurement = Assert.Single(signIns.GetMeasurementSnapshot());
        Assert.Equal("provider_error", Tag(measurement, "workos.outcome"));
    }

    [Fact]
    public async Task A_refresh_counts_refreshed_and_records_its_duration_and_the_WorkOS_call_by_endpoint_template()
    {
        await using var app = await AuthKitTestApp.StartAsync();
        using var browser = app.CreateBrowser();
        await browser.SignInAsync("alice@acme.com");
        using var refreshes = Collect<long>(app.Services, "workos.session.refreshes");
        using var durations = Collect<double>(app.Services, "workos.session.refresh.duration");
        using var upstream = Collect<double>(app.Services, "workos.upstream.duration");

        app.Clock.Advance(IntoBuffer);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/protected")).StatusCode);

        Assert.Equal(1, app.Emulator.CountRefreshes());
        Assert.Equal(1, Count(refreshes, "refreshed"));
        var duration = Assert.Single(durations.GetMeasurementSnapshot());
        Assert.Equal("refreshed", Tag(duration, "workos.outcome"));
        Assert.True(duration.Value >= 0);
        var call = Assert.Single(upstream.GetMeasurementSnapshot());
        Assert.Equal("/user_management/authenticate", Tag(call, "workos.endpoint"));
        Assert.Equal("POST", Tag(call, "http.request.method"));
        Assert.Equal("200", Tag(call, "http.response.status_code"));
        Assert.Null(Tag(call, "error.type"));
    }

    [Fact]
    public async Task A_refresh_WorkOS_answers_with_500_counts_transient_and_the_call_carries_its_status()
    {
        await using var app = await AuthKitTestApp.StartAsync();
        using var browser = app.CreateBrowser();
        await browser.SignInAsync("alice@acme.com");
        using var refreshes = Collect<long>(app.Services, "workos.session.refreshes");
        using var durations = Collect<double>(app.Services, "workos.session.refresh.duration");
        using var upstream = Collect<double>(app.Services, "workos.upstream.duration");
        app.Emulator.InjectFault("POST", "/user_management/authenticate", 500);

        app.Clock.Advance(IntoBuffer);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/protected")).StatusCode); // still valid: stays signed in

        Assert.Equal(1, Count(refreshes, "transient"));
        Assert.Equal(0, Count(refreshes, "refreshed"));
        Assert.Equal("transient", Tag(Assert.Single(durations.GetMeasurementSnapshot()), "workos.outcome"));
        var call = Assert.Single(upstream.GetMeasurementSnapshot());
        Assert.Equal("500", Tag(call, "http.response.status_code"));
        Assert.Equal("500", Tag(call, "error.type"));

        // The next request within the back-off does not call WorkOS, and says so.
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/protected")).StatusCode);
        Assert.Equal(1, Count(refreshes, "backing_off"));
        Assert.Single(upstream.GetMeasurementSnapshot());
    }

    [Fact]
    public async Task A_refresh_WorkOS_ends_the_session_counts_signed_out()
    {
        await using var app = await AuthKitTestApp.StartAsync();
        using var browser = app.CreateBrowser();
        await browser.SignInAsync("alice@acme.com");
        using var refreshes = Collect<long>(app.Services, "workos.session.refreshes");
        using var durations = Collect<double>(app.Services, "workos.session.refresh.duration");
        app.Emulator.RevokeUserSessions("alice@acme.com");

        app.Clock.Advance(IntoBuffer);
        Assert.Equal(HttpStatusCode.Redirect, (await browser.GetAsync("/protected")).StatusCode);

        Assert.Equal(1, Count(refreshes, "signed_out"));
        Assert.Equal("signed_out", Tag(Assert.Single(durations.GetMeasurementSnapshot()), "workos.outcome"));
    }

    [Fact]
    public async Task A_request_carrying_the_token_a_parallel_request_just_spent_counts_replayed()
    {
        await using var app = await AuthKitTestApp.StartAsync();
        using var browser = app.CreateBrowser();
        await browser.SignInAsync("alice@acme.com");
        var before = browser.GetCookie(WorkOSAuthKitDefaults.SessionCookieName)!;
        using var refreshes = Collect<long>(app.Services, "workos.session.refreshes");

        app.Clock.Advance(IntoBuffer);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/protected")).StatusCode);
        using var late = app.CreateBrowser();
        late.Cookies.Add(new Cookie(WorkOSAuthKitDefaults.SessionCookieName, before, "/", "localhost"));
        Assert.Equal(HttpStatusCode.OK, (await late.GetAsync("/protected")).StatusCode);

        Assert.Equal(1, app.Emulator.CountRefreshes());
        Assert.Equal(1, Count(refreshes, "refreshed"));
        Assert.Equal(1, Count(refreshes, "replayed"));
    }

    [Fact]
    public async Task A_cookie_replayed_after_sign_out_counts_a_revoked_session_refusal()
    {
        await using var app = await AuthKitTestApp.StartAsync();
        using var refusals = Collect<long>(app.Services, "workos.session.revoked_refusals");
        using var browser = app.CreateBrowser();
        await browser.SignInAsync("alice@acme.com");
        var captured = browser.GetCookie(WorkOSAuthKitDefaults.SessionCookieName)!;
        await browser.SubmitFormAsync("/auth/sign-out", new Dictionary<string, string>());

        using var replay = app.CreateBrowser();
        replay.Cookies.Add(new Cookie(WorkOSAuthKitDefaults.SessionCookieName, captured, "/", "localhost"));
        Assert.Equal(HttpStatusCode.Redirect, (await replay.GetAsync("/protected")).StatusCode);

        var refusal = Assert.Single(refusals.GetMeasurementSnapshot());
        Assert.Equal("cookie", Tag(refusal, "workos.source"));
    }

    [Fact]
    public async Task A_bearer_token_of_a_signed_out_session_counts_a_bearer_refusal_each_time_it_is_refused()
    {
        await using var app = await AuthKitTestApp.StartAsync(
            services: services => services.AddAuthentication().AddWorkOSBearer(),
            map: web =>
            {
                web.MapGet("/token", (Func<HttpContext, Task<string?>>)(context => context.GetWorkOSAccessTokenAsync())).RequireAuthorization();
                web.MapGet("/api/who", (ClaimsPrincipal user) => user.FindFirst("sub")!.Value)
                    .RequireAuthorization(new AuthorizeAttribute { AuthenticationSchemes = WorkOSBearerDefaults.AuthenticationScheme });
            });
        using var refusals = Collect<long>(app.Services, "workos.session.revoked_refusals");
        using var browser = app.CreateBrowser();
        await browser.SignInAsync("alice@acme.com");
        var token = await (await browser.GetAsync("/token")).Content.ReadAsStringAsync();
        using var api = app.App.GetTestServer().CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await WhoAsync(api, token)).StatusCode); // verified, and remembered
        await browser.SubmitFormAsync("/auth/sign-out", new Dictionary<string, string>());

        Assert.Equal(HttpStatusCode.Unauthorized, (await WhoAsync(api, token)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await WhoAsync(api, token)).StatusCode);

        var counted = refusals.GetMeasurementSnapshot();
        Assert.Equal(2, counted.Count);
        Assert.All(counted, m => Assert.Equal("bearer", Tag(m, "workos.source")));
    }

    private static Task<HttpResponseMessage> WhoAsync(HttpClient api, string token) =>
        api.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/api/who") { Headers = { Authorization = new("Bearer", token) } });

    [Fact]
    public async Task The_first_use_of_an_API_key_asks_WorkOS_and_the_second_is_a_cache_hit()
    {
        await using var app = await ApiTestApp.StartAsync(WorkOSApiKeyDefaults.AuthenticationScheme);
        using var validations = Collect<long>(app.App.Services, "workos.api_key.validations");
        using var upstream = Collect<double>(app.App.Services, "workos.upstream.duration");

        Assert.Equal(HttpStatusCode.OK, (await app.GetAsync("/api/me", "sk_acme_reports_emulator")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await app.GetAsync("/api/me", "sk_acme_reports_emulator")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.GetAsync("/api/me", "sk_never_issued")).StatusCode);

        var measurements = validations.GetMeasurementSnapshot();
        Assert.Equal(3, measurements.Count);
        Assert.Equal(("valid", "False"), (Tag(measurements[0], "workos.outcome"), Tag(measurements[0], "workos.cache.hit")));
        Assert.Equal(("valid", "True"), (Tag(measurements[1], "workos.outcome"), Tag(measurements[1], "workos.cache.hit")));
        Assert.Equal(("invalid", "False"), (Tag(measurements[2], "workos.outcome"), Tag(measurements[2], "workos.cache.hit")));
        Assert.Equal(2, upstream.GetMeasurementSnapshot().Count(m => Tag(m, "workos.endpoint") == "/api_keys/validations"));
    }

    [Fact]
    public async Task Fine_grained_checks_count_allowed_and_permission_denied_and_the_calls_use_templates_without_ids()
    {
        await using var app = await AuthorizationTestApp.StartAsync();
        using var checks = Collect<long>(app.Services, "workos.fga.checks");
        using var upstream = Collect<double>(app.Services, "workos.upstream.duration");
        using var bob = app.CreateBrowser();
        await bob.SignInAsync("bob@acme.com");

        Assert.Equal(HttpStatusCode.OK, (await bob.GetAsync("/reports/q3-revenue")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await bob.GetAsync("/reports/roadmap")).StatusCode);

        Assert.Equal(1, Count(checks, "allowed"));
        Assert.Equal(1, Count(checks, "permission_denied"));
        var endpoints = upstream.GetMeasurementSnapshot().Select(m => Tag(m, "workos.endpoint")).ToHashSet();
        Assert.Contains("/authorization/organization_memberships/{membership_id}/check", endpoints);
        Assert.Contains("/user_management/organization_memberships", endpoints);
        Assert.DoesNotContain(endpoints, e => e!.Contains("om_bob_acme", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Signing_key_fetches_count_fetched_and_failed()
    {
        await using var app = await AuthKitTestApp.StartAsync();
        using var fetches = Collect<long>(app.Services, "workos.jwks.fetches");
        using var browser = app.CreateBrowser();
        await browser.SignInAsync("alice@acme.com"); // the first fetch, to check the sign-in's token

        app.Emulator.InjectFault("GET", "/sso/jwks/*", 503, count: -1);
        app.Emulator.RotateSigningKey();
        app.Clock.Advance(IntoBuffer);
        await browser.GetAsync("/protected"); // the refreshed token names a key the cache lacks: a fetch, which fails

        Assert.Equal(1, Count(fetches, "fetched"));
        Assert.True(Count(fetches, "failed") >= 1);
        Assert.All(fetches.GetMeasurementSnapshot().Where(m => Tag(m, "workos.outcome") == "failed"),
            m => Assert.Equal(typeof(IOException).FullName, Tag(m, "error.type")));
    }
}
