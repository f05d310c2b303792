using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using WorkOS.AspNetCore.Emulator;
using WorkOS.AspNetCore.Testing;

namespace WorkOS.AspNetCore.Sample.Tests;

/// <summary>The sample under changes made through the emulator during a test: its own seed, flags, revocation, errors.</summary>
public sealed class EmulatorControlTests(WebApplicationFactory<Program> baseFactory) : IClassFixture<WebApplicationFactory<Program>>
{
    [Fact]
    public async Task A_custom_seed_defines_the_users_roles_and_flags_the_app_sees()
    {
        var factory = baseFactory.WithWorkOSEmulator(seed => seed
            .AddOrganization("Initech", id: "org_initech", entitlements: ["audit-logs"], featureFlags: ["tps-v2"])
            .AddRole("manager", "reports:read", "reports:approve")
            .AddUser("lumbergh@initech.test", "Bill", "Lumbergh")
            .AddMembership("lumbergh@initech.test", "org_initech", "manager"));
        using var lumbergh = factory.CreateWorkOSClient();

        await lumbergh.SignInAsAsync("lumbergh@initech.test");
        var me = await lumbergh.GetFromJsonAsync<Me>("/api/me");

        Assert.Equal("lumbergh@initech.test", me!.Email);
        Assert.Equal("org_initech", me.OrganizationId);
        Assert.Equal("manager", me.Role);
        Assert.Equal(["reports:approve", "reports:read"], me.Permissions.Order());
        Assert.Equal(["audit-logs"], me.Entitlements);
        Assert.Equal(["tps-v2"], me.FeatureFlags);
    }

    [Fact]
    public async Task Signing_in_as_an_unknown_user_fails_before_any_request()
    {
        var factory = baseFactory.WithWorkOSEmulator();
        using var client = factory.CreateWorkOSClient();

        await Assert.ThrowsAsync<ArgumentException>(() => client.SignInAsAsync("nobody@acme.com"));
        Assert.Equal(0, factory.GetWorkOSEmulator().CountRequests("*", "/*"));
    }

    [Fact]
    public async Task Feature_flags_set_before_sign_in_reach_the_session()
    {
        var factory = baseFactory.WithWorkOSEmulator();
        var emulator = factory.GetWorkOSEmulator();
        emulator.SetUserFeatureFlags("bob@acme.com", "beta-reports");
        emulator.SetOrganizationFeatureFlags("org_acme");
        using var bob = factory.CreateWorkOSClient();

        await bob.SignInAsAsync("bob@acme.com");

        Assert.Equal(["beta-reports"], (await bob.GetFromJsonAsync<Me>("/api/me"))!.FeatureFlags);
    }

    [Fact]
    public async Task Short_lived_tokens_are_refreshed_and_a_revoked_session_signs_the_user_out()
    {
        var factory = baseFactory
            .WithWebHostBuilder(builder => builder.UseSetting("WorkOS:RefreshBuffer", "00:00:05"))
            .WithWorkOSEmulator(configure: options => options.AccessTokenLifetime = TimeSpan.FromSeconds(5));
        var emulator = factory.GetWorkOSEmulator();
        using var alice = factory.CreateWorkOSClient();
        await alice.SignInAsAsync("alice@acme.com");

        // A five-second token with a five-second refresh buffer is always due, so each request refreshes it.
        using var first = await alice.GetAsync("/api/me");
        var refreshes = emulator.CountRefreshes();
        Assert.Equal(1, emulator.RevokeUserSessions("alice@acme.com"));
        alice.FollowRedirects = false;
        using var afterRevocation = await alice.GetAsync("/Account/Profile");

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.True(refreshes >= 1, $"expected a refresh, saw {refreshes}");
        Assert.True(emulator.CountRefreshes() > refreshes);
        Assert.Equal(HttpStatusCode.Redirect, afterRevocation.StatusCode);
        Assert.Equal("/user_management/authorize", afterRevocation.Headers.Location!.AbsolutePath);
    }

    [Fact]
    public async Task An_authentication_error_from_workos_stops_the_sign_in_with_a_clear_exception()
    {
        var factory = baseFactory.WithWorkOSEmulator();
        factory.GetWorkOSEmulator().FailAuthentication("bob@acme.com", EmulatorAuthenticationError.MfaEnrollment);
        using var bob = factory.CreateWorkOSClient();

        var error = await Assert.ThrowsAsync<WorkOSSignInException>(() => bob.SignInAsAsync("bob@acme.com"));

        // The callback sends the browser on to the step WorkOS asks for (here: set up an authenticator app), not signed in.
        Assert.Equal(HttpStatusCode.SeeOther, error.StatusCode);
        Assert.Null(bob.GetCookie("wos-session"));
        await bob.SignInAsAsync("bob@acme.com");
        Assert.Equal("member", (await bob.GetFromJsonAsync<Me>("/api/me"))!.Role);
    }

    [Fact]
    public async Task A_fault_on_the_token_endpoint_is_seen_by_the_app_and_logged_by_the_emulator()
    {
        var factory = baseFactory.WithWorkOSEmulator();
        var emulator = factory.GetWorkOSEmulator();
        emulator.InjectFault("POST", "/user_management/authenticate", 503, count: 1);
        using var alice = factory.CreateWorkOSClient();

        await Assert.ThrowsAsync<WorkOSSignInException>(() => alice.SignInAsAsync("alice@acme.com"));
        await alice.SignInAsAsync("alice@acme.com");

        Assert.Equal([503, 200], emulator.Requests.Where(r => r.Path == "/user_management/authenticate").Select(r => r.StatusCode));
        Assert.Equal(2, emulator.CountCodeExchanges());
    }

    private sealed record Me(string Id, string Email, string? OrganizationId, string? Role, string[] Roles, string[] Permissions,
        string[] Entitlements, string[] FeatureFlags);
}
