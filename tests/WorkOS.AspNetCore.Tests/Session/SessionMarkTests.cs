using Microsoft.Extensions.DependencyInjection;
using WorkOS.AspNetCore.Session;
using WorkOS.AspNetCore.Tests.Infrastructure;
using WorkOS.AspNetCore.Tests.Webhooks;

namespace WorkOS.AspNetCore.Tests.Session;

/// <summary>Subject-level marks on the revoked-session list: whom they cover, how long they stay, and what a check costs.</summary>
public sealed class SessionMarkTests
{
    private static SessionSubject Token(string userId, string? organizationId, DateTimeOffset issuedAt, string? sessionId = null) =>
        new(sessionId, userId, organizationId, issuedAt, issuedAt + TimeSpan.FromMinutes(5));

    [Fact]
    public async Task Membership_mark_covers_that_users_tokens_in_that_organization_issued_before_it_and_nothing_else()
    {
        var clock = TestClock.StartingNow();
        var store = new MemoryRevokedSessionStore(clock);
        var issued = clock.GetUtcNow();
        var at = issued + TimeSpan.FromSeconds(1);
        await store.MarkAsync(new SessionMark(SessionMarkKind.Revoke, "user_alice", "org_acme", at, at + TimeSpan.FromMinutes(10)));

        Assert.Equal(SessionStanding.Revoked, await store.CheckAsync(Token("user_alice", "org_acme", issued)));
        Assert.Equal(SessionStanding.Current, await store.CheckAsync(Token("user_alice", "org_globex", issued)));
        Assert.Equal(SessionStanding.Current, await store.CheckAsync(Token("user_alice", null, issued)));
        Assert.Equal(SessionStanding.Current, await store.CheckAsync(Token("user_bob", "org_acme", issued)));
        Assert.Equal(SessionStanding.Current, await store.CheckAsync(Token("user_alice", "org_acme", at))); // issued at the mark: a new sign-in
    }

    [Fact]
    public async Task Organization_and_everyone_marks_cover_every_user_and_a_revoke_outweighs_a_refresh()
    {
        var clock = TestClock.StartingNow();
        var store = new MemoryRevokedSessionStore(clock);
        var issued = clock.GetUtcNow();
        var at = issued + TimeSpan.FromSeconds(1);
        await store.MarkAsync(new SessionMark(SessionMarkKind.Refresh, null, "org_acme", at, at + TimeSpan.FromMinutes(10)));

        Assert.Equal(SessionStanding.RefreshDue, await store.CheckAsync(Token("user_bob", "org_acme", issued)));
        Assert.Equal(SessionStanding.Current, await store.CheckAsync(Token("user_carol", "org_globex", issued)));

        await store.MarkAsync(new SessionMark(SessionMarkKind.Refresh, null, null, at, at + TimeSpan.FromMinutes(10)));
        await store.MarkAsync(new SessionMark(SessionMarkKind.Revoke, "user_bob", null, at, at + TimeSpan.FromMinutes(10)));

        Assert.Equal(SessionStanding.RefreshDue, await store.CheckAsync(Token("user_carol", "org_globex", issued)));
        Assert.Equal(SessionStanding.Revoked, await store.CheckAsync(Token("user_bob", "org_acme", issued)));
    }

    [Fact]
    public async Task Checking_a_token_against_held_marks_allocates_nothing()
    {
        var clock = TestClock.StartingNow();
        var store = new MemoryRevokedSessionStore(clock);
        var issued = clock.GetUtcNow();
        var at = issued + TimeSpan.FromSeconds(1);
        await store.RevokeAsync("session_other", at + TimeSpan.FromMinutes(10));
        await store.MarkAsync(new SessionMark(SessionMarkKind.Revoke, "user_bob", "org_acme", at, at + TimeSpan.FromMinutes(10)));
        await store.MarkAsync(new SessionMark(SessionMarkKind.Refresh, null, "org_globex", at, at + TimeSpan.FromMinutes(10)));
        var token = Token("user_alice", "org_acme", issued, "session_alice");
        Assert.Equal(SessionStanding.Current, await store.CheckAsync(token)); // warm

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 100; i++)
        {
            await store.CheckAsync(token);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public async Task Mark_from_an_event_is_kept_for_the_longest_token_lifetime_seen_and_then_forgotten()
    {
        await using var app = await RevocationTestApp.StartAsync();
        using var alice = await app.SignInAsync("alice@acme.com");
        Assert.Equal(System.Net.HttpStatusCode.OK, (await alice.GetAsync("/protected")).StatusCode); // the list sees a 5-minute token
        var issued = app.Now;
        app.App.Clock.Advance(TimeSpan.FromSeconds(1));
        var at = app.Now;
        await app.DeliverAsync("event_01DELETED", "user.deleted", EventData.User("user_alice"), at);
        var store = app.App.Services.GetRequiredService<MemoryRevokedSessionStore>();
        var retained = TimeSpan.FromMinutes(5) + TimeSpan.FromMinutes(5); // the token lifetime, plus the margin for clocks

        app.App.Clock.Advance(retained - TimeSpan.FromSeconds(1));
        Assert.Equal(SessionStanding.Revoked, await store.CheckAsync(Token("user_alice", "org_acme", issued)));
        app.App.Clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(SessionStanding.Current, await store.CheckAsync(Token("user_alice", "org_acme", issued)));
        Assert.Equal(0, store.MarkCount);
    }
}
