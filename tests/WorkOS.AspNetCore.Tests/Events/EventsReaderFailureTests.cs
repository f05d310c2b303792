using Microsoft.Extensions.Logging;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using WorkOS.AspNetCore.Emulator;
using WorkOS.AspNetCore.Events;
using WorkOS.AspNetCore.Testing;
using WorkOS.AspNetCore.Tests.Infrastructure;
using WorkOS.AspNetCore.Tests.Webhooks;
using WorkOS.AspNetCore.Webhooks;

namespace WorkOS.AspNetCore.Tests.Events;

/// <summary>
/// Whatever WorkOS answers (nothing, 5xx, 429, a redirect, malformed or oversized pages, 401), the reader keeps running,
/// logs why, backs off on the app's clock and leaves its cursor where it was; a full handler queue makes it wait, not drop.
/// </summary>
public sealed class EventsReaderFailureTests : IAsyncDisposable
{
    private const int PollFailedEvent = 1932;
    private const int ApiKeyRefusedEvent = 1933;
    private const int MalformedPageEvent = 1935;
    private const int QueueFullEvent = 1936;
    private const int CursorStoreFailedEvent = 1937;
    private const int NoApiKeyEvent = 1938;
    private const int PageTooLargeEvent = 1939;
    private const int RedirectRefusedEvent = 1701;
    private const int ResponseTooLargeEvent = 1702;
    private const int UnexpectedAnswerEvent = 1703;

    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan FirstBackoff = TimeSpan.FromSeconds(60);

    private readonly FakeTimeProvider _time = TestClock.StartingNow();
    private readonly WorkOSEmulator _emulator;
    private readonly Reachability _network = new();
    private EventsReaderTestApp? _app;

    public EventsReaderFailureTests() => _emulator = WorkOSEmulator.CreateInProcess(o => o.TimeProvider = _time);

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }

        await _emulator.DisposeAsync();
    }

    /// <summary>Starts a reader that has handled one event and waits for its next poll; returns its cursor.</summary>
    private async Task<string> StartWithOneEventHandledAsync(Action<IServiceCollection>? services = null, Action<WorkOSWebhookBuilder>? handlers = null)
    {
        var first = EventsReaderTestApp.RaiseUsersCreated(_emulator, 1);
        _app = await EventsReaderTestApp.StartAsync(_emulator, new WatchedClock(_time), services: services, handlers: handlers,
            handler: () => new UnreachableWhenDown(_network, _emulator.CreateHandler()));
        Assert.Equal(first, await _app.NextHandledAsync(1));
        await _app.WaitForTimerAsync(Poll);
        Assert.Equal(first[0], await _app.CursorAsync());
        return first[0];
    }

    /// <summary>After the failure's wait, the reader reads on from the cursor it had: the next event is handled, none is repeated.</summary>
    private async Task AssertRecoversAsync(string cursor, TimeSpan backoff)
    {
        Assert.Equal(cursor, await _app!.CursorAsync());
        var next = EventsReaderTestApp.RaiseUsersCreated(_emulator, 1);
        _time.Advance(backoff);

        Assert.Equal(next, await _app.NextHandledAsync(1));
        Assert.Equal(cursor, EventsReaderTestApp.EventRequests(_emulator)[^1]["after"]);
        await _app.WaitForTimerAsync(Poll);
        Assert.Empty(_app.HandledSoFar());
        Assert.Equal(next[0], await _app.CursorAsync());
    }

    [Fact]
    public async Task WorkOS_unreachable_is_logged_and_retried_after_a_backoff_with_the_cursor_unchanged()
    {
        var cursor = await StartWithOneEventHandledAsync();
        _network.Down = true;

        _time.Advance(Poll);
        await _app!.WaitForTimerAsync(FirstBackoff);

        Assert.Contains(_app.Logs.Entries, e => e.EventId.Id == PollFailedEvent && e.Message.Contains("network_error", StringComparison.Ordinal));
        _network.Down = false;
        await AssertRecoversAsync(cursor, FirstBackoff);
    }

    [Fact]
    public async Task An_unexpected_exception_in_a_poll_does_not_stop_the_host_and_the_reader_carries_on()
    {
        var cursor = await StartWithOneEventHandledAsync();
        _network.Broken = true;

        _time.Advance(Poll);
        await _app!.WaitForTimerAsync(FirstBackoff);

        Assert.Contains(_app.Logs.Entries, e => e.EventId.Id == 1950 && e.Level == LogLevel.Error && e.Exception is InvalidOperationException);
        Assert.DoesNotContain(_app.Logs.Entries, e => e.EventId.Id == PollFailedEvent);
        _network.Broken = false;
        await AssertRecoversAsync(cursor, FirstBackoff);
    }

    [Fact]
    public async Task Server_errors_in_a_row_double_the_backoff_and_a_good_answer_resets_it()
    {
        var cursor = await StartWithOneEventHandledAsync();
        _emulator.InjectFault("GET", "/events", 503, count: 2);

        _time.Advance(Poll);
        await _app!.WaitForTimerAsync(FirstBackoff);
        _time.Advance(FirstBackoff);
        await _app.WaitForTimerAsync(FirstBackoff * 2);

        Assert.Equal(2, _app.Logs.Entries.Count(e => e.EventId.Id == PollFailedEvent && e.Message.Contains("503", StringComparison.Ordinal)));
        await AssertRecoversAsync(cursor, FirstBackoff * 2);
    }

    [Fact]
    public async Task Too_many_requests_waits_as_long_as_Retry_After_asks()
    {
        var cursor = await StartWithOneEventHandledAsync();
        _emulator.InjectFault("GET", "/events", 429, """{"code":"rate_limit_exceeded","message":"Slow down."}""",
            headers: new Dictionary<string, string> { ["Retry-After"] = "120" });

        _time.Advance(Poll);
        await _app!.WaitForTimerAsync(TimeSpan.FromSeconds(120));

        Assert.Contains(_app.Logs.Entries, e => e.EventId.Id == PollFailedEvent && e.Message.Contains("429", StringComparison.Ordinal));
        await AssertRecoversAsync(cursor, TimeSpan.FromSeconds(120));
    }

    [Fact]
    public async Task A_body_that_is_not_JSON_is_logged_and_nothing_of_it_is_queued()
    {
        var cursor = await StartWithOneEventHandledAsync();
        _emulator.InjectFault("GET", "/events", 200, """{"object":"list","data":[{"object":"event","id":"event_01TRUNC""", contentType: "application/json");

        _time.Advance(Poll);
        await _app!.WaitForTimerAsync(FirstBackoff);

        Assert.True(_app.Logged(UnexpectedAnswerEvent));
        Assert.True(_app.Logged(PollFailedEvent));
        await AssertRecoversAsync(cursor, FirstBackoff);
    }

    [Fact]
    public async Task A_page_with_an_event_without_an_id_is_refused_whole()
    {
        var cursor = await StartWithOneEventHandledAsync();
        _emulator.InjectFault("GET", "/events", 200,
            """{"object":"list","data":[{"object":"event","id":"event_01GOOD","event":"user.created","data":{},"created_at":"2026-12-01T10:00:00.000Z"},{"object":"event","id":"","event":"user.created","data":{}}],"list_metadata":{"after":null}}""");

        _time.Advance(Poll);
        await _app!.WaitForTimerAsync(FirstBackoff);

        Assert.True(_app.Logged(MalformedPageEvent));
        await AssertRecoversAsync(cursor, FirstBackoff);
    }

    [Fact]
    public async Task An_oversized_page_is_not_read_and_the_next_request_asks_for_half_as_many_events()
    {
        var cursor = await StartWithOneEventHandledAsync();
        _emulator.InjectFault("GET", "/events", 200, """{"object":"list","data":[],"list_metadata":{"after":null}}""", padTo: 2 * 1024 * 1024);

        _time.Advance(Poll);
        await _app!.WaitForTimerAsync(FirstBackoff);

        Assert.True(_app.Logged(ResponseTooLargeEvent));
        Assert.True(_app.Logged(PageTooLargeEvent));
        await AssertRecoversAsync(cursor, FirstBackoff);
        var limits = EventsReaderTestApp.EventRequests(_emulator).Select(q => q["limit"].ToString()).ToList();
        Assert.Equal(["100", "100", "50"], limits);
    }

    [Fact]
    public async Task A_redirect_is_not_followed()
    {
        var cursor = await StartWithOneEventHandledAsync();
        _emulator.InjectFault("GET", "/events", 302, "", headers: new Dictionary<string, string> { ["Location"] = "https://elsewhere.test/events" });

        _time.Advance(Poll);
        await _app!.WaitForTimerAsync(FirstBackoff);

        Assert.True(_app.Logged(RedirectRefusedEvent));
        Assert.True(_app.Logged(PollFailedEvent));
        Assert.Equal(2, _emulator.Requests.Count);
        await AssertRecoversAsync(cursor, FirstBackoff);
    }

    [Fact]
    public async Task A_refused_API_key_is_logged_as_a_configuration_error_and_retried_slowly()
    {
        var cursor = await StartWithOneEventHandledAsync();
        _emulator.InjectFault("GET", "/events", 401, """{"code":"unauthorized","message":"Invalid API key."}""");

        _time.Advance(Poll);
        await _app!.WaitForTimerAsync(EventsReader.RefusedRetryDelay);

        var refused = Assert.Single(_app.Logs.Entries, e => e.EventId.Id == ApiKeyRefusedEvent);
        Assert.Equal(Microsoft.Extensions.Logging.LogLevel.Error, refused.Level);
        Assert.DoesNotContain(_emulator.ApiKey, refused.Message, StringComparison.Ordinal);
        await AssertRecoversAsync(cursor, EventsReader.RefusedRetryDelay);
    }

    [Fact]
    public async Task A_full_handler_queue_makes_the_reader_wait_without_dropping_events_or_moving_the_cursor()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var blocking = false;
        var cursor = await StartWithOneEventHandledAsync(
            services: s => s.Configure<WorkOSWebhookOptions>(o => o.QueueCapacity = 1),
            handlers: h => h.On("user.created", (_, _) => Volatile.Read(ref blocking) ? release.Task : Task.CompletedTask));
        Volatile.Write(ref blocking, true);
        var raised = EventsReaderTestApp.RaiseUsersCreated(_emulator, 3);

        _time.Advance(Poll);
        await _app!.Watch.WaitForAsync(QueueFullEvent);

        Assert.Equal(cursor, await _app.CursorAsync());
        release.SetResult();
        await _app.WaitForTimerAsync(Poll);
        Assert.Equal(raised, await _app.NextHandledAsync(3));
        Assert.Equal(raised[^1], await _app.CursorAsync());
    }

    [Fact]
    public async Task A_cursor_store_that_fails_is_logged_and_read_again_after_a_backoff()
    {
        var store = new FailingOnceCursorStore();
        var cursor = await StartWithOneEventHandledAsync(services: s => s.AddSingleton<IWorkOSEventCursorStore>(store));
        store.FailNextRead = true;

        _time.Advance(Poll);
        await _app!.WaitForTimerAsync(FirstBackoff);

        Assert.True(_app.Logged(CursorStoreFailedEvent));
        Assert.Single(EventsReaderTestApp.EventRequests(_emulator));
        await AssertRecoversAsync(cursor, FirstBackoff);
    }

    [Fact]
    public async Task Without_an_API_key_nothing_is_asked_and_the_configuration_error_is_logged()
    {
        _app = await EventsReaderTestApp.StartAsync(_emulator, new WatchedClock(_time), apiKey: "");

        await _app.WaitForTimerAsync(EventsReader.RefusedRetryDelay);

        Assert.True(_app.Logged(NoApiKeyEvent));
        Assert.Empty(EventsReaderTestApp.EventRequests(_emulator));
    }

    /// <summary>An in-memory cursor store whose next read throws when asked to, as an unreachable database would.</summary>
    private sealed class FailingOnceCursorStore : IWorkOSEventCursorStore
    {
        private string? _cursor;

        public volatile bool FailNextRead;

        public Task<string?> GetAsync(string key, CancellationToken cancellationToken)
        {
            if (FailNextRead)
            {
                FailNextRead = false;
                return Task.FromException<string?>(new TimeoutException("The cursor database did not answer."));
            }

            return Task.FromResult(_cursor);
        }

        public Task SetAsync(string key, string cursor, CancellationToken cancellationToken)
        {
            _cursor = cursor;
            return Task.CompletedTask;
        }
    }

    /// <summary>Whether WorkOS can be reached, shared by every handler the app's client factory makes.</summary>
    private sealed class Reachability
    {
        public volatile bool Down;

        public volatile bool Broken;
    }

    /// <summary>The emulator's handler, or a refused connection while <see cref="Reachability.Down"/>.</summary>
    private sealed class UnreachableWhenDown(Reachability network, HttpMessageHandler inner) : DelegatingHandler(inner)
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            network.Down ? Task.FromException<HttpResponseMessage>(new HttpRequestException("Connection refused (api.workos.test:443)"))
            : network.Broken ? Task.FromException<HttpResponseMessage>(new InvalidOperationException("A handler of the app's HTTP client failed."))
            : base.SendAsync(request, cancellationToken);
    }
}
