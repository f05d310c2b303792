using System.Net.Http.Json;
using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using WorkOS.AspNetCore.Claims;
using WorkOS.AspNetCore.Connect;
using WorkOS.AspNetCore.Emulator;
using WorkOS.AspNetCore.Testing;
using WorkOS.AspNetCore.Tests.Infrastructure;

namespace WorkOS.AspNetCore.Tests.Connect;

/// <summary>
/// An API on TestServer with the Connect scheme against an in-process emulator playing the AuthKit domain, with a
/// manual clock and a log sink, and one seeded M2M application (<see cref="M2MClientId"/>, scopes posts:read and
/// posts:write, organization org_acme). Endpoints: <c>/api/me</c> (any token; its claims), <c>/api/posts</c> (POST,
/// scope posts:write), <c>/api/admin</c> (attribute, scope admin), <c>/api/revocable</c> (introspected).
/// </summary>
public sealed class ConnectTestApp : EmulatedTestApp
{
    public const string M2MClientId = "client_reports_job";
    public const string M2MSecret = "m2m-secret-value";
    public const string Audience = "client_connect_api";

    private ConnectTestApp(WebApplication app, WorkOSEmulator emulator, FakeTimeProvider clock, TestLogSink logs)
        : base(app, emulator, clock, logs)
    {
        Client = app.GetTestServer().CreateClient();
    }

    public HttpClient Client { get; }

    public static async Task<ConnectTestApp> StartAsync(Action<WorkOSConnectOptions>? connect = null, Action<IServiceCollection>? services = null,
        Func<HttpMessageHandler, HttpMessageHandler>? upstream = null, Action<WebApplication>? endpoints = null)
    {
        var clock = TestClock.StartingNow();
        var emulator = WorkOSEmulator.CreateInProcess(options =>
        {
            options.TimeProvider = clock;
            options.Seed.AddM2MApplication(new SeedM2MApplication
            {
                ClientId = M2MClientId,
                ClientSecret = M2MSecret,
                OrganizationId = "org_acme",
                Scopes = ["posts:read", "posts:write"],
            });
        });
        var logs = new TestLogSink();
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Development" });
        builder.WebHost.UseTestServer();
        builder.Logging.ClearProviders().AddProvider(logs).SetMinimumLevel(LogLevel.Debug);
        builder.Services.AddSingleton<TimeProvider>(clock);
        builder.Services.AddAuthentication(WorkOSConnectDefaults.AuthenticationScheme).AddWorkOSConnectBearer(options =>
        {
            options.Domain = emulator.ConnectDomain;
            options.Audiences.Add(Audience);
            options.Audiences.Add(emulator.ClientId); // M2M tokens are issued for the environment's client id
            options.ScopesSupported.Add("posts:read");
            options.ScopesSupported.Add("posts:write");
            options.IntrospectionClientId = M2MClientId;
            options.IntrospectionClientSecret = M2MSecret;
            connect?.Invoke(options);
        });
        builder.Services.AddHttpClient(WorkOSAuthKitDefaults.HttpClientName)
            .ConfigurePrimaryHttpMessageHandler(() => upstream is null ? emulator.CreateHandler() : upstream(emulator.CreateHandler()));
        builder.Services.AddAuthorizationBuilder().AddPolicy("posts:write", policy => policy.RequireWorkOSScope("posts:write"));
        services?.Invoke(builder.Services);
        var app = builder.Build();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapWorkOSProtectedResourceMetadata();
        app.MapGet("/api/me", (ClaimsPrincipal user) => Results.Json(new Caller(user.IsWorkOSMachineToken(),
                user.Claims.GroupBy(c => c.Type).ToDictionary(g => g.Key, g => g.Select(c => c.Value).ToArray()))))
            .RequireAuthorization();
        app.MapPost("/api/posts", () => "created").RequireAuthorization("posts:write");
        app.MapGet("/api/admin", [RequireWorkOSScope("admin")] () => "admin");
        app.MapGet("/api/revocable", () => "fresh").RequireAuthorization().RequireWorkOSIntrospection();
        endpoints?.Invoke(app);
        await app.StartAsync();
        return new ConnectTestApp(app, emulator, clock, logs);
    }

    /// <summary>A token from the emulator's <c>/oauth2/token</c> (client credentials, post authentication).</summary>
    public async Task<string> M2MTokenAsync(string? scope = null, string? resource = null)
    {
        using var http = Emulator.CreateClient();
        var form = new Dictionary<string, string> { ["grant_type"] = "client_credentials", ["client_id"] = M2MClientId, ["client_secret"] = M2MSecret };
        if (scope is not null)
        {
            form["scope"] = scope;
        }

        if (resource is not null)
        {
            form["resource"] = resource;
        }

        using var response = await http.PostAsync("/oauth2/token", new FormUrlEncodedContent(form));
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<Dictionary<string, System.Text.Json.JsonElement>>();
        return body!["access_token"].GetString()!;
    }

    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? bearer)
    {
        using var request = new HttpRequestMessage(method, path);
        if (bearer is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + bearer);
        }

        return await Client.SendAsync(request);
    }

    public Task<HttpResponseMessage> GetAsync(string path, string? bearer = null) => SendAsync(HttpMethod.Get, path, bearer);

    public async Task<Caller> MeAsync(string bearer)
    {
        using var response = await GetAsync("/api/me", bearer);
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<Caller>())!;
    }

    public int DiscoveryFetches => Emulator.CountRequests("GET", "/.well-known/openid-configuration");

    public int JwksFetches => Emulator.CountRequests("GET", "/oauth2/jwks");

    public int Introspections => Emulator.CountRequests("POST", "/oauth2/introspection");

    public bool Logged(int eventId) => Logs.Entries.Any(e => e.EventId.Id == eventId);

    public override ValueTask DisposeAsync()
    {
        Client.Dispose();
        return base.DisposeAsync();
    }

    public sealed record Caller(bool Machine, Dictionary<string, string[]> Claims)
    {
        public string[] Values(string type) => Claims.TryGetValue(type, out var values) ? values : [];
    }
}
