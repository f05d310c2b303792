using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using WorkOS.AspNetCore.Api;
using WorkOS.AspNetCore.Session;
using WorkOS.AspNetCore.Tests.Infrastructure;

namespace WorkOS.AspNetCore.Tests.Session;

/// <summary>
/// The refresher asks the registered <see cref="ISessionRefreshCoordinator"/> who spends a refresh token; the app can
/// register its own. Tokens live 5 minutes; 4:45 in, the session is due for refresh.
/// </summary>
public sealed class RefreshCoordinationTests
{
    private const string Refresh = "/user_management/authenticate";
    private const string RefreshTokenPath = "/refresh-token";
    private static readonly TimeSpan IntoBuffer = TimeSpan.FromMinutes(4) + TimeSpan.FromSeconds(45);

    private static int RefreshCalls(AuthKitTestApp app) =>
        app.Emulator.Requests.Count(r => r.Path == Refresh && r.Body.TryGetValue("grant_type", out var g) && g == "refresh_token");

    private static void MapRefreshToken(WebApplication app) =>
        app.MapGet(RefreshTokenPath, (HttpContext context) => SessionTokens.Of(context.User)?.RefreshToken).RequireAuthorization();

    private static string Key(string refreshToken) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(refreshToken)));

    [Fact]
    public async Task A_coordinator_the_app_registers_sees_the_token_key_and_its_answer_is_the_session_without_an_upstream_refresh()
    {
        var coordinator = new HandingBackCoordinator();
        await using var app = await AuthKitTestApp.StartAsync(services: s => s.AddSingleton<ISessionRefreshCoordinator>(coordinator),
            map: MapRefreshToken);
        using var browser = app.CreateBrowser();
        await browser.SignInAsync("alice@acme.com");
        var refreshToken = await (await browser.GetAsync(RefreshTokenPath)).Content.ReadAsStringAsync();
        // What another instance got for this token: a refresh the app never made.
        coordinator.Replacement = await RefreshAtWorkOSAsync(app, refreshToken);
        var refreshesBefore = RefreshCalls(app);

        app.Clock.Advance(IntoBuffer);
        var response = await browser.GetAsync("/protected");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal([Key(refreshToken)], coordinator.Refreshed);
        Assert.Equal(refreshesBefore, RefreshCalls(app)); // the app refreshed nothing upstream
        Assert.True(response.SetsSessionCookie());
        Assert.Equal(coordinator.Replacement.RefreshToken, await (await browser.GetAsync(RefreshTokenPath)).Content.ReadAsStringAsync()); // the cookie carries the handed-back session
    }

    [Fact]
    public async Task A_coordinator_that_says_the_token_is_spent_keeps_the_request_signed_in_on_its_valid_token_and_spends_nothing()
    {
        var coordinator = new HandingBackCoordinator(); // no replacement: Spent
        await using var app = await AuthKitTestApp.StartAsync(services: s => s.AddSingleton<ISessionRefreshCoordinator>(coordinator));
        using var browser = app.CreateBrowser();
        await browser.SignInAsync("alice@acme.com");

        app.Clock.Advance(IntoBuffer);
        var response = await browser.GetAsync("/protected");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Single(coordinator.Refreshed);
        Assert.Equal(0, RefreshCalls(app));
        Assert.False(response.SetsSessionCookie()); // the browser may already hold a newer cookie: this one is left alone
    }

    [Fact]
    public async Task Fifty_concurrent_requests_of_a_session_due_for_refresh_make_one_upstream_refresh_through_the_coordinator_and_all_succeed()
    {
        CountingCoordinator? counting = null;
        var upstream = new HeldRefreshes();
        await using var app = await AuthKitTestApp.StartAsync(services: s =>
        {
            s.AddSingleton<ISessionRefreshCoordinator>(sp => counting = new CountingCoordinator(new InProcessSessionRefreshCoordinator(
                new RefreshResultStore(sp.GetRequiredService<IDataProtectionProvider>(), sp.GetRequiredService<TimeProvider>()))));
            s.AddHttpClient(WorkOSAuthKitDefaults.HttpClientName).AddHttpMessageHandler(upstream.CreateHandler);
        });
        using var signIn = app.CreateBrowser();
        await signIn.SignInAsync("alice@acme.com");
        var cookie = signIn.GetCookie(WorkOSAuthKitDefaults.SessionCookieName)!;
        app.Clock.Advance(IntoBuffer);

        var requests = Enumerable.Range(0, 50).Select(async _ =>
        {
            using var browser = app.CreateBrowser();
            browser.Cookies.Add(new Cookie(WorkOSAuthKitDefaults.SessionCookieName, cookie, "/", "localhost"));
            return await browser.GetAsync("/protected");
        }).ToList();
        await upstream.Held; // the first refresh is at WorkOS; the others join it or find its result
        upstream.Release();
        var responses = await Task.WhenAll(requests);

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.DoesNotContain(responses, r => r.SetCookies().Any(c => c.StartsWith(WorkOSAuthKitDefaults.SessionCookieName + "=;", StringComparison.Ordinal)));
        Assert.Equal(1, RefreshCalls(app));
        // A request that reads the old cookie only after the first flight ended starts a flight of its own, which finds
        // that flight's stored result and calls nobody: what must be one is the upstream refresh, counted above.
        Assert.InRange(counting!.Runs, 1, counting.Calls);
        Assert.True(counting.Calls >= 1);
    }

    [Fact]
    public async Task Refresh_that_workos_answers_after_the_refresh_timeout_gives_up_when_the_clock_passes_it_and_keeps_the_session()
    {
        var emulatorClock = TestClock.StartingNow();
        var clock = new FakeTimeProvider(emulatorClock.GetUtcNow());
        var upstream = new HeldRefreshes();
        await using var app = await AuthKitTestApp.StartAsync(emulatorClock: emulatorClock, services: s =>
        {
            s.AddSingleton<TimeProvider>(clock);
            s.AddHttpClient(WorkOSAuthKitDefaults.HttpClientName).AddHttpMessageHandler(upstream.CreateHandler);
        });
        using var browser = app.CreateBrowser();
        await browser.SignInAsync("alice@acme.com");
        var before = browser.GetCookie(WorkOSAuthKitDefaults.SessionCookieName);
        emulatorClock.Advance(IntoBuffer);
        clock.Advance(IntoBuffer);

        var pending = browser.GetAsync("/protected");
        await upstream.Held;
        clock.Advance(TimeSpan.FromSeconds(10)); // RefreshTimeout's default, on the app's clock
        upstream.Release(); // WorkOS answers now: too late
        var response = await pending;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode); // the token has 5 s left: still signed in
        Assert.False(response.SetsSessionCookie());
        Assert.Equal(before, browser.GetCookie(WorkOSAuthKitDefaults.SessionCookieName));
        Assert.Equal(0, RefreshCalls(app)); // the answer was never waited for
        Assert.Contains(app.Logs.Entries, e => e.EventId.Id == 1204 && e.Message.Contains("(timeout)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_coordinator_whose_store_is_down_is_a_transient_failure_that_keeps_the_user_signed_in_until_the_token_expires()
    {
        await using var app = await AuthKitTestApp.StartAsync(services: s => s.AddSingleton<ISessionRefreshCoordinator>(new FailingCoordinator()));
        using var browser = app.CreateBrowser();
        await browser.SignInAsync("alice@acme.com");
        var cookie = browser.GetCookie(WorkOSAuthKitDefaults.SessionCookieName);

        app.Clock.Advance(IntoBuffer);
        var whileValid = await browser.GetAsync("/protected");
        app.Clock.Advance(TimeSpan.FromSeconds(20));
        var afterExpiry = await browser.GetAsync("/protected", r => r.Headers.Accept.ParseAdd("application/json"));

        Assert.Equal(HttpStatusCode.OK, whileValid.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, afterExpiry.StatusCode); // an expired token is never used, and no 500
        Assert.False(whileValid.SetsSessionCookie());
        Assert.False(afterExpiry.SetsSessionCookie()); // the cookie stays for when the store is back
        Assert.Equal(cookie, browser.GetCookie(WorkOSAuthKitDefaults.SessionCookieName));
        Assert.Equal(0, RefreshCalls(app)); // nothing spent without knowing whether it was spent already
        Assert.Contains(app.Logs.Entries, e => e.EventId.Id == 1821 && e.Exception is SessionCoordinationUnavailableException);
    }

    [Fact]
    public async Task A_coordinator_that_fails_with_anything_but_store_unavailable_surfaces_as_a_bug_and_is_not_logged_as_its_store_being_down()
    {
        await using var app = await AuthKitTestApp.StartAsync(services: s =>
            s.AddSingleton<ISessionRefreshCoordinator>(new FailingCoordinator(() => new InvalidOperationException("A bug in the coordinator."))));
        using var browser = app.CreateBrowser();
        await browser.SignInAsync("alice@acme.com");

        app.Clock.Advance(IntoBuffer);
        var response = await browser.GetAsync("/protected");

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode); // the app's exception handling gets it
        Assert.Contains(app.Logs.Entries, e => e.Exception is InvalidOperationException { Message: "A bug in the coordinator." });
        Assert.DoesNotContain(app.Logs.Entries, e => e.EventId.Id == 1821);
        Assert.Equal(0, RefreshCalls(app));
    }

    [Fact]
    public async Task An_organization_switch_asks_the_coordinator_and_switches_from_the_session_another_instance_refreshed_the_token_into()
    {
        var coordinator = new SpentElsewhereCoordinator();
        await using var app = await AuthKitTestApp.StartAsync(
            configureEmulator: o => o.Seed = EmulatorSeed.CreateDefault()
                .AddOrganization(new SeedOrganization { Id = "org_initech", Name = "Initech" })
                .AddMembership("alice@acme.com", "org_initech", "member"),
            services: s => s.AddSingleton<ISessionRefreshCoordinator>(sp => coordinator.Over(sp)),
            map: MapRefreshToken);
        using var browser = app.CreateBrowser();
        await browser.SignInAsync("alice@acme.com");
        var refreshToken = await (await browser.GetAsync(RefreshTokenPath)).Content.ReadAsStringAsync();
        // Another instance refreshed this token a moment ago; its coordinator has the result.
        var elsewhere = await RefreshAtWorkOSAsync(app, refreshToken);
        coordinator.Spent(Key(refreshToken), elsewhere);

        var switched = await browser.SubmitFormAsync("/auth/switch-organization",
            new Dictionary<string, string> { ["organizationId"] = "org_initech", ["returnUrl"] = "/protected" });
        Assert.Equal(HttpStatusCode.Redirect, switched.StatusCode);
        Assert.Contains(Key(refreshToken), coordinator.Asked); // the switch asked who spends the token before spending it
        var refreshes = app.Emulator.Requests.Where(r => r.Path == Refresh && r.Body.TryGetValue("grant_type", out var g) && g == "refresh_token").ToList();
        Assert.All(refreshes, r => Assert.Equal(200, r.StatusCode)); // no invalid_grant: the spent token was not sent again
        Assert.Equal(elsewhere.RefreshToken, refreshes[^1].Body["refresh_token"]); // switched from the other instance's session
        Assert.Equal(["org_initech"], (await browser.ClaimsAsync())["org_id"]);
    }

    /// <summary>Refreshes at the emulator directly, as another instance would have.</summary>
    private static async Task<WorkOSAuthenticationResponse> RefreshAtWorkOSAsync(AuthKitTestApp app, string refreshToken)
    {
        using var client = app.Emulator.CreateClient();
        using var answer = await client.PostAsJsonAsync(Refresh.TrimStart('/'), new Dictionary<string, string>
        {
            ["grant_type"] = "refresh_token",
            ["client_id"] = app.Emulator.ClientId,
            ["client_secret"] = app.Emulator.ApiKey,
            ["refresh_token"] = refreshToken,
        });
        answer.EnsureSuccessStatusCode();
        return (await answer.Content.ReadFromJsonAsync(WorkOSJsonContext.Default.WorkOSAuthenticationResponse))!;
    }

    /// <summary>Hands back <see cref="Replacement"/> (or <see cref="SessionRefreshResult.Spent"/>) and never runs the library's refresh.</summary>
    private sealed class HandingBackCoordinator : ISessionRefreshCoordinator
    {
        private readonly ConcurrentQueue<string> _refreshed = new();

        public WorkOSAuthenticationResponse? Replacement { get; set; }

        public IReadOnlyCollection<string> Refreshed => _refreshed.ToArray();

        public ValueTask<SessionRefreshResult?> FindAsync(string refreshTokenKey, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult<SessionRefreshResult?>(null);

        public ValueTask KeepAsync(string refreshTokenKey, SessionRefreshResult result, TimeSpan replayWindow, CancellationToken cancellationToken = default) =>
            ValueTask.CompletedTask;

        public Task<SessionRefreshResult> RefreshAsync(string refreshTokenKey, Func<Task<SessionRefreshResult>> refresh, CancellationToken cancellationToken = default)
        {
            _refreshed.Enqueue(refreshTokenKey);
            return Task.FromResult(Replacement is { } replacement ? SessionRefreshResult.Replaced(replacement) : SessionRefreshResult.Spent);
        }

        public ValueTask<SessionRefreshResult?> WaitForReplacementAsync(string refreshTokenKey, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult<SessionRefreshResult?>(null);
    }

    /// <summary>
    /// The library's coordinator, except that one token was already spent by another instance, whose result it hands
    /// back; records the keys it is asked to coordinate.
    /// </summary>
    private sealed class SpentElsewhereCoordinator
    {
        private readonly ConcurrentQueue<string> _asked = new();
        private string? _spentKey;
        private WorkOSAuthenticationResponse? _result;

        public IReadOnlyCollection<string> Asked => _asked.ToArray();

        public void Spent(string key, WorkOSAuthenticationResponse result) => (_spentKey, _result) = (key, result);

        public ISessionRefreshCoordinator Over(IServiceProvider services) => new Coordinator(this, new InProcessSessionRefreshCoordinator(
            new RefreshResultStore(services.GetRequiredService<IDataProtectionProvider>(), services.GetRequiredService<TimeProvider>())));

        private sealed class Coordinator(SpentElsewhereCoordinator owner, ISessionRefreshCoordinator inner) : ISessionRefreshCoordinator
        {
            public ValueTask<SessionRefreshResult?> FindAsync(string refreshTokenKey, CancellationToken cancellationToken = default) =>
                inner.FindAsync(refreshTokenKey, cancellationToken);

            public ValueTask KeepAsync(string refreshTokenKey, SessionRefreshResult result, TimeSpan replayWindow, CancellationToken cancellationToken = default) =>
                inner.KeepAsync(refreshTokenKey, result, replayWindow, cancellationToken);

            public Task<SessionRefreshResult> RefreshAsync(string refreshTokenKey, Func<Task<SessionRefreshResult>> refresh, CancellationToken cancellationToken = default)
            {
                owner._asked.Enqueue(refreshTokenKey);
                return refreshTokenKey == owner._spentKey
                    ? Task.FromResult(SessionRefreshResult.Replaced(owner._result!))
                    : inner.RefreshAsync(refreshTokenKey, refresh, cancellationToken);
            }

            public ValueTask<SessionRefreshResult?> WaitForReplacementAsync(string refreshTokenKey, CancellationToken cancellationToken = default) =>
                inner.WaitForReplacementAsync(refreshTokenKey, cancellationToken);
        }
    }

    /// <summary>A coordinator whose store cannot be reached (or, given another failure, a coordinator with a bug).</summary>
    private sealed class FailingCoordinator(Func<Exception>? failure = null) : ISessionRefreshCoordinator
    {
        private Exception Down() => failure?.Invoke() ?? new SessionCoordinationUnavailableException("The coordination store is unreachable.");

        public ValueTask<SessionRefreshResult?> FindAsync(string refreshTokenKey, CancellationToken cancellationToken = default) =>
            ValueTask.FromException<SessionRefreshResult?>(Down());

        public ValueTask KeepAsync(string refreshTokenKey, SessionRefreshResult result, TimeSpan replayWindow, CancellationToken cancellationToken = default) =>
            ValueTask.FromException(Down());

        public Task<SessionRefreshResult> RefreshAsync(string refreshTokenKey, Func<Task<SessionRefreshResult>> refresh, CancellationToken cancellationToken = default) =>
            Task.FromException<SessionRefreshResult>(Down());

        public ValueTask<SessionRefreshResult?> WaitForReplacementAsync(string refreshTokenKey, CancellationToken cancellationToken = default) =>
            ValueTask.FromException<SessionRefreshResult?>(Down());
    }

    /// <summary>The library's coordinator, counting the requests it coordinates and the refreshes it lets run.</summary>
    private sealed class CountingCoordinator(ISessionRefreshCoordinator inner) : ISessionRefreshCoordinator
    {
        private int _calls;
        private int _runs;

        public int Calls => _calls;

        public int Runs => _runs;

        public ValueTask<SessionRefreshResult?> FindAsync(string refreshTokenKey, CancellationToken cancellationToken = default) =>
            inner.FindAsync(refreshTokenKey, cancellationToken);

        public ValueTask KeepAsync(string refreshTokenKey, SessionRefreshResult result, TimeSpan replayWindow, CancellationToken cancellationToken = default) =>
            inner.KeepAsync(refreshTokenKey, result, replayWindow, cancellationToken);

        public Task<SessionRefreshResult> RefreshAsync(string refreshTokenKey, Func<Task<SessionRefreshResult>> refresh, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref _calls);
            return inner.RefreshAsync(refreshTokenKey, () =>
            {
                Interlocked.Increment(ref _runs);
                return refresh();
            }, cancellationToken);
        }

        public ValueTask<SessionRefreshResult?> WaitForReplacementAsync(string refreshTokenKey, CancellationToken cancellationToken = default) =>
            inner.WaitForReplacementAsync(refreshTokenKey, cancellationToken);
    }
}

/// <summary>Holds refresh requests on their way to WorkOS until the test releases them; a cancelled request never arrives.</summary>
internal sealed class HeldRefreshes
{
    private readonly TaskCompletionSource _held = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes when the first refresh request is held.</summary>
    public Task Held => _held.Task;

    public void Release() => _released.TrySetResult();

    public DelegatingHandler CreateHandler() => new Handler(this);

    private sealed class Handler(HeldRefreshes owner) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (request.Content is { } content
                && (await content.ReadAsStringAsync(cancellationToken)).Contains("\"grant_type\":\"refresh_token\"", StringComparison.Ordinal))
            {
                owner._held.TrySetResult();
                await owner._released.Task.WaitAsync(cancellationToken);
            }

            return await base.SendAsync(request, cancellationToken);
        }
    }
}
