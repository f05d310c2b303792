using System.Net;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using WorkOS.AspNetCore.Tests.Bearer;
using WorkOS.AspNetCore.Tests.Components;
using WorkOS.AspNetCore.Tests.Infrastructure;

namespace WorkOS.AspNetCore.Tests.Webhooks;

/// <summary>
/// Revocation from WorkOS events, driven by signed webhook deliveries: the affected cookies, bearer tokens and Blazor
/// circuits are refused at once (no token expiry awaited), role changes refresh early, and events that repeat or
/// arrive out of order never undo a revocation.
/// </summary>
public sealed class RevocationFromEventsTests
{
    private const int SessionRevokedByEvent = 1920;
    private const int SubjectRevokedByEvent = 1921;
    private const int RefreshMarkedByEvent = 1922;
    private const int EventNotApplied = 1923;
    private const int EarlyRefresh = 1925;
    private const int BearerRefreshRequired = 1927;
    private const int RevocationOff = 1928;
    private const int DuplicateEvent = 1909;

    private static readonly TimeSpan AfterSignIn = TimeSpan.FromSeconds(1);

    private static async Task AssertCookieRefusedAsync(RevocationTestApp app, Testing.WorkOSTestClient browser)
    {
        var response = await browser.GetAsync("/protected");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/user_management/authorize", browser.Location(response).AbsolutePath);
        Assert.Contains(response.SetCookies(), c => c.StartsWith(WorkOSAuthKitDefaults.SessionCookieName + "=;", StringComparison.Ordinal));
    }

    private static async Task AssertCookieAcceptedAsync(Testing.WorkOSTestClient browser) =>
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/protected")).StatusCode);

    private static async Task AssertBearerRefusedAsync(RevocationTestApp app, string token) =>
        (await app.CallApiAsync(token)).AssertInvalidToken();

    private static async Task AssertBearerAcceptedAsync(RevocationTestApp app, string token) =>
        Assert.Equal(HttpStatusCode.OK, (await app.CallApiAsync(token)).StatusCode);

    [Fact]
    public async Task Session_revoked_event_refuses_that_sessions_cookie_and_bearer_token_at_once_and_no_other()
    {
        await using var app = await RevocationTestApp.StartAsync();
        using var alice = await app.SignInAsync("alice@acme.com");
        using var bob = await app.SignInAsync("bob@acme.com");
        var aliceToken = await RevocationTestApp.TokenAsync(alice);
        var bobToken = await RevocationTestApp.TokenAsync(bob);
        var sid = (await alice.ClaimsAsync())["sid"].Single();
        app.App.Clock.Advance(AfterSignIn);

        await app.DeliverAsync("event_01REVOKED", "session.revoked", EventData.Session(sid, "user_alice"), app.Now);

        await AssertBearerRefusedAsync(app, aliceToken);
        await AssertCookieRefusedAsync(app, alice);
        await AssertCookieAcceptedAsync(bob);
        await AssertBearerAcceptedAsync(app, bobToken);
        Assert.True(app.Logged(SessionRevokedByEvent));
        Assert.Equal(0, app.Emulator.CountRefreshes()); // refused on the list, not at a refresh
    }

    [Fact]
    public async Task User_deleted_event_refuses_every_session_of_that_user_cookies_and_bearer_tokens()
    {
        await using var app = await RevocationTestApp.StartAsync();
        using var laptop = await app.SignInAsync("alice@acme.com");
        using var phone = await app.SignInAsync("alice@acme.com");
        using var bob = await app.SignInAsync("bob@acme.com");
        var phoneToken = await RevocationTestApp.TokenAsync(phone);
        app.App.Clock.Advance(AfterSignIn);

        await app.DeliverAsync("event_01DELETED", "user.deleted", EventData.User("user_alice"), app.Now);

        await AssertCookieRefusedAsync(app, laptop);
        await AssertCookieRefusedAsync(app, phone);
        await AssertBearerRefusedAsync(app, phoneToken);
        await AssertCookieAcceptedAsync(bob);
        Assert.True(app.Logged(SubjectRevokedByEvent));
    }

    [Fact]
    public async Task Deleted_membership_refuses_the_users_sessions_in_that_organization_only()
    {
        await using var app = await RevocationTestApp.StartAsync();
        using var alice = await app.SignInAsync("alice@acme.com");
        Assert.Equal(["org_acme"], (await alice.ClaimsAsync())["org_id"]);
        var token = await RevocationTestApp.TokenAsync(alice);
        app.App.Clock.Advance(AfterSignIn);

        await app.DeliverAsync("event_01OTHERORG", "organization_membership.deleted", EventData.Membership("user_alice", "org_globex", "active"), app.Now);
        await AssertCookieAcceptedAsync(alice);
        await AssertBearerAcceptedAsync(app, token);

        await app.DeliverAsync("event_01THISORG", "organization_membership.deleted", EventData.Membership("user_alice", "org_acme", "active"), app.Now);
        await AssertBearerRefusedAsync(app, token);
        await AssertCookieRefusedAsync(app, alice);
    }

    [Theory]
    [InlineData("inactive")]
    [InlineData("pending")]
    public async Task Membership_updated_to_a_status_other_than_active_refuses_the_users_sessions_in_that_organization(string status)
    {
        await using var app = await RevocationTestApp.StartAsync();
        using var alice = await app.SignInAsync("alice@acme.com");
        var token = await RevocationTestApp.TokenAsync(alice);
        app.App.Clock.Advance(AfterSignIn);

        await app.DeliverAsync("event_01DEACTIVATED", "organization_membership.updated", EventData.Membership("user_alice", "org_acme", status), app.Now);

        await AssertBearerRefusedAsync(app, token);
        await AssertCookieRefusedAsync(app, alice);
    }

    [Theory]
    [InlineData("dsync.user.deleted", "active")]
    [InlineData("dsync.user.updated", "inactive")]
    public async Task Deprovisioned_directory_user_that_names_its_user_refuses_that_users_sessions(string type, string state)
    {
        await using var app = await RevocationTestApp.StartAsync();
        using var alice = await app.SignInAsync("alice@acme.com");
        var token = await RevocationTestApp.TokenAsync(alice);
        app.App.Clock.Advance(AfterSignIn);

        await app.DeliverAsync("event_01DSYNC", type, EventData.DirectoryUser("user_alice", state), app.Now);

        await AssertBearerRefusedAsync(app, token);
        await AssertCookieRefusedAsync(app, alice);
    }

    [Fact]
    public async Task Deprovisioned_directory_user_without_a_user_id_is_not_linked_by_email_and_is_logged()
    {
        await using var app = await RevocationTestApp.StartAsync();
        using var alice = await app.SignInAsync("alice@acme.com");
        app.App.Clock.Advance(AfterSignIn);

        await app.DeliverAsync("event_01DSYNCMAIL", "dsync.user.deleted", EventData.DirectoryUser(null, "inactive"), app.Now);

        await AssertCookieAcceptedAsync(alice); // the payload's email is alice's, and is not trusted as a link
        Assert.True(app.Logged(EventNotApplied));
    }

    [Fact]
    public async Task Role_change_refreshes_the_cookie_session_at_its_next_request_and_the_new_role_applies()
    {
        await using var app = await RevocationTestApp.StartAsync();
        using var alice = await app.SignInAsync("alice@acme.com");
        Assert.Equal(["admin"], (await alice.ClaimsAsync())["role"]);
        var oldToken = await RevocationTestApp.TokenAsync(alice);
        app.App.Clock.Advance(AfterSignIn);
        app.Emulator.SetUserRoles("user_alice", "org_acme", "member");

        await app.DeliverAsync("event_01ROLE", "organization_membership.updated", EventData.Membership("user_alice", "org_acme", "active", "member"), app.Now);

        Assert.Equal(["member"], (await alice.ClaimsAsync())["role"]); // the next request, long before the token's expiry
        Assert.Equal(1, app.Emulator.CountRefreshes());
        Assert.Equal(["member"], (await alice.ClaimsAsync())["role"]);
        Assert.Equal(1, app.Emulator.CountRefreshes()); // the refreshed token is not marked again
        Assert.True(app.Logged(RefreshMarkedByEvent));
        Assert.True(app.Logged(EarlyRefresh));

        // A bearer token cannot be refreshed here: the old one is refused so its client refreshes; the new one works.
        await AssertBearerRefusedAsync(app, oldToken);
        Assert.True(app.Logged(BearerRefreshRequired));
        await AssertBearerAcceptedAsync(app, await RevocationTestApp.TokenAsync(alice));
    }

    [Theory]
    [InlineData("role.updated")]
    [InlineData("role.deleted")]
    public async Task Role_event_refreshes_every_session_early(string type)
    {
        await using var app = await RevocationTestApp.StartAsync();
        using var alice = await app.SignInAsync("alice@acme.com");
        using var bob = await app.SignInAsync("bob@acme.com");
        app.App.Clock.Advance(AfterSignIn);
        app.Emulator.SetRolePermissions("member", "posts:read");

        await app.DeliverAsync("event_01ROLEUPDATED", type, EventData.Role("member"), app.Now);

        Assert.DoesNotContain("reports:view", (await bob.ClaimsAsync())["permission"]);
        await AssertCookieAcceptedAsync(alice);
        Assert.Equal(2, app.Emulator.CountRefreshes());
    }

    [Fact]
    public async Task Older_event_applied_after_a_newer_one_does_not_move_the_revocation_back()
    {
        await using var app = await RevocationTestApp.StartAsync();
        using var alice = await app.SignInAsync("alice@acme.com");
        var signedInAt = app.Now;
        app.App.Clock.Advance(AfterSignIn);

        await app.DeliverAsync("event_02NEWER", "organization_membership.updated", EventData.Membership("user_alice", "org_acme", "inactive"), app.Now);
        await app.DeliverAsync("event_01OLDER", "organization_membership.deleted", EventData.Membership("user_alice", "org_acme", "inactive"), signedInAt - TimeSpan.FromMinutes(1));
        await app.DeliverAsync("event_01OLDERACTIVE", "organization_membership.updated", EventData.Membership("user_alice", "org_acme", "active"), signedInAt - TimeSpan.FromMinutes(1));

        await AssertCookieRefusedAsync(app, alice);
    }

    [Fact]
    public async Task Repeated_session_revoked_and_a_later_session_created_for_it_never_revive_the_session()
    {
        await using var app = await RevocationTestApp.StartAsync();
        using var alice = await app.SignInAsync("alice@acme.com");
        var token = await RevocationTestApp.TokenAsync(alice);
        var sid = (await alice.ClaimsAsync())["sid"].Single();
        app.App.Clock.Advance(AfterSignIn);
        var revoked = $$"""{"object":"event","id":"event_01ONCE","event":"session.revoked","data":{{EventData.Session(sid, "user_alice")}},"created_at":"{{app.Now.UtcDateTime:yyyy-MM-ddTHH:mm:ss.fffZ}}"}""";

        await app.DeliverAsync(revoked);
        await app.DeliverAsync(revoked);
        await app.DeliverAsync("event_01CREATED", "session.created", EventData.Session(sid, "user_alice"), app.Now + TimeSpan.FromSeconds(1));

        Assert.True(app.Logged(DuplicateEvent));
        await AssertBearerRefusedAsync(app, token);
        await AssertCookieRefusedAsync(app, alice);
    }

    [Fact]
    public async Task User_re_added_to_an_organization_signs_in_again_and_the_new_session_works()
    {
        await using var app = await RevocationTestApp.StartAsync();
        using var before = await app.SignInAsync("alice@acme.com");
        var oldToken = await RevocationTestApp.TokenAsync(before);
        app.App.Clock.Advance(AfterSignIn);
        await app.DeliverAsync("event_01REMOVED", "organization_membership.deleted", EventData.Membership("user_alice", "org_acme", "active"), app.Now);
        await AssertCookieRefusedAsync(app, before);

        app.App.Clock.Advance(AfterSignIn);
        await app.DeliverAsync("event_01READDED", "organization_membership.created", EventData.Membership("user_alice", "org_acme", "active"), app.Now);
        using var after = await app.SignInAsync("alice@acme.com");

        Assert.Equal(["org_acme"], (await after.ClaimsAsync())["org_id"]);
        await AssertBearerAcceptedAsync(app, await RevocationTestApp.TokenAsync(after));
        await AssertBearerRefusedAsync(app, oldToken);
    }

    [Fact]
    public async Task Event_stamped_far_in_the_future_does_not_refuse_sign_ins_beyond_five_minutes_from_now()
    {
        await using var app = await RevocationTestApp.StartAsync();
        using var before = await app.SignInAsync("alice@acme.com");
        app.App.Clock.Advance(AfterSignIn);

        await app.DeliverAsync("event_01FUTURE", "user.deleted", EventData.User("user_alice"), app.Now + TimeSpan.FromDays(1));
        await AssertCookieRefusedAsync(app, before);
        app.App.Clock.Advance(TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(1));
        using var after = await app.SignInAsync("alice@acme.com");

        await AssertCookieAcceptedAsync(after);
        await AssertBearerAcceptedAsync(app, await RevocationTestApp.TokenAsync(after));
    }

    [Fact]
    public async Task With_revocation_from_events_off_no_event_revokes_or_refreshes_anything()
    {
        await using var app = await RevocationTestApp.StartAsync(webhooks: o => o.RevokeSessionsFromEvents = false);
        using var alice = await app.SignInAsync("alice@acme.com");
        var token = await RevocationTestApp.TokenAsync(alice);
        var sid = (await alice.ClaimsAsync())["sid"].Single();
        app.App.Clock.Advance(AfterSignIn);

        await app.DeliverAsync("event_01REVOKED", "session.revoked", EventData.Session(sid, "user_alice"), app.Now);
        await app.DeliverAsync("event_01DELETED", "user.deleted", EventData.User("user_alice"), app.Now);
        await app.DeliverAsync("event_01ROLE", "role.updated", EventData.Role("admin"), app.Now);

        await AssertCookieAcceptedAsync(alice);
        await AssertBearerAcceptedAsync(app, token);
        Assert.Equal(0, app.Emulator.CountRefreshes());
        Assert.True(app.Logged(RevocationOff));
        Assert.False(app.Logged(SessionRevokedByEvent));
    }

    [Fact]
    public async Task Blazor_circuit_on_another_instance_revalidates_false_once_the_users_membership_is_revoked()
    {
        var keyRing = new EphemeralDataProtectionProvider();
        IDistributedCache cache = new MemoryDistributedCache(Options.Create(new MemoryDistributedCacheOptions()));
        void Shared(IServiceCollection s) => s.AddSingleton(cache).AddWorkOSDistributedSessionCoordination().AddWorkOSBlazorServer();
        await using var a = await RevocationTestApp.StartAsync(services: Shared, dataProtection: keyRing);
        await using var b = await RevocationTestApp.StartAsync(services: Shared, sharedEmulator: a.Emulator, dataProtection: keyRing);
        TestClock.Align(a.App.Clock, b.App.Clock);
        using var alice = await a.SignInAsync("alice@acme.com");
        using var onB = b.App.CreateBrowser();
        onB.Cookies.Add(new Cookie(WorkOSAuthKitDefaults.SessionCookieName, alice.GetCookie(WorkOSAuthKitDefaults.SessionCookieName)!, "/", "localhost"));
        await using var circuit = await TestCircuit.OpenAsync(b.App, onB);
        Assert.True(await circuit.Provider.RevalidateAsync());
        a.App.Clock.Advance(AfterSignIn);
        b.App.Clock.Advance(AfterSignIn);

        await a.DeliverAsync("event_01DEACTIVATED", "organization_membership.updated", EventData.Membership("user_alice", "org_acme", "inactive"), a.Now);

        Assert.True((await circuit.Provider.GetAuthenticationStateAsync()).User.Identity!.IsAuthenticated); // B did not handle the event
        Assert.False(await circuit.Provider.RevalidateAsync());
        Assert.Equal(0, a.Emulator.CountRefreshes());
    }

    [Fact]
    public async Task Blazor_circuit_on_the_instance_that_handled_the_event_signs_out_at_once_without_waiting_for_its_revalidation()
    {
        await using var app = await RevocationTestApp.StartAsync(services: s => s.AddWorkOSBlazorServer());
        using var alice = await app.SignInAsync("alice@acme.com");
        using var bob = await app.SignInAsync("bob@acme.com");
        await using var aliceCircuit = await TestCircuit.OpenAsync(app.App, alice);
        await using var bobCircuit = await TestCircuit.OpenAsync(app.App, bob);
        app.App.Clock.Advance(AfterSignIn);

        await app.DeliverAsync("event_01DELETED", "user.deleted", EventData.User("user_alice"), app.Now);

        Assert.False((await aliceCircuit.Provider.GetAuthenticationStateAsync()).User.Identity!.IsAuthenticated);
        Assert.True((await bobCircuit.Provider.GetAuthenticationStateAsync()).User.Identity!.IsAuthenticated);
    }

    [Fact]
    public async Task Blazor_circuit_refreshes_at_its_next_revalidation_after_a_role_change()
    {
        await using var app = await RevocationTestApp.StartAsync(services: s => s.AddWorkOSBlazorServer());
        using var alice = await app.SignInAsync("alice@acme.com");
        await using var circuit = await TestCircuit.OpenAsync(app.App, alice);
        app.App.Clock.Advance(AfterSignIn);
        app.Emulator.SetUserRoles("user_alice", "org_acme", "member");

        await app.DeliverAsync("event_01ROLE", "organization_membership.updated", EventData.Membership("user_alice", "org_acme", "active", "member"), app.Now);

        Assert.True(await circuit.Provider.RevalidateAsync());
        Assert.Equal(1, app.Emulator.CountRefreshes());
        var user = (await circuit.Provider.GetAuthenticationStateAsync()).User;
        Assert.True(user.IsInRole("member"));
    }
}
