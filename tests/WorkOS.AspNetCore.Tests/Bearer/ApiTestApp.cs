using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using WorkOS.AspNetCore.ApiKeys;
using WorkOS.AspNetCore.Bearer;
using WorkOS.AspNetCore.Claims;
using WorkOS.AspNetCore.Emulator;
using WorkOS.AspNetCore.Testing;
using WorkOS.AspNetCore.Tests.Infrastructure;

namespace WorkOS.AspNetCore.Tests.Bearer;

/// <summary>
/// An API on TestServer using the bearer, API key and combined schemes against an in-process emulator, with a manual
/// clock and a log sink. <paramref name="defaultScheme"/> decides which scheme authenticates. Endpoints:
/// <c>/api/me</c> (any authenticated caller; answers its claims), <c>/api/reports</c> (permission reports:view),
/// <c>/api/posts</c> (POST, permission posts:write), <c>/public</c>.
/// </summary>
public sealed class ApiTestApp : EmulatedTestApp
{
    private ApiTestApp(WebApplication app, WorkOSEmulator emulator, FakeTimeProvider clock, TestLogSink logs)
        : base(app, emulator, clock, logs)
    {
        Client = app.GetTestServer().CreateClient();
    }

    public HttpClient Client { get; }

    public static async Task<ApiTestApp> StartAsync(
        string defaultScheme = WorkOSBearerDefaults.ApiAuthenticationScheme,
        Action<WorkOSBearerOptions>? bearer = null,
        Action<WorkOSApiKeyOptions>? apiKey = null,
        Action<WorkOSEmulatorOptions>? configureEmulator = null,
        Action<WebApplication>? map = null,
        Action<IServiceCollection>? services = null)
    {
        var clock = TestClock.StartingNow();
        var emulator = WorkOSEmulator.CreateInProcess(options =>
        {
            options.TimeProvider = clock;
            configureEmulator?.Invoke(options);
        });
        var logs = new TestLogSink();
        var baseUrl = emulator.BaseUrl.ToString().TrimEnd('/');

        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Development" });
        builder.WebHost.UseTestServer();
        builder.Logging.ClearProviders().AddProvider(logs).SetMinimumLevel(LogLevel.Debug).AddFilter("WorkOS", LogLevel.Debug);
        builder.Services.AddSingleton<TimeProvider>(clock);
        builder.Services.AddAuthentication(defaultScheme).AddWorkOSApiSchemes(
            options =>
            {
                options.ClientId = emulator.ClientId;
                options.ApiBaseUrl = baseUrl;
                bearer?.Invoke(options);
            },
            options =>
            {
                options.ApiKey = emulator.ApiKey;
                options.ApiBaseUrl = baseUrl;
                apiKey?.Invoke(options);
            });
        builder.Services.AddHttpClient(WorkOSAuthKitDefaults.HttpClientName).ConfigurePrimaryHttpMessageHandler(emulator.CreateHandler);
        builder.Services.AddAuthorization(options =>
        {
            options.AddPolicy("reports:view", policy => policy.RequireClaim(WorkOSClaimTypes.Permission, "reports:view"));
            options.AddPolicy("posts:write", policy => policy.RequireClaim(WorkOSClaimTypes.Permission, "posts:write"));
        });

        services?.Invoke(builder.Services);
        var app = builder.Build();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapGet("/public", () => "public");
        app.MapGet("/api/me", (ClaimsPrincipal user) => Results.Json(new CallerInfo(
                user.Identity!.AuthenticationType!,
                user.Identity.Name,
                user.Claims.GroupBy(c => c.Type).ToDictionary(g => g.Key, g => g.Select(c => c.Value).ToArray()))))
            .RequireAuthorization();
        app.MapGet("/api/reports", () => "reports").RequireAuthorization("reports:view");
        app.MapPost("/api/posts", () => "created").RequireAuthorization("posts:write");
        map?.Invoke(app);
        await app.StartAsync();
        return new ApiTestApp(app, emulator, clock, logs);
    }

    /// <summary>A token the emulator signs for Alice, admin of Acme (posts:write, reports:view, ...).</summary>
    public string AliceToken(TimeSpan? lifetime = null, IDictionary<string, object>? extra = null)
    {
        var claims = TestTokens.AliceClaims();
        foreach (var (key, value) in extra ?? new Dictionary<string, object>())
        {
            claims[key] = value;
        }

        return Emulator.CreateAccessToken(claims, lifetime);
    }

    public Task<HttpResponseMessage> GetAsync(string path, string? bearer = null, Action<HttpRequestMessage>? configure = null) =>
        SendAsync(HttpMethod.Get, path, bearer, configure);

    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? bearer = null, Action<HttpRequestMessage>? configure = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (bearer is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + bearer);
        }

        configure?.Invoke(request);
        return await Client.SendAsync(request);
    }

    public async Task<CallerInfo> MeAsync(string? bearer = null, Action<HttpRequestMessage>? configure = null)
    {
        var response = await GetAsync("/api/me", bearer, configure);
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<CallerInfo>())!;
    }

    public int ValidationCalls => Emulator.CountRequests("POST", "/api_keys/validations");

    public int JwksFetches => Emulator.CountRequests("GET", "/sso/jwks/*");

    public override ValueTask DisposeAsync()
    {
        Client.Dispose();
        return base.DisposeAsync();
    }

    public sealed record CallerInfo(string AuthenticationType, string? Name, Dictionary<string, string[]> Claims)
    {
        public string[] Values(string type) => Claims.TryGetValue(type, out var values) ? values : [];
    }
}

/// <summary>What a client sees in an RFC 6750 challenge.</summary>
public static class ChallengeAssertions
{
    /// <summary>The single <c>WWW-Authenticate</c> value.</summary>
    public static string WwwAuthenticate(this HttpResponseMessage response)
    {
        var values = response.Headers.WwwAuthenticate.Select(h => h.ToString()).ToArray();
        Assert.Single(values);
        return values[0];
    }

    /// <summary>Asserts a 401 with <c>Bearer error="invalid_token"</c>, no redirect, and returns the description.</summary>
    public static string AssertInvalidToken(this HttpResponseMessage response)
    {
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Null(response.Headers.Location);
        var header = response.WwwAuthenticate();
        Assert.StartsWith("Bearer error=\"invalid_token\", error_description=\"", header, StringComparison.Ordinal);
        return header["Bearer error=\"invalid_token\", error_description=\"".Length..^1];
    }

    public static AuthenticationHeaderValue Bearer(string value) => new("Bearer", value);
}
