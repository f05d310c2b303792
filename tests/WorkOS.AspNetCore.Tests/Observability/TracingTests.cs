using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Net;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using WorkOS.AspNetCore.Testing;
using WorkOS.AspNetCore.Tests.Infrastructure;

namespace WorkOS.AspNetCore.Tests.Observability;

/// <summary>
/// The <c>WorkOS.AspNetCore</c> spans: the sign-in callback, a refresh inside the request that needed it, and each
/// WorkOS call inside those, tagged with ids and never with a token, code or key.
/// </summary>
public sealed class TracingTests
{
    private static readonly TimeSpan IntoBuffer = TimeSpan.FromMinutes(4) + TimeSpan.FromSeconds(40);

    private static Task<AuthKitTestApp> StartAsync() => AuthKitTestApp.StartAsync(map: app => app.MapGet("/tokens", (Func<HttpContext, Task<IResult>>)(async context =>
        Results.Json(new[] { await context.GetTokenAsync("access_token"), await context.GetTokenAsync("refresh_token") }))).RequireAuthorization());

    private static async Task<string[]> TokensAsync(WorkOSTestClient browser)
    {
        var response = await browser.GetAsync("/tokens");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await System.Net.Http.Json.HttpContentJsonExtensions.ReadFromJsonAsync<string[]>(response.Content))!;
    }

    [Fact]
    public async Task The_sign_in_span_carries_the_user_organization_and_session_ids_and_contains_the_code_exchange()
    {
        await using var app = await StartAsync();
        using var trace = new TraceCapture();
        using var browser = app.CreateBrowser();

        Assert.Equal(HttpStatusCode.Redirect, (await trace.SignInAsync(browser, "alice@acme.com")).StatusCode);

        var request = trace.RequestSpan();
        var signIn = Assert.Single(trace.WorkOSSpans, a => a.OperationName == "WorkOS sign-in");
        Assert.Equal(request.SpanId, signIn.ParentSpanId);
        Assert.Equal("user_alice", signIn.GetTagItem("workos.user.id"));
        Assert.Equal("org_acme", signIn.GetTagItem("workos.organization.id"));
        Assert.StartsWith("session_", (string)signIn.GetTagItem("workos.session.id")!, StringComparison.Ordinal);
        Assert.Equal("signed_in", signIn.GetTagItem("workos.outcome"));
        Assert.Equal(ActivityStatusCode.Unset, signIn.Status);

        var exchange = Assert.Single(trace.WorkOSSpans, a => a.OperationName == "WorkOS code exchange");
        Assert.Equal(signIn.SpanId, exchange.ParentSpanId);
        Assert.Equal(ActivityKind.Client, exchange.Kind);
        Assert.Equal("/user_management/authenticate", exchange.GetTagItem("workos.endpoint"));
        Assert.Equal(200, exchange.GetTagItem("http.response.status_code"));
    }

    [Fact]
    public async Task A_refused_callback_marks_the_sign_in_span_failed_with_the_refusal()
    {
        await using var app = await StartAsync();
        using var trace = new TraceCapture();
        using var browser = app.CreateBrowser();

        var refused = await browser.GetAsync("/auth/callback?state=forged&code=abc", trace.Join);

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var signIn = Assert.Single(trace.WorkOSSpans);
        Assert.Equal("WorkOS sign-in", signIn.OperationName);
        Assert.Equal(ActivityStatusCode.Error, signIn.Status);
        Assert.Equal("invalid_state", signIn.StatusDescription);
    }

    [Fact]
    public async Task The_refresh_span_is_a_child_of_the_request_that_needed_it_and_the_parent_of_the_WorkOS_call()
    {
        await using var app = await StartAsync();
        using var browser = app.CreateBrowser();
        await browser.SignInAsync("alice@acme.com");
        using var trace = new TraceCapture();

        app.Clock.Advance(IntoBuffer);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/protected", trace.Join)).StatusCode);

        var request = trace.RequestSpan();
        var refresh = Assert.Single(trace.WorkOSSpans, a => a.OperationName == "WorkOS session refresh");
        Assert.Equal(request.SpanId, refresh.ParentSpanId);
        Assert.Equal("user_alice", refresh.GetTagItem("workos.user.id"));
        Assert.Equal("org_acme", refresh.GetTagItem("workos.organization.id"));
        Assert.NotNull(refresh.GetTagItem("workos.session.id"));
        Assert.Equal("refreshed", refresh.GetTagItem("workos.outcome"));

        var call = Assert.Single(trace.WorkOSSpans, a => a.OperationName == "WorkOS token refresh");
        Assert.Equal(refresh.SpanId, call.ParentSpanId);
        Assert.Equal("/user_management/authenticate", call.GetTagItem("workos.endpoint"));
        Assert.Equal("POST", call.GetTagItem("http.request.method"));
        Assert.Equal(200, call.GetTagItem("http.response.status_code"));
    }

    [Fact]
    public async Task A_refresh_WorkOS_fails_marks_the_refresh_and_the_call_spans_failed()
    {
        await using var app = await StartAsync();
        using var browser = app.CreateBrowser();
        await browser.SignInAsync("alice@acme.com");
        using var trace = new TraceCapture();
        app.Emulator.InjectFault("POST", "/user_management/authenticate", 503);

        app.Clock.Advance(IntoBuffer);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/protected", trace.Join)).StatusCode);

        var refresh = Assert.Single(trace.WorkOSSpans, a => a.OperationName == "WorkOS session refresh");
        Assert.Equal(ActivityStatusCode.Error, refresh.Status);
        Assert.Equal("transient", refresh.GetTagItem("workos.outcome"));
        var call = Assert.Single(trace.WorkOSSpans, a => a.OperationName == "WorkOS token refresh");
        Assert.Equal(ActivityStatusCode.Error, call.Status);
        Assert.Equal("503", call.GetTagItem("error.type"));
    }

    [Fact]
    public async Task No_span_or_metric_tag_carries_a_token_code_verifier_or_key_the_emulator_issued_or_received()
    {
        await using var app = await StartAsync();
        var meterFactory = app.Services.GetRequiredService<IMeterFactory>();
        using var collectors = new CompositeDisposable(
            ["workos.sign_ins", "workos.session.refreshes", "workos.session.refresh.duration", "workos.upstream.duration", "workos.jwks.fetches"],
            name => name.EndsWith(".duration", StringComparison.Ordinal)
                ? new MetricCollector<double>(meterFactory, WorkOSAuthKitDefaults.MeterName, name)
                : new MetricCollector<long>(meterFactory, WorkOSAuthKitDefaults.MeterName, name));
        using var trace = new TraceCapture();
        using var browser = app.CreateBrowser();

        await trace.SignInAsync(browser, "alice@acme.com");
        var first = await TokensAsync(browser);
        app.Clock.Advance(IntoBuffer);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/protected", trace.Join)).StatusCode);
        var second = await TokensAsync(browser);

        var secrets = first.Concat(second)
            .Concat(app.Emulator.Requests.SelectMany(r => r.Body)
                .Where(p => p.Key is "code" or "code_verifier" or "refresh_token" or "client_secret")
                .Select(p => p.Value))
            .Append(app.Emulator.ApiKey)
            .Where(s => !string.IsNullOrEmpty(s))
            .Distinct()
            .ToList();
        Assert.True(secrets.Count >= 7, $"only {secrets.Count} secrets seen"); // 2 access, 2 refresh tokens, a code, its verifier, the API key
        Assert.NotEqual(first[0], second[0]); // the refresh happened
        var values = trace.WorkOSTagValues().Concat(collectors.TagValues()).ToList();
        Assert.NotEmpty(trace.WorkOSSpans);
        Assert.NotEmpty(collectors.TagValues());
        foreach (var secret in secrets)
        {
            Assert.DoesNotContain(values, v => v.Contains(secret, StringComparison.Ordinal));
        }
    }

    /// <summary>Metric collectors for several instruments, and every tag value they saw.</summary>
    private sealed class CompositeDisposable(IEnumerable<string> names, Func<string, IDisposable> create) : IDisposable
    {
        private readonly List<IDisposable> _collectors = names.Select(create).ToList();

        public IEnumerable<string> TagValues() => _collectors.SelectMany(c => c switch
        {
            MetricCollector<long> longs => longs.GetMeasurementSnapshot().SelectMany(m => m.Tags.Values),
            MetricCollector<double> doubles => doubles.GetMeasurementSnapshot().SelectMany(m => m.Tags.Values),
            _ => [],
        }).Select(v => v?.ToString() ?? "");

        public void Dispose() => _collectors.ForEach(c => c.Dispose());
    }
}
