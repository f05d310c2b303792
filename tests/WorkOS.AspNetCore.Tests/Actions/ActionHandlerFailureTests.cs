using System.Net;
using Microsoft.Extensions.Time.Testing;
using WorkOS.AspNetCore.Actions;
using WorkOS.AspNetCore.Tests.Infrastructure;
using WorkOS.AspNetCore.Tests.Webhooks;

namespace WorkOS.AspNetCore.Tests.Actions;

/// <summary>
/// A handler that fails or takes too long gets no verdict signed for it: the endpoint answers 503 without details, so
/// WorkOS applies the endpoint's own error handling (deny, unless the dashboard says otherwise), and logs why.
/// </summary>
public sealed class ActionHandlerFailureTests
{
    private const int HandlerFailedEvent = 1947;
    private const int HandlerTimedOutEvent = 1948;

    private readonly FakeTimeProvider _clock = TestClock.StartingNow();

    [Fact]
    public async Task A_handler_that_throws_is_answered_503_without_details_and_logged_with_the_exception()
    {
        await using var app = await ActionTestApp.StartAsync(_clock, actions => actions.OnAuthentication((_, _) => Fail("database password is hunter2")));
        var body = ActionMessages.Authentication();

        var response = await app.PostAsync(body, WebhookSigner.Header(ActionTestApp.Secret, _clock.GetUtcNow(), body));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsStringAsync());
        var entry = Assert.Single(app.Logs.Entries, e => e.EventId.Id == HandlerFailedEvent);
        Assert.IsType<InvalidOperationException>(entry.Exception);
        Assert.Contains("action_01AUTH", entry.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_handler_that_returns_no_verdict_is_answered_503_and_logged()
    {
        await using var app = await ActionTestApp.StartAsync(_clock, actions => actions.OnAuthentication((_, _) => (WorkOSActionVerdict)null!));
        var body = ActionMessages.Authentication();

        var response = await app.PostAsync(body, WebhookSigner.Header(ActionTestApp.Secret, _clock.GetUtcNow(), body));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.True(app.Logged(HandlerFailedEvent));
    }

    [Fact]
    public async Task A_handler_slower_than_the_timeout_is_cancelled_and_answered_503()
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var cancelled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var app = await ActionTestApp.StartAsync(
            _clock,
            actions => actions.OnAuthentication(async (_, http) =>
            {
                http.RequestAborted.Register(() => cancelled.TrySetResult());
                started.TrySetResult();
                await Task.Delay(Timeout.InfiniteTimeSpan, CancellationToken.None);
                return WorkOSActionVerdict.Allow;
            }),
            o =>
            {
                o.Secrets.Add(ActionTestApp.Secret);
                o.HandlerTimeout = TimeSpan.FromSeconds(3);
            });
        var body = ActionMessages.Authentication();

        var pending = app.PostAsync(body, WebhookSigner.Header(ActionTestApp.Secret, _clock.GetUtcNow(), body));
        await started.Task.WaitAsync(TimeSpan.FromSeconds(30));
        _clock.Advance(TimeSpan.FromSeconds(3));
        var response = await pending.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.True(cancelled.Task.IsCompleted, "the handler's RequestAborted was not cancelled");
        Assert.True(app.Logged(HandlerTimedOutEvent));
    }

    [Fact]
    public async Task A_handler_that_answers_before_the_timeout_is_not_cut_short()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var app = await ActionTestApp.StartAsync(
            _clock,
            actions => actions.OnAuthentication(async (_, http) =>
            {
                started.TrySetResult();
                await release.Task.WaitAsync(http.RequestAborted);
                return WorkOSActionVerdict.Deny("Not today.");
            }),
            o =>
            {
                o.Secrets.Add(ActionTestApp.Secret);
                o.HandlerTimeout = TimeSpan.FromSeconds(3);
            });
        var body = ActionMessages.Authentication();

        var pending = app.PostAsync(body, WebhookSigner.Header(ActionTestApp.Secret, _clock.GetUtcNow(), body));
        await started.Task.WaitAsync(TimeSpan.FromSeconds(30));
        _clock.Advance(TimeSpan.FromSeconds(2));
        release.SetResult();
        var response = await pending.WaitAsync(TimeSpan.FromSeconds(30));

        var payload = await ActionMessages.VerifiedPayloadAsync(response, "authentication_action_response", ActionTestApp.Secret);
        Assert.Equal("Not today.", payload.GetProperty("error_message").GetString());
        Assert.False(app.Logged(HandlerTimedOutEvent));
    }

    private static WorkOSActionVerdict Fail(string message) => throw new InvalidOperationException(message);
}
