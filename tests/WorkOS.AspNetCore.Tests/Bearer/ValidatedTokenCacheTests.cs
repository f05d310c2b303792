using System.Net.Http.Json;
using System.Net;
using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using WorkOS.AspNetCore.Bearer;
using WorkOS.AspNetCore.Session;
using WorkOS.AspNetCore.Tests.Infrastructure;

namespace WorkOS.AspNetCore.Tests.Bearer;

/// <summary>
/// The cache of verified bearer tokens: a remembered token is accepted no longer than a fresh check would accept it
/// (its expiry on the app's clock, the revoked-session list), and the cache stays within its size.
/// </summary>
public sealed class ValidatedTokenCacheTests
{
    private const string Scheme = WorkOSBearerDefaults.AuthenticationScheme;

    [Fact]
    public async Task A_remembered_token_is_refused_once_it_expires_on_the_app_clock()
    {
        await using var app = await ApiTestApp.StartAsync(Scheme);
        var token = app.AliceToken(TimeSpan.FromMinutes(2));
        Assert.Equal(HttpStatusCode.OK, (await app.GetAsync("/api/me", token)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await app.GetAsync("/api/me", token)).StatusCode);

        app.Clock.Advance(TimeSpan.FromMinutes(2) + TimeSpan.FromSeconds(31)); // past exp and the 30 s clock skew

        Assert.Equal("The access token has expired.", (await app.GetAsync("/api/me", token)).AssertInvalidToken());
    }

    [Fact]
    public async Task A_bearer_token_of_a_signed_out_session_is_refused_whether_or_not_it_was_seen_before()
    {
        await using var app = await AuthKitTestApp.StartAsync(
            services: services => services.AddAuthentication().AddWorkOSBearer(),
            map: web =>
            {
                web.MapGet("/token", async (HttpContext context) =>
                {
                    return await context.GetWorkOSAccessTokenAsync();
                }).RequireAuthorization();
                web.MapGet("/api/who", (ClaimsPrincipal user) => user.FindFirst("sub")!.Value)
                    .RequireAuthorization(new AuthorizeAttribute { AuthenticationSchemes = Scheme });
            });
        using var browser = app.CreateBrowser();
        await browser.SignInAsync("alice@acme.com");
        var token = await (await browser.GetAsync("/token")).Content.ReadAsStringAsync();
        var sid = new JsonWebToken(token).GetPayloadValue<string>("sid");
        using var api = app.App.GetTestServer().CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(api, token)).StatusCode);

        Assert.Equal(HttpStatusCode.Redirect, (await browser.SubmitFormAsync("/auth/sign-out", new Dictionary<string, string>())).StatusCode);

        // The token seen before sign-out, and another token of the same session never seen.
        Assert.Equal("The session of this access token has ended.", (await SendAsync(api, token)).AssertInvalidToken());
        var unseen = app.Emulator.CreateAccessToken(new Dictionary<string, object> { ["sub"] = "user_alice", ["sid"] = sid });
        Assert.Equal("The session of this access token has ended.", (await SendAsync(api, unseen)).AssertInvalidToken());
        Assert.Contains(app.Logs.Entries, e => e.EventId.Id == 1402 && e.Message.StartsWith("Bearer token refused (session_ended)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_revoked_session_list_that_cannot_be_read_answers_503_not_a_signed_in_caller()
    {
        await using var app = await ApiTestApp.StartAsync(Scheme, services: services => services.AddSingleton<IRevokedSessionStore, UnreadableRevokedSessions>());

        var response = await app.GetAsync("/api/me", app.AliceToken());

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("Bearer error=\"temporarily_unavailable\", error_description=\"The list of ended sessions could not be read.\"", response.WwwAuthenticate());
        Assert.Equal(503, (await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("status").GetInt32());
        Assert.Contains(app.Logs.Entries, e => e.EventId.Id == 1408);
    }

    [Fact]
    public void A_full_cache_keeps_what_it_holds_and_adds_nothing_more()
    {
        var clock = TestClock.StartingNow();
        using var cache = new ValidatedTokenCache(2, clock);

        cache.Add("token-a", Entry(clock));
        cache.Add("token-b", Entry(clock));
        cache.Add("token-c", Entry(clock));

        Assert.True(cache.TryGet("token-a", out _));
        Assert.True(cache.TryGet("token-b", out _));
        Assert.False(cache.TryGet("token-c", out _));
        Assert.False(cache.TryGet("token-d", out _));
    }

    [Fact]
    public void An_already_expired_token_is_not_remembered()
    {
        var clock = TestClock.StartingNow();
        using var cache = new ValidatedTokenCache(10, clock);

        cache.Add("token-a", Entry(clock, TimeSpan.Zero));
        cache.Add("token-b", Entry(clock, TimeSpan.FromMinutes(1)));
        clock.Advance(TimeSpan.FromMinutes(1));

        Assert.False(cache.TryGet("token-a", out _));
        Assert.False(cache.TryGet("token-b", out _));
    }

    [Fact]
    public void A_remembered_entry_is_only_for_the_identical_token_and_comes_back_with_it()
    {
        var clock = TestClock.StartingNow();
        using var cache = new ValidatedTokenCache(10, clock);
        var entry = Entry(clock);
        cache.Add("token-a", entry);

        Assert.True(cache.TryGet("xtoken-a".AsSpan(1), out var found, out var remembered));
        Assert.Same(entry, found);
        Assert.Equal("token-a", remembered);
        Assert.False(cache.TryGet("token-A", out _));
        Assert.False(cache.TryGet("token-a ", out _));
        Assert.False(cache.TryGet("token-", out _));

        cache.Remove("token-b");
        Assert.True(cache.TryGet("token-a", out _));
        cache.Remove("token-a");
        Assert.False(cache.TryGet("token-a", out _));
    }

    private static ValidatedToken Entry(FakeTimeProvider clock, TimeSpan? lifetime = null) =>
        new(new JsonWebToken("eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln"), new ClaimsIdentity(), new JsonWebKeySet(), null,
            clock.GetUtcNow() + (lifetime ?? TimeSpan.FromMinutes(5)));

    private static async Task<HttpResponseMessage> SendAsync(HttpClient api, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/who");
        request.Headers.Authorization = ChallengeAssertions.Bearer(token);
        return await api.SendAsync(request);
    }

    private sealed class UnreadableRevokedSessions : IRevokedSessionStore
    {
        public ValueTask RevokeAsync(string sessionId, DateTimeOffset until, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;

        public ValueTask<bool> IsRevokedAsync(string sessionId, CancellationToken cancellationToken = default) =>
            ValueTask.FromException<bool>(new SessionCoordinationUnavailableException("The shared cache is down."));

        public ValueTask MarkAsync(SessionMark mark, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;

        public ValueTask<SessionStanding> CheckAsync(SessionSubject subject, CancellationToken cancellationToken = default) =>
            ValueTask.FromException<SessionStanding>(new SessionCoordinationUnavailableException("The shared cache is down."));
    }
}
