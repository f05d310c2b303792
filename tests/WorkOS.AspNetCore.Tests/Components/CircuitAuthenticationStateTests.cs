using System.Net;
using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.DependencyInjection;
using WorkOS.AspNetCore.Claims;
using WorkOS.AspNetCore.Components;
using WorkOS.AspNetCore.Session;
using WorkOS.AspNetCore.Testing;
using WorkOS.AspNetCore.Tests.Infrastructure;

namespace WorkOS.AspNetCore.Tests.Components;

/// <summary>
/// The circuit's auth state provider with a controlled clock. A circuit starts from the principal of the request
/// that opened it; here that principal comes from a real sign-in against the emulator.
/// </summary>
public sealed class CircuitAuthenticationStateTests
{
    private static readonly TimeSpan IntoBuffer = TimeSpan.FromMinutes(4) + TimeSpan.FromSeconds(45);

    private static Task<AuthKitTestApp> StartAsync(TimeSpan? interval = null) =>
        AuthKitTestApp.StartAsync(services: s => s.AddWorkOSBlazorServer(o => o.RevalidationInterval = interval ?? TimeSpan.FromMinutes(1)));

    /// <summary>Opens a "circuit": a scope whose provider starts from the signed-in principal, as Blazor does.</summary>
    private static async Task<(IServiceScope Scope, WorkOSAuthenticationStateProvider Provider)> OpenCircuitAsync(AuthKitTestApp app, WorkOSTestClient browser)
    {
        var circuit = await TestCircuit.OpenAsync(app, browser);
        return (circuit.Scope, circuit.Provider);
    }

    private static int RefreshCalls(AuthKitTestApp app) =>
        app.Emulator.Requests.Count(r => r.Path == "/user_management/authenticate" && r.Body["grant_type"] == "refresh_token");

    private static async Task<ClaimsPrincipal> UserAsync(AuthenticationStateProvider provider) => (await provider.GetAuthenticationStateAsync()).User;

    [Fact]
    public async Task Revalidation_refreshes_only_when_the_token_nears_expiry()
    {
        await using var app = await StartAsync();
        using var browser = app.CreateBrowser();
        await browser.SignInAsync("alice@acme.com");
        var (scope, provider) = await OpenCircuitAsync(app, browser);
        using var _ = scope;
        var firstToken = await provider.GetAccessTokenAsync();

        Assert.True(await provider.RevalidateAsync());
        Assert.Equal(0, RefreshCalls(app));

        app.Clock.Advance(IntoBuffer);
        Assert.True(await provider.RevalidateAsync());

        Assert.Equal(1, RefreshCalls(app));
        var token = await provider.GetAccessTokenAsync();
        Assert.NotEqual(firstToken, token);
        Assert.True((await UserAsync(provider)).Identity!.IsAuthenticated);
    }

    [Fact]
    public async Task Role_change_appears_in_the_circuit_after_its_refresh()
    {
        await using var app = await StartAsync();
        using var browser = app.CreateBrowser();
        await browser.SignInAsync("bob@acme.com");
        var (scope, provider) = await OpenCircuitAsync(app, browser);
        using var _ = scope;
        var changes = 0;
        provider.AuthenticationStateChanged += _ => Interlocked.Increment(ref changes);
        Assert.Equal("member", (await UserAsync(provider)).GetWorkOSRole());

        app.Emulator.SetUserRoles("bob@acme.com", "org_acme", "admin");
        app.Clock.Advance(IntoBuffer);
        await provider.RevalidateAsync();

        var user = await UserAsync(provider);
        Assert.Equal("admin", user.GetWorkOSRole());
        Assert.True(user.IsInRole("admin"));
        Assert.Contains("users:manage", user.GetWorkOSPermissions());
        Assert.Equal(1, changes);
    }

    [Fact]
    public async Task Revoked_session_turns_the_circuit_anonymous_within_the_revalidation_interval()
    {
        await using var app = await StartAsync(TimeSpan.FromMilliseconds(100));
        using var browser = app.CreateBrowser();
        await browser.SignInAsync("alice@acme.com");
        var (scope, provider) = await OpenCircuitAsync(app, browser);
        using var _ = scope;
        app.Emulator.RevokeSession((await UserAsync(provider)).GetWorkOSSessionId()!);

        var signedOut = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        provider.AuthenticationStateChanged += async state =>
        {
            if (!(await state).User.Identity!.IsAuthenticated)
            {
                signedOut.TrySetResult();
            }
        };

        app.Clock.Advance(IntoBuffer);
        // Blazor's revalidation loop runs on its own (real) 100 ms interval; the bound only guards against a hang.
        await signedOut.Task.WaitAsync(TimeSpan.FromMinutes(1));

        Assert.False((await UserAsync(provider)).Identity!.IsAuthenticated);
        Assert.Null(await provider.GetAccessTokenAsync());
    }

    [Fact]
    public async Task Page_reload_after_circuit_refreshes_continues_the_session_with_the_old_cookie()
    {
        var interval = TimeSpan.FromSeconds(45);
        await using var app = await StartAsync(interval);
        using var browser = app.CreateBrowser();
        await browser.SignInAsync("alice@acme.com");
        var (scope, provider) = await OpenCircuitAsync(app, browser);
        using var _ = scope;

        // The circuit lives through three token lifetimes (15 minutes 45 seconds), far past the 2-minute grace period,
        // checking every 45 seconds: it refreshes at 4:30, 9:00 and 13:30; its later checks keep the cookie's link
        // alive past the 2 minutes one renewal lasts.
        for (var i = 0; i < 21; i++)
        {
            app.Clock.Advance(interval);
            Assert.True(await provider.RevalidateAsync());
        }

        Assert.Equal(3, RefreshCalls(app));
        var circuitSession = (await UserAsync(provider)).GetWorkOSSessionId();

        // The browser reloads over HTTP with the cookie it had when the circuit opened.
        var response = await browser.GetAsync("/protected");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(3, RefreshCalls(app)); // the spent token was not spent again
        Assert.Equal([circuitSession!], (await browser.ClaimsAsync())["sid"]);
    }

    [Fact]
    public async Task Access_token_from_the_circuit_is_refreshed_when_asked_for_near_expiry()
    {
        await using var app = await StartAsync();
        using var browser = app.CreateBrowser();
        await browser.SignInAsync("alice@acme.com");
        var (scope, provider) = await OpenCircuitAsync(app, browser);
        using var _ = scope;
        var tokens = scope.ServiceProvider.GetRequiredService<IWorkOSAccessTokenProvider>();

        app.Clock.Advance(IntoBuffer);
        var results = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => tokens.GetAccessTokenAsync()));

        Assert.Single(results.Distinct());
        var token = new Microsoft.IdentityModel.JsonWebTokens.JsonWebToken(results[0]);
        Assert.True(token.ValidTo > app.Clock.GetUtcNow().UtcDateTime.AddMinutes(4));
        Assert.Equal(1, RefreshCalls(app));
    }

    [Fact]
    public async Task Transient_failure_keeps_the_circuit_signed_in_while_the_token_is_valid()
    {
        await using var app = await StartAsync();
        using var browser = app.CreateBrowser();
        await browser.SignInAsync("alice@acme.com");
        var (scope, provider) = await OpenCircuitAsync(app, browser);
        using var _ = scope;
        app.Emulator.InjectFault("POST", "/user_management/authenticate", 503, count: -1);

        app.Clock.Advance(IntoBuffer);
        Assert.True(await provider.RevalidateAsync());

        app.Clock.Advance(TimeSpan.FromMinutes(1)); // now expired and still failing
        Assert.False(await provider.RevalidateAsync());
    }

    [Fact]
    public async Task Work_cancelled_while_waiting_behind_a_circuit_refresh_neither_signs_the_circuit_out_nor_gets_a_token()
    {
        await using var app = await StartAsync();
        using var browser = app.CreateBrowser();
        await browser.SignInAsync("alice@acme.com");
        var (scope, provider) = await OpenCircuitAsync(app, browser);
        using var _ = scope;
        app.Emulator.InjectFault("POST", "/user_management/authenticate", 0, latency: TimeSpan.FromMilliseconds(500));
        app.Clock.Advance(IntoBuffer);

        // A component asks for a token and refreshes. Meanwhile a revalidation pass waits its turn, and the state the
        // refresh publishes ends that pass's loop (cancels its token) before it gets the turn; Blazor's loop signs the
        // circuit out on anything thrown there, so the pass must report the state as still good. Another caller
        // waiting for a token gives up: it gets the usual cancellation, not a stale token.
        var refreshing = provider.GetAccessTokenAsync();
        using var loop = new CancellationTokenSource();
        using var caller = new CancellationTokenSource();
        var revalidation = provider.RevalidateAsync(loop.Token);
        var cancelledCaller = provider.GetAccessTokenAsync(caller.Token);
        await app.Emulator.WaitForDelayedRequestsAsync("POST", "/user_management/authenticate"); // the refresh is at WorkOS
        await loop.CancelAsync();
        await caller.CancelAsync();
        app.Clock.Advance(TimeSpan.FromMilliseconds(500));

        Assert.True(await revalidation);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelledCaller);
        Assert.NotNull(await refreshing);
        Assert.True((await UserAsync(provider)).Identity!.IsAuthenticated);
        Assert.Equal(1, RefreshCalls(app));
    }
}
