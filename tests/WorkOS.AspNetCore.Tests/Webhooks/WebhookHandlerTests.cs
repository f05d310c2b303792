using System.Net;
using System.Threading.Channels;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using WorkOS.AspNetCore.Api;
using WorkOS.AspNetCore.Tests.Infrastructure;
using WorkOS.AspNetCore.Webhooks;

namespace WorkOS.AspNetCore.Tests.Webhooks;

/// <summary>
/// Handlers run after the endpoint answered: typed data for the known event types, raw events for the rest, each event
/// id at most once, a failing handler retried with a doubling delay on the app's clock, and a full queue answered 503.
/// </summary>
public sealed class WebhookHandlerTests : IAsyncDisposable
{
    private const int QueueFullEvent = 1907;
    private const int DuplicateEvent = 1909;
    private const int HandlerRetryingEvent = 1910;
    private const int HandlerGaveUpEvent = 1911;
    private const int DeduplicationFailedEvent = 1912;

    private readonly FakeTimeProvider _clock = TestClock.StartingNow();
    private readonly Channel<string> _done = Channel.CreateUnbounded<string>();
    private WebhookTestApp? _app;

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_session_revoked_handler_gets_the_typed_session()
    {
        WorkOSSessionEventData? received = null;
        _app = await StartAsync(webhooks => webhooks.On<WorkOSSessionEventData>("session.revoked", (session, _) =>
        {
            received = session;
            return Done("session.revoked");
        }));

        var response = await SendAsync(WebhookSigner.Event("event_01REVOKED", "session.revoked", WebhookSigner.SessionData("session_01ALICE", "user_01ALICE")));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("session.revoked", await NextDoneAsync());
        Assert.NotNull(received);
        Assert.Equal("session_01ALICE", received.Id);
        Assert.Equal("user_01ALICE", received.UserId);
        Assert.Equal("org_01ACME", received.OrganizationId);
        Assert.Equal("revoked", received.Status);
        Assert.Equal(new DateTimeOffset(2026, 12, 1, 10, 0, 0, TimeSpan.Zero), received.EndedAt);
    }

    [Fact]
    public async Task Typed_handlers_get_users_memberships_organizations_and_directory_users_and_only_their_event_type()
    {
        var seen = new List<string>();
        _app = await StartAsync(webhooks => webhooks
            .On<WorkOSUser>("user.deleted", (user, _) => Record($"user {user.Id} {user.Email}"))
            .On<WorkOSOrganizationMembershipEventData>("organization_membership.updated", (m, _) => Record($"membership {m.Id} {m.UserId} {m.OrganizationId} {m.Status} {m.Role?.Slug}"))
            .On<WorkOSOrganizationEventData>("organization.deleted", (o, _) => Record($"organization {o.Id} {o.Name}"))
            .On<WorkOSDirectoryUserEventData>("dsync.user.deleted", (d, _) => Record($"directory user {d.Id} {d.DirectoryId} {d.State}"))
            .On("sentinel.done", (_, _) => Done("sentinel")));

        await SendAsync(WebhookSigner.Event("event_01U", "user.deleted", """{"object":"user","id":"user_01BOB","email":"bob@acme.test","email_verified":true}"""));
        await SendAsync(WebhookSigner.Event("event_01U2", "user.created", """{"object":"user","id":"user_01NOT","email":"not@acme.test"}"""));
        await SendAsync(WebhookSigner.Event("event_01M", "organization_membership.updated", """{"object":"organization_membership","id":"om_01","user_id":"user_01BOB","organization_id":"org_01ACME","status":"inactive","role":{"slug":"admin"}}"""));
        await SendAsync(WebhookSigner.Event("event_01O", "organization.deleted", """{"object":"organization","id":"org_01ACME","name":"Acme"}"""));
        await SendAsync(WebhookSigner.Event("event_01D", "dsync.user.deleted", """{"object":"directory_user","id":"directory_user_01","directory_id":"directory_01","organization_id":"org_01ACME","state":"inactive"}"""));
        await SendAsync(WebhookSigner.Event("event_01S", "sentinel.done"));

        Assert.Equal("sentinel", await NextDoneAsync());
        Assert.Equal(
            ["user user_01BOB bob@acme.test", "membership om_01 user_01BOB org_01ACME inactive admin", "organization org_01ACME Acme", "directory user directory_user_01 directory_01 inactive"],
            seen);

        Task Record(string line)
        {
            seen.Add(line);
            return Task.CompletedTask;
        }
    }

    [Fact]
    public async Task An_event_type_the_library_does_not_know_reaches_a_raw_handler_with_its_data()
    {
        WorkOSEvent? received = null;
        _app = await StartAsync(webhooks => webhooks.On("vault.secret.rotated", (e, _) =>
        {
            received = e;
            return Done(e.Event);
        }));

        var response = await SendAsync(WebhookSigner.Event("event_01FUTURE", "vault.secret.rotated", """{"object":"vault_secret","id":"secret_01","version":7}"""));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("vault.secret.rotated", await NextDoneAsync());
        Assert.NotNull(received);
        Assert.Equal("event_01FUTURE", received.Id);
        Assert.Equal(7, received.Data.GetProperty("version").GetInt32());
        Assert.Equal(new DateTimeOffset(2026, 12, 1, 10, 0, 0, TimeSpan.Zero), received.CreatedAt);
    }

    [Fact]
    public async Task A_handler_class_is_resolved_from_the_apps_services_and_gets_every_event()
    {
        _app = await StartAsync(webhooks =>
        {
            webhooks.Services.AddSingleton(_done);
            webhooks.AddHandler<RecordingHandler>();
        });

        await SendAsync(WebhookSigner.Event("event_01A", "role.created", """{"object":"role","slug":"auditor"}"""));
        await SendAsync(WebhookSigner.Event("event_01B", "connection.activated", """{"object":"connection","id":"conn_01"}"""));

        Assert.Equal("role.created event_01A", await NextDoneAsync());
        Assert.Equal("connection.activated event_01B", await NextDoneAsync());
    }

    [Fact]
    public async Task The_same_event_delivered_twice_is_answered_200_both_times_and_handled_once()
    {
        var handled = 0;
        _app = await StartAsync(webhooks => webhooks
            .On("user.created", (_, _) =>
            {
                Interlocked.Increment(ref handled);
                return Task.CompletedTask;
            })
            .On("sentinel.done", (_, _) => Done("sentinel")));
        var body = WebhookSigner.Event("event_01TWICE", "user.created");

        var first = await SendAsync(body);
        var second = await SendAsync(body);
        await SendAsync(WebhookSigner.Event("event_01S", "sentinel.done"));

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal("sentinel", await NextDoneAsync());
        Assert.Equal(1, handled);
        Assert.True(_app.Logged(DuplicateEvent));
    }

    [Fact]
    public async Task Instances_sharing_a_distributed_cache_handle_an_event_once_between_them()
    {
        var shared = new MemoryDistributedCache(Microsoft.Extensions.Options.Options.Create(new Microsoft.Extensions.Caching.Memory.MemoryDistributedCacheOptions()));
        var handled = 0;
        void Handlers(WorkOSWebhookBuilder webhooks)
        {
            webhooks.Services.AddSingleton<IDistributedCache>(shared);
            webhooks.On("user.created", (_, _) =>
            {
                Interlocked.Increment(ref handled);
                return Task.CompletedTask;
            }).On("sentinel.done", (_, _) => Done("sentinel"));
        }

        _app = await StartAsync(Handlers);
        await using var other = await StartAsync(Handlers);
        var body = WebhookSigner.Event("event_01SHARED", "user.created");

        Assert.Equal(HttpStatusCode.OK, (await SendAsync(body)).StatusCode);
        await SendAsync(WebhookSigner.Event("event_01S1", "sentinel.done"));
        Assert.Equal("sentinel", await NextDoneAsync());
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(body, other)).StatusCode);
        await SendAsync(WebhookSigner.Event("event_01S2", "sentinel.done"), other);
        Assert.Equal("sentinel", await NextDoneAsync());

        Assert.Equal(1, handled);
        Assert.True(other.Logged(DuplicateEvent));
    }

    [Fact]
    public async Task When_the_deduplication_store_fails_the_event_is_not_handled_and_the_failure_is_logged()
    {
        var handled = new List<string>();
        var cache = new FailingOnceCache();
        _app = await StartAsync(webhooks =>
        {
            webhooks.Services.AddSingleton<IDistributedCache>(cache);
            webhooks.OnAny((e, _) =>
            {
                handled.Add(e.Id);
                return Done(e.Id);
            });
        });

        var response = await SendAsync(WebhookSigner.Event("event_01STOREDOWN", "user.deleted"));
        await SendAsync(WebhookSigner.Event("event_01STOREUP", "user.deleted"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("event_01STOREUP", await NextDoneAsync());
        Assert.Equal(["event_01STOREUP"], handled);
        var entry = Assert.Single(_app.Logs.Entries, e => e.EventId.Id == DeduplicationFailedEvent);
        Assert.Contains("event_01STOREDOWN", entry.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failing_handler_is_retried_with_a_doubling_delay_then_given_up_with_a_log_line()
    {
        var clock = new WatchedClock(_clock);
        var attempts = 0;
        _app = await StartAsync(
            webhooks => webhooks
                .On("user.created", (_, _) =>
                {
                    Interlocked.Increment(ref attempts);
                    throw new InvalidOperationException("The app's database is down.");
                })
                .On("sentinel.done", (_, _) => Done("sentinel")),
            o =>
            {
                o.Secrets.Add(WebhookTestApp.Secret);
                o.MaxAttempts = 3;
                o.RetryDelay = TimeSpan.FromSeconds(10);
            },
            clock);

        var response = await SendAsync(WebhookSigner.Event("event_01FAILS", "user.created"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(10), await clock.NextTimerAsync());
        Assert.Equal(1, attempts);
        clock.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal(TimeSpan.FromSeconds(20), await clock.NextTimerAsync());
        Assert.Equal(2, attempts);
        clock.Advance(TimeSpan.FromSeconds(20));
        await SendAsync(WebhookSigner.Event("event_01S", "sentinel.done"));
        Assert.Equal("sentinel", await NextDoneAsync());

        Assert.Equal(3, attempts);
        Assert.Equal(2, _app.Logs.Entries.Count(e => e.EventId.Id == HandlerRetryingEvent));
        var gaveUp = Assert.Single(_app.Logs.Entries, e => e.EventId.Id == HandlerGaveUpEvent);
        Assert.Contains("event_01FAILS", gaveUp.Message, StringComparison.Ordinal);
        Assert.IsType<InvalidOperationException>(gaveUp.Exception);
    }

    [Fact]
    public async Task A_handler_that_fails_once_succeeds_on_its_retry_and_other_handlers_still_run()
    {
        var clock = new WatchedClock(_clock);
        var attempts = 0;
        _app = await StartAsync(
            webhooks => webhooks
                .On("user.created", (_, _) => Interlocked.Increment(ref attempts) == 1 ? throw new TimeoutException("slow") : Done("retried"))
                .OnAny((e, _) => Done("any " + e.Id)),
            o =>
            {
                o.Secrets.Add(WebhookTestApp.Secret);
                o.RetryDelay = TimeSpan.FromSeconds(1);
            },
            clock);

        await SendAsync(WebhookSigner.Event("event_01FLAKY", "user.created"));
        Assert.Equal(TimeSpan.FromSeconds(1), await clock.NextTimerAsync());
        clock.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal("retried", await NextDoneAsync());
        Assert.Equal("any event_01FLAKY", await NextDoneAsync());
        Assert.Equal(2, attempts);
        Assert.False(_app.Logged(HandlerGaveUpEvent));
    }

    [Fact]
    public async Task A_full_queue_is_answered_503_so_WorkOS_retries_and_the_refused_event_is_handled_when_resent()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var handled = new List<string>();
        _app = await StartAsync(
            webhooks => webhooks.OnAny(async (e, _) =>
            {
                handled.Add(e.Id);
                started.TrySetResult();
                await release.Task;
                await Done(e.Id);
            }),
            o =>
            {
                o.Secrets.Add(WebhookTestApp.Secret);
                o.QueueCapacity = 1;
            });

        Assert.Equal(HttpStatusCode.OK, (await SendAsync(WebhookSigner.Event("event_01BUSY", "user.created"))).StatusCode);
        await started.Task.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(WebhookSigner.Event("event_01WAITING", "user.created"))).StatusCode);
        var refused = await SendAsync(WebhookSigner.Event("event_01OVERFLOW", "user.created"));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        Assert.True(_app.Logged(QueueFullEvent));
        release.SetResult();
        Assert.Equal("event_01BUSY", await NextDoneAsync());
        Assert.Equal("event_01WAITING", await NextDoneAsync());
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(WebhookSigner.Event("event_01OVERFLOW", "user.created"))).StatusCode);
        Assert.Equal("event_01OVERFLOW", await NextDoneAsync());
        Assert.Equal(["event_01BUSY", "event_01WAITING", "event_01OVERFLOW"], handled);
    }

    [Fact]
    public void A_typed_handler_for_a_type_that_is_not_event_data_is_refused_at_registration()
    {
        var webhooks = new ServiceCollection().AddWorkOSWebhooks();

        var error = Assert.Throws<ArgumentException>(() => webhooks.On<Uri>("user.created", (_, _) => Task.CompletedTask));

        Assert.Contains("WorkOSEvent", error.Message, StringComparison.Ordinal);
    }

    private Task<WebhookTestApp> StartAsync(Action<WorkOSWebhookBuilder> handlers, Action<WorkOSWebhookOptions>? configure = null, TimeProvider? clock = null) =>
        WebhookTestApp.StartAsync(clock ?? _clock, handlers, configure);

    private Task<HttpResponseMessage> SendAsync(string body, WebhookTestApp? app = null) =>
        (app ?? _app!).PostAsync(body, WebhookSigner.Header(WebhookTestApp.Secret, _clock.GetUtcNow(), body));

    private Task Done(string what) => _done.Writer.WriteAsync(what).AsTask();

    private async Task<string> NextDoneAsync() => await _done.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(30));

    /// <summary>An in-memory cache whose first read fails, as a store that is briefly unreachable would.</summary>
    private sealed class FailingOnceCache : IDistributedCache
    {
        private readonly MemoryDistributedCache _inner = new(Microsoft.Extensions.Options.Options.Create(new Microsoft.Extensions.Caching.Memory.MemoryDistributedCacheOptions()));
        private int _reads;

        public byte[]? Get(string key) => _inner.Get(key);

        public Task<byte[]?> GetAsync(string key, CancellationToken token = default) =>
            Interlocked.Increment(ref _reads) == 1 ? throw new TimeoutException("The store did not answer.") : _inner.GetAsync(key, token);

        public void Refresh(string key) => _inner.Refresh(key);

        public Task RefreshAsync(string key, CancellationToken token = default) => _inner.RefreshAsync(key, token);

        public void Remove(string key) => _inner.Remove(key);

        public Task RemoveAsync(string key, CancellationToken token = default) => _inner.RemoveAsync(key, token);

        public void Set(string key, byte[] value, DistributedCacheEntryOptions options) => _inner.Set(key, value, options);

        public Task SetAsync(string key, byte[] value, DistributedCacheEntryOptions options, CancellationToken token = default) => _inner.SetAsync(key, value, options, token);
    }

    private sealed class RecordingHandler(Channel<string> done) : IWorkOSEventHandler
    {
        public Task HandleAsync(WorkOSEvent workOSEvent, CancellationToken cancellationToken) =>
            done.Writer.WriteAsync($"{workOSEvent.Event} {workOSEvent.Id}", cancellationToken).AsTask();
    }
}
