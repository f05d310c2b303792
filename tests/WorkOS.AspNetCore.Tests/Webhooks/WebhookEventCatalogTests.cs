using System.Net;
using System.Threading.Channels;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using WorkOS.AspNetCore.Tests.Infrastructure;
using WorkOS.AspNetCore.Webhooks;

namespace WorkOS.AspNetCore.Tests.Webhooks;

/// <summary>
/// The role, invitation, authentication, connection and Directory Sync group events, in the shapes WorkOS documents,
/// delivered signed to <c>MapWorkOSWebhooks</c> and read by typed handlers; and the event-claim seam the handlers sit behind.
/// </summary>
public sealed class WebhookEventCatalogTests : IAsyncDisposable
{
    private readonly FakeTimeProvider _clock = TestClock.StartingNow();
    private readonly Channel<string> _seen = Channel.CreateUnbounded<string>();
    private WebhookTestApp? _app;

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_role_updated_handler_gets_the_typed_role()
    {
        _app = await StartAsync(w => w.On<WorkOSRoleEventData>("role.updated", (r, _) => Seen($"{r.Id} {r.Slug} {r.Name} {r.Description}")));

        await SendAsync("role.updated", """{"object":"role","id":"role_01EHZNVPK3SFK441A1RGBFSHRT","name":"Member","slug":"member","description":"Access to basic resources","type":"EnvironmentRole","created_at":"2021-06-25T19:07:33.155Z","updated_at":"2021-06-25T19:07:33.155Z"}""");

        Assert.Equal("role_01EHZNVPK3SFK441A1RGBFSHRT member Member Access to basic resources", await NextSeenAsync());
    }

    [Fact]
    public async Task An_invitation_created_handler_gets_the_typed_invitation()
    {
        WorkOSInvitationEventData? received = null;
        _app = await StartAsync(w => w.On<WorkOSInvitationEventData>("invitation.created", (i, _) =>
        {
            received = i;
            return Seen("invitation");
        }));

        await SendAsync("invitation.created", """{"object":"invitation","id":"invitation_01E4ZCR3C56J083X43JQXF3JK5","email":"marcelina.davis@example.com","state":"pending","accepted_at":null,"revoked_at":null,"expires_at":"2021-07-01T19:07:33.155Z","organization_id":"org_01E4ZCR3C56J083X43JQXF3JK5","inviter_user_id":"user_01HYGBX8ZGD19949T3BM4FW1C3","created_at":"2021-06-25T19:07:33.155Z","updated_at":"2021-06-25T19:07:33.155Z"}""");

        Assert.Equal("invitation", await NextSeenAsync());
        Assert.NotNull(received);
        Assert.Equal("invitation_01E4ZCR3C56J083X43JQXF3JK5", received.Id);
        Assert.Equal("marcelina.davis@example.com", received.Email);
        Assert.Equal("pending", received.State);
        Assert.Equal("org_01E4ZCR3C56J083X43JQXF3JK5", received.OrganizationId);
        Assert.Equal("user_01HYGBX8ZGD19949T3BM4FW1C3", received.InviterUserId);
        Assert.Equal(new DateTimeOffset(2021, 7, 1, 19, 7, 33, 155, TimeSpan.Zero), received.ExpiresAt);
        Assert.Null(received.AcceptedAt);
        Assert.Null(received.RevokedAt);
    }

    [Fact]
    public async Task Authentication_succeeded_and_failed_handlers_get_the_step_and_the_failure_reason()
    {
        _app = await StartAsync(w => w
            .On<WorkOSAuthenticationEventData>("authentication.password_succeeded", (a, _) => Seen($"{a.Type} {a.Status} {a.UserId} {a.Email} {a.IpAddress} {a.UserAgent} {a.Error is null}"))
            .On<WorkOSAuthenticationEventData>("authentication.email_verification_failed", (a, _) => Seen($"{a.Type} {a.Status} {a.UserId} {a.Error?.Code} {a.Error?.Message}")));

        await SendAsync("authentication.password_succeeded", """{"type":"password","status":"succeeded","user_id":"user_01E4ZCR3C5A4QZ2Z2JQXGKZJ9E","email":"todd@example.com","ip_address":"192.0.2.1","user_agent":"Mozilla/5.0"}""");
        Assert.Equal("password succeeded user_01E4ZCR3C5A4QZ2Z2JQXGKZJ9E todd@example.com 192.0.2.1 Mozilla/5.0 True", await NextSeenAsync());

        await SendAsync("authentication.email_verification_failed", """{"type":"email_verification","status":"failed","user_id":"user_01E4ZCR3C5A4QZ2Z2JQXGKZJ9E","email":"todd@example.com","ip_address":"192.0.2.1","user_agent":"Mozilla/5.0","error":{"code":"invalid_one_time_code","message":"Invalid one-time code"}}""");
        Assert.Equal("email_verification failed user_01E4ZCR3C5A4QZ2Z2JQXGKZJ9E invalid_one_time_code Invalid one-time code", await NextSeenAsync());
    }

    [Fact]
    public async Task A_connection_deactivated_handler_gets_the_typed_connection()
    {
        _app = await StartAsync(w => w.On<WorkOSConnectionEventData>("connection.deactivated", (c, _) => Seen($"{c.Id} {c.OrganizationId} {c.ConnectionType} {c.Name} {c.State}")));

        await SendAsync("connection.deactivated", """{"object":"connection","id":"conn_01E4ZCR3C56J083X43JQXF3JK5","organization_id":"org_01EHWNCE74X7JSDV0X3SZ3KJNY","connection_type":"OktaSAML","name":"Foo Corp","state":"inactive","created_at":"2021-06-25T19:07:33.155Z","updated_at":"2021-06-25T19:07:33.155Z","domains":[{"id":"org_domain_01EHZNVPK2QXHMVWCEDQEKY69A","object":"connection_domain","domain":"foo-corp.com"}]}""");

        Assert.Equal("conn_01E4ZCR3C56J083X43JQXF3JK5 org_01EHWNCE74X7JSDV0X3SZ3KJNY OktaSAML Foo Corp inactive", await NextSeenAsync());
    }

    [Fact]
    public async Task Directory_group_and_group_membership_handlers_get_the_group_and_the_user()
    {
        _app = await StartAsync(w => w
            .On<WorkOSDirectoryGroupEventData>("dsync.group.created", (g, _) => Seen($"group {g.Id} {g.DirectoryId} {g.OrganizationId} {g.IdpId} {g.Name}"))
            .On<WorkOSDirectoryGroupMembershipEventData>("dsync.group.user_added", (m, _) => Seen($"added {m.User.Id} {m.User.State} {m.User.FirstName} to {m.Group.Id} {m.Group.Name}")));

        await SendAsync("dsync.group.created", Group);
        Assert.Equal("group directory_group_01E1X5GPMMXF4T1DCERMVEEPVW directory_01ECAZ4NV9QMV47GW873HDCX74 org_01EZTR6WYX1A0DSE2CYMGXQ24Y 02grqrue4294w24 Developers", await NextSeenAsync());

        await SendAsync("dsync.group.user_added", $$"""{"user":{{DirectoryUser}},"group":{{Group}}}""");
        Assert.Equal("added directory_user_01E1X56GH84T3FB41SD6PZGDBX active Eric to directory_group_01E1X5GPMMXF4T1DCERMVEEPVW Developers", await NextSeenAsync());
    }

    [Fact]
    public async Task An_app_registered_event_claim_decides_which_events_are_handled_and_is_asked_for_the_deduplication_window()
    {
        var claim = new RecordingClaim(refuse: "event_01CLAIMED");
        _app = await StartAsync(w =>
        {
            w.Services.AddSingleton<IWebhookEventClaim>(claim);
            w.OnAny((e, _) => Seen(e.Id));
        }, o =>
        {
            o.Secrets.Add(WebhookTestApp.Secret);
            o.DeduplicationWindow = TimeSpan.FromHours(6);
        });

        Assert.Equal(HttpStatusCode.OK, (await SendAsync("user.created", """{"id":"user_01"}""", "event_01CLAIMED")).StatusCode);
        await SendAsync("user.created", """{"id":"user_02"}""", "event_01FREE");

        Assert.Equal("event_01FREE", await NextSeenAsync());
        Assert.Equal([("event_01CLAIMED", TimeSpan.FromHours(6)), ("event_01FREE", TimeSpan.FromHours(6))], claim.Asked);
        Assert.True(_app.Logged(1909)); // the refused one is logged as a duplicate
    }

    [Fact]
    public async Task An_event_whose_handler_was_given_up_is_not_handled_again_when_delivered_again()
    {
        var runs = 0;
        _app = await StartAsync(w => w
            .On("user.updated", (_, _) =>
            {
                Interlocked.Increment(ref runs);
                throw new InvalidOperationException("The handler's store is down.");
            })
            .On("sentinel.done", (e, _) => Seen(e.Id)), o =>
        {
            o.Secrets.Add(WebhookTestApp.Secret);
            o.MaxAttempts = 1;
        });

        await SendAsync("user.updated", """{"id":"user_01"}""", "event_01GIVENUP");
        await SendAsync("sentinel.done", "{}", "event_01SENTINEL1");
        Assert.Equal("event_01SENTINEL1", await NextSeenAsync());
        await SendAsync("user.updated", """{"id":"user_01"}""", "event_01GIVENUP");
        await SendAsync("sentinel.done", "{}", "event_01SENTINEL2");
        Assert.Equal("event_01SENTINEL2", await NextSeenAsync());

        Assert.Equal(1, runs);
        Assert.True(_app.Logged(1911));
        Assert.True(_app.Logged(1909));
    }

    private const string DirectoryUser = """{"id":"directory_user_01E1X56GH84T3FB41SD6PZGDBX","directory_id":"directory_01ECAZ4NV9QMV47GW873HDCX74","organization_id":"org_01EZTR6WYX1A0DSE2CYMGXQ24Y","idp_id":"2936","emails":[{"primary":true,"type":"work","value":"eric@example.com"}],"first_name":"Eric","last_name":"Schneider","job_title":"Software Engineer","username":"eric@example.com","state":"active","created_at":"2021-06-25T19:07:33.155Z","updated_at":"2021-06-25T19:07:33.155Z","custom_attributes":{"department":"Engineering"},"role":{"slug":"member"},"raw_attributes":{}}""";

    private const string Group = """{"id":"directory_group_01E1X5GPMMXF4T1DCERMVEEPVW","idp_id":"02grqrue4294w24","directory_id":"directory_01ECAZ4NV9QMV47GW873HDCX74","organization_id":"org_01EZTR6WYX1A0DSE2CYMGXQ24Y","name":"Developers","created_at":"2021-06-25T19:07:33.155Z","updated_at":"2021-06-25T19:07:33.155Z","raw_attributes":{}}""";

    private Task<WebhookTestApp> StartAsync(Action<WorkOSWebhookBuilder> handlers, Action<WorkOSWebhookOptions>? configure = null) =>
        WebhookTestApp.StartAsync(_clock, handlers, configure);

    private async Task<HttpResponseMessage> SendAsync(string type, string data, string? id = null)
    {
        var body = WebhookSigner.Event(id ?? "event_" + Guid.NewGuid().ToString("N"), type, data);
        var response = await _app!.PostAsync(body, WebhookSigner.Header(WebhookTestApp.Secret, _clock.GetUtcNow(), body));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return response;
    }

    private Task Seen(string what) => _seen.Writer.WriteAsync(what).AsTask();

    private async Task<string> NextSeenAsync() => await _seen.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(30));

    /// <summary>A claim that refuses one event id and records what it was asked.</summary>
    private sealed class RecordingClaim(string refuse) : IWebhookEventClaim
    {
        public List<(string EventId, TimeSpan Lifetime)> Asked { get; } = [];

        public ValueTask<bool> TryClaimAsync(string eventId, TimeSpan lifetime, CancellationToken cancellationToken)
        {
            lock (Asked)
            {
                Asked.Add((eventId, lifetime));
            }

            return ValueTask.FromResult(eventId != refuse);
        }
    }
}
