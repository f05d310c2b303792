using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using WorkOS.AspNetCore.Emulator;
using WorkOS.AspNetCore.Events;
using WorkOS.AspNetCore.Testing;
using WorkOS.AspNetCore.Tests.Emulator;
using WorkOS.AspNetCore.Tests.Infrastructure;
using WorkOS.AspNetCore.Tests.Webhooks;
using WorkOS.AspNetCore.Webhooks;

namespace WorkOS.AspNetCore.Tests.Events;

/// <summary>
/// The events reader polls the emulator's <c>GET /events</c> on the app's clock, pages with <c>after</c>, feeds the webhook
/// handlers, and keeps its cursor in the store, so a restart or a second instance continues where the last poll stopped.
/// </summary>
public sealed class EventsReaderTests : IAsyncDisposable
{
    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(30);

    private readonly FakeTimeProvider _time = TestClock.StartingNow();
    private readonly WorkOSEmulator _emulator;
    private readonly List<EventsReaderTestApp> _apps = [];

    public EventsReaderTests() => _emulator = WorkOSEmulator.CreateInProcess(o => o.TimeProvider = _time);

    public async ValueTask DisposeAsync()
    {
        foreach (var app in _apps)
        {
            await app.DisposeAsync();
        }

        await _emulator.DisposeAsync();
    }

    private async Task<EventsReaderTestApp> StartAsync(
        Action<WorkOSEventsReaderOptions>? configure = null,
        IDistributedCache? cache = null,
        WatchedClock? clock = null,
        Action<WorkOSWebhookBuilder>? handlers = null,
        Action<IServiceCollection>? services = null)
    {
        var app = await EventsReaderTestApp.StartAsync(_emulator, clock ?? new WatchedClock(_time), configure, cache, services, handlers);
        _apps.Add(app);
        return app;
    }

    [Fact]
    public async Task A_session_revoked_at_the_emulator_reaches_a_typed_handler_at_the_next_poll()
    {
        var revoked = new TaskCompletionSource<WorkOSSessionEventData>(TaskCreationOptions.RunContinuationsAsynchronously);
        var app = await StartAsync(
            o =>
            {
                o.Events.Clear();
                o.Events.Add("session.revoked");
                o.StartFrom = WorkOSEventsStart.Now;
            },
            handlers: h => h.On<WorkOSSessionEventData>("session.revoked", (session, _) =>
            {
                revoked.TrySetResult(session);
                return Task.CompletedTask;
            }));
        await app.WaitForTimerAsync(Poll);
        using var client = new AuthKitClient(_emulator);
        var signIn = await client.SignInAsync("alice@acme.com");
        var sid = Jwt.Payload(signIn.GetProperty("access_token").GetString()!).GetProperty("sid").GetString()!;
        Assert.True(_emulator.RevokeSession(sid));

        _time.Advance(Poll);

        var session = await revoked.Task.WaitAsync(EventsReaderTestApp.Timeout);
        Assert.Equal(sid, session.Id);
        Assert.Equal("user_alice", session.UserId);
        Assert.Equal("revoked", session.Status);
        var handled = Assert.Single(await app.NextHandledAsync(1));
        var requests = EventsReaderTestApp.EventRequests(_emulator);
        Assert.Equal(2, requests.Count);
        Assert.All(requests, q => Assert.Equal("session.revoked", q["events"]));
        Assert.True(requests[0].ContainsKey("range_start"), "The first poll of a reader starting now asks for events since its start.");
        await app.WaitForTimerAsync(Poll);
        Assert.Equal(handled, await app.CursorAsync());
    }

    [Fact]
    public async Task A_backlog_is_read_page_after_page_in_one_poll_and_the_next_poll_continues_after_its_last_event()
    {
        var raised = EventsReaderTestApp.RaiseUsersCreated(_emulator, 25);
        var app = await StartAsync(o => o.PageSize = 10);

        Assert.Equal(raised, await app.NextHandledAsync(25));
        await app.WaitForTimerAsync(Poll);
        var requests = EventsReaderTestApp.EventRequests(_emulator);
        Assert.Equal(3, requests.Count);
        Assert.False(requests[0].ContainsKey("after"));
        Assert.Equal(raised[9], requests[1]["after"]);
        Assert.Equal(raised[19], requests[2]["after"]);
        Assert.All(requests, q => Assert.Equal("10", q["limit"]));

        var next = EventsReaderTestApp.RaiseUsersCreated(_emulator, 1);
        _time.Advance(Poll);

        Assert.Equal(next, await app.NextHandledAsync(1));
        Assert.Equal(raised[24], EventsReaderTestApp.EventRequests(_emulator)[3]["after"]);
        Assert.Equal(next[0], await app.CursorAsync());
    }

    [Fact]
    public async Task Only_the_configured_event_types_are_asked_for_and_handled()
    {
        EventsReaderTestApp.RaiseUsersCreated(_emulator, 2, "session.created");
        var users = EventsReaderTestApp.RaiseUsersCreated(_emulator, 2);
        var app = await StartAsync();

        Assert.Equal(users, await app.NextHandledAsync(2));
        await app.WaitForTimerAsync(Poll);
        Assert.Empty(app.HandledSoFar());
        Assert.Equal(users[^1], await app.CursorAsync());
        Assert.DoesNotContain(_emulator.Requests, r => r.Path == "/events" && r.Query.Contains("session.created", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_restarted_reader_continues_from_the_stored_cursor_and_misses_nothing_raised_while_it_was_down()
    {
        var cache = new MemoryDistributedCache(Options.Create(new MemoryDistributedCacheOptions()));
        var first = await StartAsync(o => o.StartFrom = WorkOSEventsStart.Now, cache);
        await first.WaitForTimerAsync(Poll);
        var before = EventsReaderTestApp.RaiseUsersCreated(_emulator, 3);
        _time.Advance(Poll);
        Assert.Equal(before, await first.NextHandledAsync(3));
        await first.WaitForTimerAsync(Poll);
        await first.StopAsync();

        var whileDown = EventsReaderTestApp.RaiseUsersCreated(_emulator, 2);
        _time.Advance(TimeSpan.FromMinutes(5));
        var second = await StartAsync(o => o.StartFrom = WorkOSEventsStart.Now, cache);

        Assert.Equal(whileDown, await second.NextHandledAsync(2));
        await second.WaitForTimerAsync(Poll);
        Assert.Empty(second.HandledSoFar());
        Assert.Equal(before[^1], EventsReaderTestApp.EventRequests(_emulator)[^1]["after"]);
        Assert.Equal(whileDown[^1], await second.CursorAsync());
    }

    [Fact]
    public async Task Two_readers_sharing_the_cursor_store_and_cache_continue_from_each_others_cursor_and_handle_each_event_once()
    {
        var cache = new MemoryDistributedCache(Options.Create(new MemoryDistributedCacheOptions()));
        var a = await StartAsync(cache: cache);
        await a.WaitForTimerAsync(Poll);
        var bTime = new FakeTimeProvider(_time.GetUtcNow());
        var b = await StartAsync(cache: cache, clock: new WatchedClock(bTime));
        await b.WaitForTimerAsync(Poll);

        var firstBatch = EventsReaderTestApp.RaiseUsersCreated(_emulator, 5);
        _time.Advance(Poll); // A's clock only
        Assert.Equal(firstBatch, await a.NextHandledAsync(5));
        await a.WaitForTimerAsync(Poll);

        var secondBatch = EventsReaderTestApp.RaiseUsersCreated(_emulator, 5);
        bTime.Advance(Poll);
        Assert.Equal(secondBatch, await b.NextHandledAsync(5));
        await b.WaitForTimerAsync(Poll);
        Assert.Equal(firstBatch[^1], EventsReaderTestApp.EventRequests(_emulator)[^1]["after"]);

        _time.Advance(Poll);
        await a.WaitForTimerAsync(Poll);
        Assert.Equal(secondBatch[^1], EventsReaderTestApp.EventRequests(_emulator)[^1]["after"]);
        Assert.Empty(a.HandledSoFar());
        Assert.Empty(b.HandledSoFar());
    }

    [Fact]
    public async Task Events_a_second_reader_fetches_again_are_skipped_by_the_shared_deduplication()
    {
        var cache = new MemoryDistributedCache(Options.Create(new MemoryDistributedCacheOptions()));
        var raised = EventsReaderTestApp.RaiseUsersCreated(_emulator, 3);
        var a = await StartAsync(cache: cache, services: s => s.AddSingleton<IWorkOSEventCursorStore>(new ForgetfulCursorStore()));
        Assert.Equal(raised, await a.NextHandledAsync(3));
        await a.WaitForTimerAsync(Poll);

        var bTime = new FakeTimeProvider(_time.GetUtcNow());
        var b = await StartAsync(cache: cache, clock: new WatchedClock(bTime), services: s => s.AddSingleton<IWorkOSEventCursorStore>(new ForgetfulCursorStore()));
        await b.WaitForTimerAsync(Poll);
        var later = EventsReaderTestApp.RaiseUsersCreated(_emulator, 1);
        bTime.Advance(Poll);

        Assert.Equal(later, await b.NextHandledAsync(1));
        Assert.Empty(b.HandledSoFar());
        Assert.All(EventsReaderTestApp.EventRequests(_emulator), q => Assert.False(q.ContainsKey("after")));
        Assert.Equal(6, b.Logs.Entries.Count(e => e.EventId.Id == 1909));
    }

    /// <summary>A cursor store that keeps nothing: every poll starts from the beginning.</summary>
    private sealed class ForgetfulCursorStore : IWorkOSEventCursorStore
    {
        public Task<string?> GetAsync(string key, CancellationToken cancellationToken) => Task.FromResult<string?>(null);

        public Task SetAsync(string key, string cursor, CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
