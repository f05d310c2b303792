using System.Net;
using Microsoft.Extensions.DependencyInjection;
using WorkOS.AspNetCore.Events;
using WorkOS.AspNetCore.Tests.Bearer;
using WorkOS.AspNetCore.Tests.Infrastructure;
using WorkOS.AspNetCore.Tests.Webhooks;
using WorkOS.AspNetCore.Webhooks;

namespace WorkOS.AspNetCore.Tests.Events;

/// <summary>
/// Revocation from events works the same when the events come from the Events API reader instead of a webhook: a
/// session revoked at WorkOS is refused (cookie and bearer token) once the reader's next poll has handled its event.
/// </summary>
public sealed class EventsReaderRevocationTests
{
    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_session_revoked_at_workos_is_refused_once_the_readers_next_poll_handled_its_event()
    {
        var revoked = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var app = await RevocationTestApp.StartAsync(services: s => s
            .AddWorkOSEventsReader(o =>
            {
                o.Events.Add("session.revoked");
                o.PollInterval = Poll;
                o.StartFrom = WorkOSEventsStart.Oldest;
            })
            .On<WorkOSSessionEventData>("session.revoked", (session, _) =>
            {
                revoked.TrySetResult(session.Id); // the built-in revocation handler ran before this one
                return Task.CompletedTask;
            }));
        using var alice = await app.SignInAsync("alice@acme.com");
        using var bob = await app.SignInAsync("bob@acme.com");
        var aliceToken = await RevocationTestApp.TokenAsync(alice);
        var sid = (await alice.ClaimsAsync())["sid"].Single();
        Assert.Equal(HttpStatusCode.OK, (await app.CallApiAsync(aliceToken)).StatusCode);

        Assert.True(app.Emulator.RevokeSession(sid));
        for (var polls = 0; !revoked.Task.IsCompleted && polls < 20; polls++)
        {
            app.App.Clock.Advance(Poll); // the reader's wait is on the app's clock; a poll may already be under way
            await Task.WhenAny(revoked.Task, Task.Delay(TimeSpan.FromMilliseconds(250)));
        }

        Assert.Equal(sid, await revoked.Task.WaitAsync(TimeSpan.FromSeconds(30)));
        (await app.CallApiAsync(aliceToken)).AssertInvalidToken();
        var page = await alice.GetAsync("/protected");
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.Contains(page.SetCookies(), c => c.StartsWith(WorkOSAuthKitDefaults.SessionCookieName + "=;", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.OK, (await bob.GetAsync("/protected")).StatusCode);
        Assert.True(app.Logged(1920));
    }
}
