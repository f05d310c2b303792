using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using WorkOS.AspNetCore.Tests.Infrastructure;
using WorkOS.AspNetCore.Tests.Observability;

namespace WorkOS.AspNetCore.Tests.Sso;

/// <summary>The SSO scheme's callbacks are counted by outcome and traced, like AuthKit's.</summary>
public sealed class SsoObservabilityTests
{
    private static MetricCollector<long> SignIns(SsoTestApp app) =>
        new(app.Services.GetRequiredService<IMeterFactory>(), WorkOSAuthKitDefaults.MeterName, "workos.sso.sign_ins");

    private static long Count(MetricCollector<long> collector, string outcome) =>
        collector.GetMeasurementSnapshot().Where(m => m.Tags.TryGetValue("workos.outcome", out var o) && (string?)o == outcome).Sum(m => m.Value);

    [Fact]
    public async Task A_sign_in_counts_signed_in_a_forged_state_invalid_state_and_an_invented_error_sso_failed()
    {
        await using var app = await SsoTestApp.StartAsync();
        using var signIns = SignIns(app);
        using var browser = app.CreateBrowser();
        var callback = await SsoSignInTests.CallbackUrlAsync(browser, "connection=conn_acme_saml&login_hint=alice@acme.com");
        Assert.Equal(HttpStatusCode.Redirect, (await browser.GetAsync(callback.PathAndQuery)).StatusCode);

        var forged = await browser.GetAsync("/auth/sso/callback?state=forged&code=abc");
        var second = await SsoSignInTests.CallbackUrlAsync(browser, "connection=conn_acme_saml&login_hint=alice@acme.com");
        var state = System.Web.HttpUtility.ParseQueryString(second.Query)["state"]!;
        var invented = await browser.GetAsync("/auth/sso/callback?state=" + Uri.EscapeDataString(state) + "&error=attacker_chosen_0001");

        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, invented.StatusCode);
        Assert.Equal(1, Count(signIns, "signed_in"));
        Assert.Equal(1, Count(signIns, "invalid_state"));
        Assert.Equal(1, Count(signIns, "sso_failed"));
        Assert.Equal(3, signIns.GetMeasurementSnapshot().Count);
    }

    [Fact]
    public async Task The_callback_is_a_span_with_the_organization_the_connection_and_the_outcome_and_no_code()
    {
        await using var app = await SsoTestApp.StartAsync();
        using var trace = new TraceCapture();
        using var browser = app.CreateBrowser();
        var callback = await SsoSignInTests.CallbackUrlAsync(browser, "connection=conn_acme_saml&login_hint=alice@acme.com");

        Assert.Equal(HttpStatusCode.Redirect, (await browser.GetAsync(callback.PathAndQuery, trace.Join)).StatusCode);
        var refused = await browser.GetAsync("/auth/sso/callback?state=forged&code=abc", trace.Join);

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var spans = trace.WorkOSSpans.Where(s => s.OperationName == "WorkOS SSO sign-in").ToList();
        Assert.Equal(2, spans.Count);
        var signedIn = Assert.Single(spans, s => (string?)s.GetTagItem("workos.outcome") == "signed_in");
        Assert.Equal("org_acme", signedIn.GetTagItem("workos.organization.id"));
        Assert.Equal("conn_acme_saml", signedIn.GetTagItem("workos.sso.connection.id"));
        Assert.Equal(ActivityStatusCode.Unset, signedIn.Status);
        var failed = Assert.Single(spans, s => (string?)s.GetTagItem("workos.outcome") == "invalid_state");
        Assert.Equal(ActivityStatusCode.Error, failed.Status);
        var code = System.Web.HttpUtility.ParseQueryString(callback.Query)["code"]!;
        Assert.DoesNotContain(trace.WorkOSTagValues(), v => v.Contains(code, StringComparison.Ordinal));
    }
}
