using System.Diagnostics;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using WorkOS.AspNetCore.Api;
using WorkOS.AspNetCore.ApiKeys;
using WorkOS.AspNetCore.Bearer;
using WorkOS.AspNetCore.Tests.Bearer;

namespace WorkOS.AspNetCore.Tests.Api;

/// <summary>The timeout of the WorkOS client (its <see cref="HttpClient.Timeout"/>, 15 s) runs on the app's <see cref="TimeProvider"/>.</summary>
public sealed class WorkOSApiClientTimeoutTests
{
    [Fact]
    public async Task A_WorkOS_call_is_abandoned_when_the_app_clock_passes_the_client_timeout_and_answers_503()
    {
        var clock = new FakeTimeProvider();
        var held = new HeldUpstreamHandler("/api_keys/validations");
        await using var app = await ApiTestApp.StartAsync(WorkOSApiKeyDefaults.AuthenticationScheme,
            apiKey: o => o.ValidationTimeout = TimeSpan.FromMinutes(1), // longer than the client's own timeout
            services: s =>
            {
                s.AddSingleton<TimeProvider>(clock);
                s.AddHttpClient(WorkOSAuthKitDefaults.HttpClientName).AddHttpMessageHandler(() => held);
            });

        var pending = app.GetAsync("/api/me", "sk_acme_reports_emulator");
        var upstream = await held.WaitForCallAsync(pending);
        clock.Advance(TimeSpan.FromSeconds(15) - TimeSpan.FromTicks(1));
        Assert.False(upstream.IsCancellationRequested);
        clock.Advance(TimeSpan.FromTicks(1));
        Assert.True(upstream.IsCancellationRequested);
        var response = await pending;

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        var logged = Assert.Single(app.Logs.Entries, e => e.EventId.Id == 1454);
        Assert.Equal("timeout", Assert.IsType<WorkOSApiException>(logged.Exception).ErrorCode);
    }

    [Fact]
    public async Task A_signing_key_fetch_is_abandoned_when_the_app_clock_passes_the_client_timeout_and_the_bearer_gets_503()
    {
        var held = new HeldUpstreamHandler("/sso/jwks/");
        await using var app = await ApiTestApp.StartAsync(WorkOSBearerDefaults.AuthenticationScheme,
            services: s => s.AddHttpClient(WorkOSAuthKitDefaults.HttpClientName).AddHttpMessageHandler(() => held));

        var pending = app.GetAsync("/api/me", app.AliceToken());
        var upstream = await held.WaitForCallAsync(pending);
        app.Clock.Advance(TimeSpan.FromSeconds(15) - TimeSpan.FromTicks(1));
        Assert.False(upstream.IsCancellationRequested);
        app.Clock.Advance(TimeSpan.FromTicks(1));
        Assert.True(upstream.IsCancellationRequested);
        var response = await pending;

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Contains(app.Logs.Entries, e => e.EventId.Id == 1602);
    }
}

/// <summary>
/// Holds the WorkOS call to <paramref name="path"/> (or under it) unanswered until its cancellation token fires, as an upstream that
/// never answers; every other call goes through.
/// </summary>
internal sealed class HeldUpstreamHandler(string path) : DelegatingHandler
{
    private readonly TaskCompletionSource<CancellationToken> _called = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The token of the held call, once it is made; fails if <paramref name="request"/> ends without making it.</summary>
    public async Task<CancellationToken> WaitForCallAsync(Task<HttpResponseMessage> request)
    {
        if (await Task.WhenAny(_called.Task, request) != _called.Task)
        {
            Assert.Fail($"The request ended with {(int)(await request).StatusCode} without calling {path}.");
        }

        return await _called.Task;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.RequestUri?.AbsolutePath.StartsWith(path, StringComparison.Ordinal) != true)
        {
            return await base.SendAsync(request, cancellationToken);
        }

        _called.TrySetResult(cancellationToken);
        await Task.Delay(Timeout.Infinite, cancellationToken); // no timer: only the caller's cancellation ends the wait
        throw new UnreachableException();
    }
}
