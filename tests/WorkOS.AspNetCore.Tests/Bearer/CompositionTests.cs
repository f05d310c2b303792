using System.Net;
using System.Net.Http.Json;
using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using WorkOS.AspNetCore.ApiKeys;
using WorkOS.AspNetCore.Bearer;
using WorkOS.AspNetCore.Claims;
using WorkOS.AspNetCore.Tests.Infrastructure;

namespace WorkOS.AspNetCore.Tests.Bearer;

/// <summary>
/// The documented setups: cookie sessions for pages with bearer tokens for <c>/api</c>, one endpoint accepting a
/// user's token or an API key, and the session cookie on the same endpoints when asked for. Also where the API
/// schemes find their settings.
/// </summary>
public sealed class CompositionTests
{
    private static readonly string[] TokenClaimTypes =
    [
        WorkOSClaimTypes.UserId, WorkOSClaimTypes.SessionId, WorkOSClaimTypes.OrganizationId, WorkOSClaimTypes.Role,
        WorkOSClaimTypes.Permission, WorkOSClaimTypes.Entitlement, WorkOSClaimTypes.FeatureFlag,
    ];

    [Fact]
    public async Task Cookie_for_pages_and_bearer_for_api_give_the_same_claims_and_api_never_redirects()
    {
        await using var app = await AuthKitTestApp.StartAsync(
            services: services => services.AddAuthentication().AddWorkOSBearer(),
            map: web =>
            {
                // The signed-in user's token, as a page would hand it to its SPA or a developer would copy it for curl.
                // (A block body, so the lambda is not taken for a RequestDelegate that drops the result.)
                web.MapGet("/token", async (HttpContext context) =>
                {
                    return await context.GetWorkOSAccessTokenAsync();
                }).RequireAuthorization();
                web.MapGet("/api/claims", (ClaimsPrincipal user) => Claims(user))
                    .RequireAuthorization(new AuthorizeAttribute { AuthenticationSchemes = WorkOSBearerDefaults.AuthenticationScheme });
            });
        using var browser = app.CreateBrowser();

        // Pages still sign in through AuthKit with the cookie.
        var anonymousPage = await browser.GetAsync("/protected");
        Assert.Equal(HttpStatusCode.Redirect, anonymousPage.StatusCode);
        await browser.SignInAsync("alice@acme.com");
        var cookieClaims = await browser.ClaimsAsync();

        // The API takes bearer tokens only: the cookie alone is a Bearer challenge, not a redirect to sign in.
        var cookieOnly = await browser.GetAsync("/api/claims");
        Assert.Equal(HttpStatusCode.Unauthorized, cookieOnly.StatusCode);
        Assert.Null(cookieOnly.Headers.Location);
        Assert.Equal("Bearer", cookieOnly.WwwAuthenticate());

        var token = await (await browser.GetAsync("/token")).Content.ReadAsStringAsync();
        Assert.StartsWith("eyJ", token, StringComparison.Ordinal);
        using var api = app.App.GetTestServer().CreateClient();
        api.DefaultRequestHeaders.Authorization = ChallengeAssertions.Bearer(token);
        var bearerClaims = await api.GetFromJsonAsync<Dictionary<string, string[]>>("/api/claims");

        // The bearer scheme found the client id and API base URL through the AuthKit scheme, and the claims match.
        foreach (var type in TokenClaimTypes)
        {
            Assert.Equal(cookieClaims.GetValueOrDefault(type, []), bearerClaims!.GetValueOrDefault(type, []));
        }

        Assert.Equal(["user_alice"], bearerClaims!["sub"]);
        Assert.Contains("posts:write", bearerClaims[WorkOSClaimTypes.Permission]);
    }

    [Fact]
    public async Task One_endpoint_accepts_a_user_token_or_an_api_key()
    {
        await using var app = await ApiTestApp.StartAsync(WorkOSBearerDefaults.ApiAuthenticationScheme);

        var user = await app.MeAsync(app.AliceToken());
        var keyAsBearer = await app.MeAsync("sk_acme_reports_emulator");
        var keyInHeader = await app.MeAsync(configure: r => r.Headers.Add("X-Api-Key", "sk_acme_reports_emulator"));

        Assert.Equal(WorkOSBearerDefaults.AuthenticationScheme, user.AuthenticationType);
        Assert.Equal(WorkOSApiKeyDefaults.AuthenticationScheme, keyAsBearer.AuthenticationType);
        Assert.Equal(WorkOSApiKeyDefaults.AuthenticationScheme, keyInHeader.AuthenticationType);
        Assert.Equal(["org_acme"], user.Values(WorkOSClaimTypes.OrganizationId));
        Assert.Equal(["org_acme"], keyAsBearer.Values(WorkOSClaimTypes.OrganizationId));

        // The same permission policy for both.
        Assert.Equal(HttpStatusCode.OK, (await app.GetAsync("/api/reports", app.AliceToken())).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await app.GetAsync("/api/reports", "sk_acme_reports_emulator")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await app.SendAsync(HttpMethod.Post, "/api/posts", app.AliceToken())).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await app.SendAsync(HttpMethod.Post, "/api/posts", "sk_acme_reports_emulator")).StatusCode);

        // No credential: the challenge asks for a bearer token. A bad one of either kind: 401 with the reason.
        Assert.Equal("Bearer", (await app.GetAsync("/api/me")).WwwAuthenticate());
        Assert.Equal("The API key is not valid.", (await app.GetAsync("/api/me", "sk_unknown")).AssertInvalidToken());
        var expired = app.AliceToken(TimeSpan.FromMinutes(1));
        app.Clock.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal("The access token has expired.", (await app.GetAsync("/api/me", expired)).AssertInvalidToken());

        // Only the API key went to WorkOS's validation endpoint; tokens never do.
        Assert.Equal(2, app.ValidationCalls);
    }

    [Fact]
    public async Task The_api_scheme_answers_503_when_WorkOS_cannot_check_a_new_key()
    {
        await using var app = await ApiTestApp.StartAsync(WorkOSBearerDefaults.ApiAuthenticationScheme);
        app.Emulator.InjectFault("POST", "/api_keys/validations", 500, count: -1);

        var response = await app.GetAsync("/api/me", "sk_acme_reports_emulator");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.StartsWith("Bearer error=\"temporarily_unavailable\"", response.WwwAuthenticate(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await app.GetAsync("/api/me", app.AliceToken())).StatusCode);
    }

    [Fact]
    public async Task With_a_session_scheme_the_same_endpoint_also_accepts_the_browser_session()
    {
        await using var app = await AuthKitTestApp.StartAsync(
            services: services => services.AddAuthentication().AddWorkOSApiSchemes(sessionScheme: WorkOSAuthKitDefaults.CookieScheme),
            map: web => web.MapGet("/api/who", (ClaimsPrincipal user) => $"{user.Identity!.AuthenticationType}:{user.GetOrganizationId()}")
                .RequireAuthorization(new AuthorizeAttribute { AuthenticationSchemes = WorkOSBearerDefaults.ApiAuthenticationScheme }));
        using var browser = app.CreateBrowser();
        await browser.SignInAsync("alice@acme.com");

        var viaCookie = await browser.GetAsync("/api/who");
        Assert.Equal(HttpStatusCode.OK, viaCookie.StatusCode);
        Assert.EndsWith(":org_acme", await viaCookie.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using var api = app.App.GetTestServer().CreateClient();
        api.DefaultRequestHeaders.Authorization = ChallengeAssertions.Bearer("sk_acme_reports_emulator");
        Assert.Equal($"{WorkOSApiKeyDefaults.AuthenticationScheme}:org_acme", await api.GetStringAsync("/api/who"));

        using var anonymous = app.App.GetTestServer().CreateClient();
        var challenge = await anonymous.GetAsync("/api/who");
        Assert.Equal(HttpStatusCode.Unauthorized, challenge.StatusCode);
        Assert.Equal("Bearer", challenge.WwwAuthenticate());
    }

    [Fact]
    public async Task Settings_bind_from_the_WorkOS_section_and_its_scheme_subsections()
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Development" });
        builder.WebHost.UseTestServer();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["WorkOS:ClientId"] = "client_from_config",
            ["WorkOS:ApiKey"] = "sk_from_config",
            ["WorkOS:ApiBaseUrl"] = "https://api.example.test",
            ["WorkOS:ValidIssuers:0"] = "https://issuer.example.test",
            ["WorkOS:Bearer:ClockSkew"] = "00:00:05",
            ["WorkOS:ApiKeys:HeaderName"] = "X-Customer-Key",
            ["WorkOS:ApiKeys:CacheDuration"] = "00:00:20",
        });
        builder.Services.AddAuthentication().AddWorkOSApiSchemes(configureApiKey: o => o.CacheSizeLimit = 42);
        await using var app = builder.Build();

        var bearer = app.Services.GetRequiredService<IOptionsMonitor<WorkOSBearerOptions>>().Get(WorkOSBearerDefaults.AuthenticationScheme);
        var apiKey = app.Services.GetRequiredService<IOptionsMonitor<WorkOSApiKeyOptions>>().Get(WorkOSApiKeyDefaults.AuthenticationScheme);

        Assert.Equal("client_from_config", bearer.ClientId);
        Assert.Equal("https://api.example.test", bearer.ApiBaseUrl);
        Assert.Equal(["https://issuer.example.test"], bearer.ValidIssuers);
        Assert.Equal(TimeSpan.FromSeconds(5), bearer.ClockSkew);
        Assert.Equal("sk_from_config", apiKey.ApiKey);
        Assert.Equal("X-Customer-Key", apiKey.HeaderName);
        Assert.Equal(TimeSpan.FromSeconds(20), apiKey.CacheDuration);
        Assert.Equal(42, apiKey.CacheSizeLimit);
    }

    [Fact]
    public async Task Missing_settings_fail_at_startup_with_what_to_set()
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
        builder.WebHost.UseTestServer();
        builder.Services.AddAuthentication().AddWorkOSApiSchemes(configureBearer: o => o.ApiBaseUrl = "http://api.example.test");
        await using var app = builder.Build();

        var thrown = await Assert.ThrowsAnyAsync<Exception>(() => app.StartAsync());
        var failures = (thrown is AggregateException aggregate ? aggregate.InnerExceptions : [thrown])
            .OfType<OptionsValidationException>().SelectMany(e => e.Failures).ToList();

        Assert.Contains(failures, f => f.Contains("WorkOS:ClientId", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.Contains("must use https", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.Contains("WorkOS:ApiKey", StringComparison.Ordinal));
    }

    private static Dictionary<string, string[]> Claims(ClaimsPrincipal user) =>
        user.Claims.GroupBy(c => c.Type).ToDictionary(g => g.Key, g => g.Select(c => c.Value).ToArray());
}
