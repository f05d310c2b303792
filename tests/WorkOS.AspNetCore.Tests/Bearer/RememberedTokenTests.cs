using System.Net;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using WorkOS.AspNetCore.Bearer;
using WorkOS.AspNetCore.Session;

namespace WorkOS.AspNetCore.Tests.Bearer;

/// <summary>
/// A bearer token sent again is answered from the scheme's cache of verified tokens before the token handler runs,
/// and the request sees exactly what a fresh verification would give it: its own identity and properties, the app's
/// events, the saved token, and every re-check a remembered token owes (the revoked-session list, the exact token).
/// </summary>
public sealed class RememberedTokenTests
{
    private const string Scheme = WorkOSBearerDefaults.AuthenticationScheme;

    /// <summary>The framework's own line for a token its token handler verified (JwtBearerHandler, event 2).</summary>
    private const string FrameworkValidatedLine = "Successfully validated the token.";

    [Fact]
    public async Task A_token_sent_again_is_accepted_from_the_cache_without_the_token_handler_verifying_it_again()
    {
        await using var app = await ApiTestApp.StartAsync(Scheme,
            map: web => web.MapGet("/api/ticket", async (HttpContext context) =>
            {
                var result = await context.AuthenticateAsync(Scheme);
                return $"{result.Principal!.FindFirst("sub")!.Value} {result.Properties!.ExpiresUtc:O} {result.Properties.IssuedUtc:O}";
            }),
            services: services => services.AddLogging(logging => logging.AddFilter("Microsoft.AspNetCore.Authentication", LogLevel.Debug)));
        var token = app.AliceToken();

        var first = await (await app.GetAsync("/api/ticket", token)).Content.ReadAsStringAsync();
        var second = await (await app.GetAsync("/api/ticket", token)).Content.ReadAsStringAsync();

        Assert.StartsWith("user_alice ", first, StringComparison.Ordinal);
        Assert.Equal(first, second);
        Assert.Single(app.Logs.Entries, e => e.Message == FrameworkValidatedLine);
        Assert.Equal(2, app.Logs.Entries.Count(e => e.EventId.Id == 1403)); // "Bearer token accepted", on both requests
    }

    [Fact]
    public async Task What_one_request_does_to_its_user_is_not_seen_by_the_next_request_with_the_same_token()
    {
        var validations = 0;
        await using var app = await ApiTestApp.StartAsync(Scheme,
            bearer: o => o.Events.OnTokenValidated = context =>
            {
                if (Interlocked.Increment(ref validations) == 2) // the first request answered from the cache
                {
                    ((ClaimsIdentity)context.Principal!.Identity!).AddClaim(new Claim("tier", "gold"));
                    context.Principal.AddIdentity(new ClaimsIdentity([new Claim("event_identity", "1")]));
                }

                return Task.CompletedTask;
            },
            map: web =>
            {
                web.MapGet("/api/scribble", (ClaimsPrincipal user) =>
                {
                    var identity = (ClaimsIdentity)user.Identity!;
                    identity.AddClaim(new Claim("scribbled", "yes"));
                    identity.RemoveClaim(identity.FindFirst(c => c.Type == "permission" && c.Value == "posts:write"));
                    identity.FindFirst("sub")!.Properties["scribbled"] = "yes";
                    return "scribbled";
                });
                web.MapGet("/api/sub-properties", (ClaimsPrincipal user) => user.FindFirst("sub")!.Properties.Count.ToString(System.Globalization.CultureInfo.InvariantCulture));
            });
        var token = app.AliceToken();
        Assert.Equal(HttpStatusCode.OK, (await app.GetAsync("/api/me", token)).StatusCode);

        Assert.Equal("scribbled", await (await app.GetAsync("/api/scribble", token)).Content.ReadAsStringAsync());
        var next = await app.MeAsync(token);

        Assert.Equal(3, validations);
        Assert.Empty(next.Values("tier"));
        Assert.Empty(next.Values("event_identity"));
        Assert.Empty(next.Values("scribbled"));
        Assert.Contains("posts:write", next.Values("permission"));
        Assert.Equal("0", await (await app.GetAsync("/api/sub-properties", token)).Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_remembered_token_is_saved_for_GetTokenAsync_unless_SaveToken_is_off()
    {
        static void MapToken(WebApplication web) =>
            web.MapGet("/api/token", async (HttpContext context) => await context.GetTokenAsync(Scheme, "access_token") ?? "none");
        await using var saving = await ApiTestApp.StartAsync(Scheme, map: MapToken);
        await using var notSaving = await ApiTestApp.StartAsync(Scheme, map: MapToken,
            services: services => services.Configure<JwtBearerOptions>(Scheme, o => o.SaveToken = false));
        var token = saving.AliceToken();
        var other = notSaving.AliceToken();

        foreach (var _ in new[] { "verified", "remembered" })
        {
            Assert.Equal(token, await (await saving.GetAsync("/api/token", token)).Content.ReadAsStringAsync());
            Assert.Equal("none", await (await notSaving.GetAsync("/api/token", other)).Content.ReadAsStringAsync());
        }
    }

    [Fact]
    public async Task A_remembered_token_answers_503_once_the_revoked_session_list_cannot_be_read()
    {
        var revoked = new SwitchableRevokedSessions();
        await using var app = await ApiTestApp.StartAsync(Scheme, services: services => services.AddSingleton<IRevokedSessionStore>(revoked));
        var token = app.AliceToken();
        Assert.Equal(HttpStatusCode.OK, (await app.GetAsync("/api/me", token)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await app.GetAsync("/api/me", token)).StatusCode);

        revoked.Unreadable = true;
        var response = await app.GetAsync("/api/me", token);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("Bearer error=\"temporarily_unavailable\", error_description=\"The list of ended sessions could not be read.\"", response.WwwAuthenticate());
        Assert.Contains(app.Logs.Entries, e => e.EventId.Id == 1408);

        revoked.Unreadable = false;
        await revoked.RevokeAsync("session_test_alice", app.Clock.GetUtcNow().AddHours(1));
        Assert.Equal("The session of this access token has ended.", (await app.GetAsync("/api/me", token)).AssertInvalidToken());
    }

    [Fact]
    public async Task A_token_one_character_away_from_a_remembered_one_is_verified_and_refused()
    {
        await using var app = await ApiTestApp.StartAsync(Scheme);
        var token = app.AliceToken();
        Assert.Equal(HttpStatusCode.OK, (await app.GetAsync("/api/me", token)).StatusCode);

        var last = token[^1] == 'A' ? 'B' : 'A';
        var altered = string.Concat(token.AsSpan(0, token.Length - 1), new ReadOnlySpan<char>(in last));

        Assert.Equal(HttpStatusCode.Unauthorized, (await app.GetAsync("/api/me", altered)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.GetAsync("/api/me", token + "A")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await app.GetAsync("/api/me", token)).StatusCode);
    }

    private sealed class SwitchableRevokedSessions : IRevokedSessionStore
    {
        private readonly MemoryRevokedSessionStore _store = new(TimeProvider.System);

        public volatile bool Unreadable;

        public ValueTask RevokeAsync(string sessionId, DateTimeOffset until, CancellationToken cancellationToken = default) =>
            _store.RevokeAsync(sessionId, until, cancellationToken);

        public ValueTask<bool> IsRevokedAsync(string sessionId, CancellationToken cancellationToken = default) =>
            Unreadable ? ValueTask.FromException<bool>(new SessionCoordinationUnavailableException("The shared cache is down.")) : _store.IsRevokedAsync(sessionId, cancellationToken);

        public ValueTask MarkAsync(SessionMark mark, CancellationToken cancellationToken = default) => _store.MarkAsync(mark, cancellationToken);

        public ValueTask<SessionStanding> CheckAsync(SessionSubject subject, CancellationToken cancellationToken = default) =>
            Unreadable ? ValueTask.FromException<SessionStanding>(new SessionCoordinationUnavailableException("The shared cache is down.")) : _store.CheckAsync(subject, cancellationToken);
    }
}
