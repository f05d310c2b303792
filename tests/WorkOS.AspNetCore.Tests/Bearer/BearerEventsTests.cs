using System.Net;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using WorkOS.AspNetCore.Api;
using WorkOS.AspNetCore.Bearer;
using WorkOS.AspNetCore.Tests.Infrastructure;

namespace WorkOS.AspNetCore.Tests.Bearer;

/// <summary>The bearer scheme's events, and key fetches under concurrency.</summary>
public sealed class BearerEventsTests
{
    private const string Scheme = WorkOSBearerDefaults.AuthenticationScheme;

    [Fact]
    public async Task OnMessageReceived_can_take_the_token_from_the_query_string()
    {
        await using var app = await ApiTestApp.StartAsync(Scheme, bearer: o => o.Events.OnMessageReceived = context =>
        {
            if (context.Request.Path.StartsWithSegments("/api") && context.Request.Query["access_token"] is [{ } token])
            {
                context.Token = token;
            }

            return Task.CompletedTask;
        });

        Assert.Equal(HttpStatusCode.OK, (await app.GetAsync("/api/me?access_token=" + app.AliceToken())).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.GetAsync("/api/me?access_token=forged.token.value")).StatusCode);
    }

    [Fact]
    public async Task OnTokenValidated_can_add_claims_or_reject_the_token()
    {
        await using var app = await ApiTestApp.StartAsync(Scheme, bearer: o => o.Events.OnTokenValidated = context =>
        {
            Assert.StartsWith("eyJ", ((JsonWebToken)context.SecurityToken).EncodedToken, StringComparison.Ordinal);
            if (context.Principal!.FindFirst("sid")?.Value == "session_revoked_locally")
            {
                context.Fail("The session was revoked.");
            }
            else
            {
                ((ClaimsIdentity)context.Principal.Identity!).AddClaim(new Claim("tier", "gold"));
            }

            return Task.CompletedTask;
        });

        Assert.Equal(["gold"], (await app.MeAsync(app.AliceToken())).Values("tier"));
        var revoked = app.AliceToken(extra: new Dictionary<string, object> { ["sid"] = "session_revoked_locally" });
        Assert.Equal("The session was revoked.", (await app.GetAsync("/api/me", revoked)).AssertInvalidToken());
        Assert.Contains(app.Logs.Entries, e => e.EventId.Id == 1407);
    }

    [Fact]
    public async Task OnAuthenticationFailed_sees_the_exception_types_apps_know_from_JwtBearer()
    {
        var seen = new List<Type>();
        await using var app = await ApiTestApp.StartAsync(Scheme, bearer: o => o.Events.OnAuthenticationFailed = context =>
        {
            lock (seen)
            {
                seen.Add(context.Exception.GetType());
            }

            if (context.Exception is SecurityTokenExpiredException)
            {
                context.Response.Headers["X-Token-Expired"] = "true";
            }

            return Task.CompletedTask;
        });
        var expired = app.AliceToken(TimeSpan.FromMinutes(1));
        var claims = TestTokens.ForgeryClaims(app.Emulator, app.Clock);
        var forged = TestTokens.SignWithForeignKey(claims, app.Emulator.CurrentKeyId);
        app.Emulator.InjectFault("GET", "/sso/jwks/*", 503);
        var unavailable = await app.GetAsync("/api/me", app.AliceToken());
        app.Clock.Advance(TimeSpan.FromMinutes(2));

        var expiredResponse = await app.GetAsync("/api/me", expired);
        await app.GetAsync("/api/me", forged);
        await app.GetAsync("/api/me", TestTokens.Unsigned(claims, "none", "k"));
        await app.GetAsync("/api/me", "garbage");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, unavailable.StatusCode);
        Assert.Equal("true", expiredResponse.Headers.GetValues("X-Token-Expired").Single());
        Assert.Equal(
            [typeof(WorkOSApiException), typeof(SecurityTokenExpiredException), typeof(SecurityTokenInvalidSignatureException),
                typeof(SecurityTokenInvalidAlgorithmException), typeof(SecurityTokenMalformedException)],
            seen);
    }

    [Fact]
    public async Task OnAuthenticationFailed_can_let_the_request_through_anonymously()
    {
        await using var app = await ApiTestApp.StartAsync(Scheme, bearer: o => o.Events.OnAuthenticationFailed = context =>
        {
            context.NoResult();
            return Task.CompletedTask;
        });

        var response = await app.GetAsync("/api/me", "garbage");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Bearer", response.WwwAuthenticate());
    }

    [Fact]
    public async Task OnAuthenticationFailed_hears_of_a_malformed_header_and_can_let_it_through_anonymously()
    {
        var seen = new List<Exception>();
        await using var app = await ApiTestApp.StartAsync(Scheme, bearer: o => o.Events.OnAuthenticationFailed = context =>
        {
            seen.Add(context.Exception);
            if (context.Request.Headers.ContainsKey("X-Anonymous"))
            {
                context.NoResult();
            }

            return Task.CompletedTask;
        });

        var refused = await app.GetAsync("/api/me", configure: r => r.Headers.TryAddWithoutValidation("Authorization", "Bearer"));
        var anonymous = await app.GetAsync("/api/me", configure: r =>
        {
            r.Headers.TryAddWithoutValidation("Authorization", "Bearer");
            r.Headers.Add("X-Anonymous", "1");
        });

        Assert.Equal("The Authorization header must be a single 'Bearer <token>'.", refused.AssertInvalidToken());
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal("Bearer", anonymous.WwwAuthenticate());
        Assert.Equal(2, seen.Count);
        Assert.All(seen, e => Assert.IsType<SecurityTokenMalformedException>(e));
    }

    [Fact]
    public async Task The_scheme_is_JwtBearer_and_its_options_can_be_adjusted_under_the_scheme_name()
    {
        await using var app = await ApiTestApp.StartAsync(Scheme, services: services =>
            services.Configure<JwtBearerOptions>(Scheme, o => o.IncludeErrorDetails = false));

        var refused = await app.GetAsync("/api/me", "garbage");

        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal("Bearer", refused.WwwAuthenticate());
        Assert.Equal(HttpStatusCode.OK, (await app.GetAsync("/api/me", app.AliceToken())).StatusCode);
        var schemes = app.App.Services.GetRequiredService<IAuthenticationSchemeProvider>();
        Assert.Equal(typeof(JwtBearerHandler), (await schemes.GetSchemeAsync(Scheme))!.HandlerType);
    }

    [Fact]
    public async Task An_events_type_is_refused_at_startup_with_what_to_set_instead()
    {
        var thrown = await Assert.ThrowsAnyAsync<Exception>(() => ApiTestApp.StartAsync(Scheme, bearer: o => o.EventsType = typeof(JwtBearerEvents)));

        var failures = (thrown is AggregateException aggregate ? aggregate.InnerExceptions : [thrown])
            .OfType<OptionsValidationException>().SelectMany(e => e.Failures);
        Assert.Contains(failures, f => f.Contains("EventsType is not supported: set Events", StringComparison.Ordinal));
    }

    [Fact]
    public async Task OnChallenge_can_change_the_error_or_write_its_own_response()
    {
        await using var app = await ApiTestApp.StartAsync(Scheme, bearer: o => o.Events.OnChallenge = async context =>
        {
            if (context.Request.Headers.ContainsKey("X-Custom"))
            {
                context.HandleResponse();
                context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                await context.Response.WriteAsync($"custom:{context.Error}:{context.AuthenticateFailure?.GetType().Name}");
            }
            else
            {
                context.ErrorDescription = "Sign in again.";
            }
        });

        Assert.Equal("Sign in again.", (await app.GetAsync("/api/me", "garbage")).AssertInvalidToken());
        var custom = await app.GetAsync("/api/me", "garbage", r => r.Headers.Add("X-Custom", "1"));
        Assert.Equal("custom:invalid_token:SecurityTokenMalformedException", await custom.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Concurrent_requests_with_a_rotated_in_key_share_one_key_fetch()
    {
        await using var app = await ApiTestApp.StartAsync(Scheme);
        Assert.Equal(HttpStatusCode.OK, (await app.GetAsync("/api/me", app.AliceToken())).StatusCode);
        app.Emulator.RotateSigningKey();
        app.Emulator.InjectFault("GET", "/sso/jwks/*", 0, latency: TimeSpan.FromMilliseconds(300));
        var token = app.AliceToken();

        var responses = await app.Emulator.ReleasingLatencyAsync(app.Clock, TimeSpan.FromMilliseconds(300), "GET", "/sso/jwks/*",
            Task.WhenAll(Enumerable.Range(0, 30).Select(_ => app.GetAsync("/api/me", token))));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Equal(2, app.JwksFetches);
    }
}
