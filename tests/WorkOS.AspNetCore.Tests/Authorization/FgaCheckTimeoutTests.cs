using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using WorkOS.AspNetCore.Api;
using WorkOS.AspNetCore.Fga;
using WorkOS.AspNetCore.Tests.Api;

namespace WorkOS.AspNetCore.Tests.Authorization;

/// <summary>
/// The waits of a fine-grained check end on the app's <see cref="TimeProvider"/>: WorkOS never answers the check, and
/// only advancing a <see cref="FakeTimeProvider"/> turns it into the fail-closed 503.
/// </summary>
public sealed class FgaCheckTimeoutTests
{
    private const string BobCheck = "/authorization/organization_memberships/om_bob_acme/check";

    [Fact]
    public async Task A_check_WorkOS_never_answers_is_503_once_the_app_clock_passes_CheckTimeout()
    {
        var failures = new List<WorkOSCheckFailedContext>();
        var (clock, held) = (new FakeTimeProvider(), new HeldUpstreamHandler(BobCheck));
        await using var app = await AuthorizationTestApp.StartAsync(
            o =>
            {
                o.CheckTimeout = TimeSpan.FromSeconds(5);
                o.Events.OnCheckFailed = context =>
                {
                    failures.Add(context);
                    return Task.CompletedTask;
                };
            },
            services: s =>
            {
                s.AddSingleton<TimeProvider>(clock);
                s.AddHttpClient(WorkOSAuthKitDefaults.HttpClientName).AddHttpMessageHandler(() => held);
            });

        var pending = app.GetWithTokenAsync("/reports/q3-revenue", AuthorizationTestApp.BobClaims());
        var upstream = await held.WaitForCallAsync(pending);
        clock.Advance(TimeSpan.FromSeconds(5) - TimeSpan.FromTicks(1));
        Assert.False(upstream.IsCancellationRequested);
        clock.Advance(TimeSpan.FromTicks(1));
        Assert.True(upstream.IsCancellationRequested);
        var response = await pending;

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        var failure = Assert.Single(failures);
        Assert.Equal("timeout", failure.Error);
        Assert.IsAssignableFrom<OperationCanceledException>(failure.Exception);
        Assert.Single(app.Logs.Entries, e => e.EventId.Id == 1303);
    }

    [Fact]
    public async Task A_check_is_abandoned_when_the_app_clock_passes_the_WorkOS_clients_own_shorter_timeout()
    {
        var failures = new List<WorkOSCheckFailedContext>();
        var (clock, held) = (new FakeTimeProvider(), new HeldUpstreamHandler(BobCheck));
        await using var app = await AuthorizationTestApp.StartAsync(
            o => o.Events.OnCheckFailed = context =>
            {
                failures.Add(context);
                return Task.CompletedTask;
            }, // CheckTimeout stays 5 s
            services: s =>
            {
                s.AddSingleton<TimeProvider>(clock);
                s.AddHttpClient(WorkOSAuthKitDefaults.HttpClientName, http => http.Timeout = TimeSpan.FromSeconds(2))
                    .AddHttpMessageHandler(() => held);
            });

        var pending = app.GetWithTokenAsync("/reports/q3-revenue", AuthorizationTestApp.BobClaims());
        var upstream = await held.WaitForCallAsync(pending);
        clock.Advance(TimeSpan.FromSeconds(2));
        Assert.True(upstream.IsCancellationRequested);
        var response = await pending;

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        var failure = Assert.Single(failures);
        Assert.Equal("timeout", failure.Error);
        Assert.Equal("timeout", Assert.IsType<WorkOSApiException>(failure.Exception).ErrorCode);
    }
}
