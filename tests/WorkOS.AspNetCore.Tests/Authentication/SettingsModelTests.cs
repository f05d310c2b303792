using System.Net;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using WorkOS.AspNetCore.Api;
using WorkOS.AspNetCore.Authentication;
using WorkOS.AspNetCore.ApiKeys;
using WorkOS.AspNetCore.Bearer;
using WorkOS.AspNetCore.Emulator;
using WorkOS.AspNetCore.Session;
using WorkOS.AspNetCore.Testing;
using WorkOS.AspNetCore.Tests.Authorization;
using WorkOS.AspNetCore.Tests.Bearer;
using WorkOS.AspNetCore.Tests.Infrastructure;

namespace WorkOS.AspNetCore.Tests.Authentication;

/// <summary>
/// One settings model: the client settings are bound once (the <c>WorkOS</c> section, then the <c>WORKOS_*</c>
/// entries of the configuration) and every scheme and service reads them, whatever the schemes are named and in
/// whatever order they were added; a scheme's own values override them for that scheme.
/// </summary>
public sealed class SettingsModelTests
{
    /// <summary>A customer's API key the default emulator seed knows (owner org_acme).</summary>
    private const string CustomerKey = "sk_acme_reports_emulator";

    [Fact]
    public async Task Workos_variables_in_configuration_reach_AuthKit_the_api_schemes_and_fga()
    {
        await using var emulator = WorkOSEmulator.CreateInProcess();
        await using var app = await StartAsync(emulator, Variables(emulator), (services, _) =>
        {
            services.AddWorkOSAuthKit();
            services.AddAuthentication().AddWorkOSApiSchemes();
            services.AddWorkOSAuthorization();
        });
        using var browser = TestBrowser.Create(app.GetTestServer().CreateHandler(), emulator, new Uri("http://localhost/"));
        using var api = app.GetTestClient();

        await browser.SignInAsync("alice@acme.com");
        var page = await browser.GetAsync("/protected");
        var token = await SendAsync(api, "/api/me", bearer: emulator.CreateAccessToken(TestTokens.AliceClaims()));
        var key = await SendAsync(api, "/api/me", apiKey: CustomerKey);
        var check = await SendAsync(api, "/api/reports/q3-revenue", bearer: emulator.CreateAccessToken(AuthorizationTestApp.BobClaims()));

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal(HttpStatusCode.OK, token.StatusCode);
        Assert.Equal(HttpStatusCode.OK, key.StatusCode);
        Assert.Equal(HttpStatusCode.OK, check.StatusCode);
        Assert.Equal(1, emulator.CountRequests("POST", "/authorization/organization_memberships/om_bob_acme/check"));
        Assert.Equal(1, emulator.CountRequests("GET", "/sso/jwks/" + emulator.ClientId));
    }

    [Fact]
    public async Task The_WorkOS_section_beats_the_variables_code_beats_the_section_and_a_scheme_override_beats_both()
    {
        await using var emulator = WorkOSEmulator.CreateInProcess();
        var settings = new Dictionary<string, string?>
        {
            ["WORKOS_CLIENT_ID"] = "client_from_variable",
            ["WORKOS_API_KEY"] = "sk_from_variable",
            ["WORKOS_API_HOSTNAME"] = "api.variable.test",
            ["WorkOS:ClientId"] = "client_from_section",
            ["WorkOS:ApiKey"] = "sk_from_section",
            ["WorkOS:ApiBaseUrl"] = BaseUrl(emulator),
            ["WorkOS:Bearer:ClientId"] = emulator.ClientId,
        };
        await using var app = await StartAsync(emulator, settings, (services, configuration) =>
        {
            // Registered before the library: code still wins over the section.
            services.Configure<WorkOSClientOptions>(options => options.ApiKey = emulator.ApiKey);
            services.AddWorkOSAuthKit(configuration, options => options.ClientId = emulator.ClientId);
            services.AddAuthentication().AddWorkOSApiSchemes();
        });
        using var browser = TestBrowser.Create(app.GetTestServer().CreateHandler(), emulator, new Uri("http://localhost/"));
        using var api = app.GetTestClient();

        await browser.SignInAsync("alice@acme.com");
        var page = await browser.GetAsync("/protected");
        var token = await SendAsync(api, "/api/me", bearer: emulator.CreateAccessToken(TestTokens.AliceClaims()));
        var key = await SendAsync(api, "/api/me", apiKey: CustomerKey);
        var sessions = await app.Services.GetRequiredService<WorkOSSessionService>().ListAsync("user_alice");

        // AuthKit and the bearer scheme use their own client id, the emulator's; nothing asked for the section's.
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal(HttpStatusCode.OK, token.StatusCode);
        Assert.Equal(1, emulator.CountRequests("GET", "/sso/jwks/" + emulator.ClientId));
        Assert.DoesNotContain(emulator.Requests, r => r.Path.Contains("client_from", StringComparison.Ordinal));

        // The API key set in code, not the section's or the variable's, authorizes the calls; the base URL is the section's.
        Assert.Equal(HttpStatusCode.OK, key.StatusCode);
        Assert.NotEmpty(sessions);
    }

    public enum Order
    {
        ApiSchemesFirst,
        AuthKitFirst,
        NoAuthKit,
    }

    [Theory]
    [InlineData(Order.ApiSchemesFirst)]
    [InlineData(Order.AuthKitFirst)]
    [InlineData(Order.NoAuthKit)]
    public async Task Api_schemes_get_the_same_settings_added_before_after_or_without_AuthKit(Order order)
    {
        await using var emulator = WorkOSEmulator.CreateInProcess();
        await using var app = await StartAsync(emulator, Variables(emulator), (services, _) =>
        {
            if (order == Order.AuthKitFirst)
            {
                services.AddWorkOSAuthKit();
            }

            services.AddAuthentication().AddWorkOSBearer().AddWorkOSApiKey();
            services.AddAuthentication().AddPolicyScheme(WorkOSBearerDefaults.ApiAuthenticationScheme, null, options =>
                options.ForwardDefaultSelector = context => context.Request.Headers.ContainsKey("X-Api-Key")
                    ? WorkOSApiKeyDefaults.AuthenticationScheme
                    : WorkOSBearerDefaults.AuthenticationScheme);
            if (order == Order.ApiSchemesFirst)
            {
                services.AddWorkOSAuthKit();
            }
        });
        using var api = app.GetTestClient();

        var token = await SendAsync(api, "/api/me", bearer: emulator.CreateAccessToken(TestTokens.AliceClaims()));
        var key = await SendAsync(api, "/api/me", apiKey: CustomerKey);

        Assert.Equal(HttpStatusCode.OK, token.StatusCode);
        Assert.Equal(HttpStatusCode.OK, key.StatusCode);
        Assert.Equal(1, emulator.CountRequests("GET", "/sso/jwks/" + emulator.ClientId));
        Assert.Equal(1, emulator.CountRequests("POST", "/api_keys/validations"));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task The_in_process_emulator_takes_over_every_scheme_added_before_or_after_it(bool emulatorFirst)
    {
        await using var app = await StartAsync(emulator: null, new Dictionary<string, string?>(), (services, _) =>
        {
            if (emulatorFirst)
            {
                services.AddWorkOSInProcessEmulator();
            }

            // Production values set in code on every scheme: a test must still never reach WorkOS with them.
            services.AddWorkOSAuthKit(options =>
            {
                options.ClientId = "client_production";
                options.ApiKey = "sk_production";
                options.ApiBaseUrl = "https://api.workos.com";
            });
            services.AddAuthentication().AddWorkOSApiSchemes(
                bearer => (bearer.ClientId, bearer.ApiBaseUrl) = ("client_production", "https://api.workos.com"),
                apiKey => (apiKey.ApiKey, apiKey.ApiBaseUrl) = ("sk_production", "https://api.workos.com"));
            if (!emulatorFirst)
            {
                services.AddWorkOSInProcessEmulator();
            }
        }, environment: "Production");
        var emulator = app.Services.GetRequiredService<WorkOSEmulator>();
        using var browser = TestBrowser.Create(app.GetTestServer().CreateHandler(), emulator, new Uri("https://localhost/"));
        using var api = app.GetTestClient();

        await browser.SignInAsync("alice@acme.com");
        var page = await browser.GetAsync("/protected");
        var token = await SendAsync(api, "/api/me", bearer: emulator.CreateAccessToken(TestTokens.AliceClaims()));
        var key = await SendAsync(api, "/api/me", apiKey: CustomerKey);

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal(HttpStatusCode.OK, token.StatusCode);
        Assert.Equal(HttpStatusCode.OK, key.StatusCode);
        Assert.DoesNotContain(emulator.Requests, r => r.Path.Contains("client_production", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AuthKit_under_custom_names_signs_in_and_the_api_schemes_and_session_service_find_the_client_settings()
    {
        await using var emulator = WorkOSEmulator.CreateInProcess();
        await using var app = await StartAsync(emulator, Section(emulator), (services, _) =>
        {
            services.AddAuthentication(options =>
                {
                    options.DefaultScheme = "CorpCookie";
                    options.DefaultChallengeScheme = "Corp";
                })
                .AddWorkOSAuthKit("Corp", "CorpCookie")
                .AddWorkOSApiSchemes();
        }, authKitScheme: "Corp");
        using var browser = TestBrowser.Create(app.GetTestServer().CreateHandler(), emulator, new Uri("http://localhost/"));
        using var api = app.GetTestClient();
        var sessionService = app.Services.GetRequiredService<WorkOSSessionService>();

        await browser.SignInAsync("alice@acme.com");
        var signedIn = await browser.GetAsync("/protected");
        var token = await SendAsync(api, "/api/me", bearer: emulator.CreateAccessToken(TestTokens.AliceClaims()));
        var key = await SendAsync(api, "/api/me", apiKey: CustomerKey);
        var sessions = await sessionService.ListAsync("user_alice");
        await sessionService.RevokeAsync(sessions[0].Id);
        var afterRevocation = await browser.GetAsync("/protected");

        Assert.Equal(HttpStatusCode.OK, signedIn.StatusCode);
        Assert.Equal(HttpStatusCode.OK, token.StatusCode);
        Assert.Equal(HttpStatusCode.OK, key.StatusCode);
        Assert.Single(emulator.Requests, r => r.Path == "/user_management/sessions/revoke" && r.StatusCode == 200);
        Assert.Equal(HttpStatusCode.Redirect, afterRevocation.StatusCode);
    }

    [Fact]
    public async Task A_bearer_only_app_runs_fga_checks_with_client_settings_set_in_code()
    {
        await using var emulator = WorkOSEmulator.CreateInProcess();
        await using var app = await StartAsync(emulator, new Dictionary<string, string?>(), (services, _) =>
        {
            services.Configure<WorkOSClientOptions>(options =>
            {
                options.ClientId = emulator.ClientId;
                options.ApiKey = emulator.ApiKey;
                options.ApiBaseUrl = BaseUrl(emulator);
            });
            services.AddAuthentication().AddWorkOSBearer();
            services.AddAuthentication().AddPolicyScheme(WorkOSBearerDefaults.ApiAuthenticationScheme, null,
                options => options.ForwardDefault = WorkOSBearerDefaults.AuthenticationScheme);
            services.AddWorkOSAuthorization();
        });
        using var api = app.GetTestClient();

        var allowed = await SendAsync(api, "/api/reports/q3-revenue", bearer: emulator.CreateAccessToken(AuthorizationTestApp.BobClaims()));

        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        Assert.Equal(1, emulator.CountRequests("POST", "/authorization/organization_memberships/om_bob_acme/check"));
    }

    [Fact]
    public async Task A_rotated_api_key_reaches_the_api_key_scheme_fga_and_the_session_service_after_a_configuration_reload()
    {
        await using var emulator = WorkOSEmulator.CreateInProcess();
        var settings = Section(emulator);
        settings["WorkOS:ApiKey"] = "sk_rotated_out";
        IConfigurationRoot? configuration = null;
        await using var app = await StartAsync(emulator, settings, (services, config) =>
        {
            configuration = (IConfigurationRoot)config;
            services.AddWorkOSAuthKit(config);
            services.AddAuthentication().AddWorkOSApiSchemes();
            services.AddWorkOSAuthorization();
        });
        using var api = app.GetTestClient();
        var sessionService = app.Services.GetRequiredService<WorkOSSessionService>();
        var bob = emulator.CreateAccessToken(AuthorizationTestApp.BobClaims());

        var checkBefore = await SendAsync(api, "/api/reports/q3-revenue", bearer: bob);
        var keyBefore = await SendAsync(api, "/api/me", apiKey: CustomerKey);
        await Assert.ThrowsAsync<WorkOSApiException>(() => sessionService.ListAsync("user_alice"));

        configuration!["WorkOS:ApiKey"] = emulator.ApiKey;
        configuration.Reload();
        var checkAfter = await SendAsync(api, "/api/reports/q3-revenue", bearer: bob);
        var key = await SendAsync(api, "/api/me", apiKey: CustomerKey);
        await sessionService.ListAsync("user_alice");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, checkBefore.StatusCode);
        Assert.NotEqual(HttpStatusCode.OK, keyBefore.StatusCode);
        Assert.Equal(HttpStatusCode.OK, checkAfter.StatusCode);
        Assert.Equal(HttpStatusCode.OK, key.StatusCode);
        Assert.Equal(200, emulator.Requests.Last(r => r.Path == "/user_management/users/user_alice/sessions").StatusCode);
    }

    [Fact]
    public void Workos_redirect_uri_in_configuration_reaches_AuthKit_whatever_its_names()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["WORKOS_CLIENT_ID"] = "client_1",
            ["WORKOS_API_KEY"] = "sk_test_1",
            ["WORKOS_REDIRECT_URI"] = "https://app.example.com/auth/callback",
        }).Build());
        services.AddWorkOSAuthKit();
        services.AddAuthentication().AddWorkOSAuthKit("Corp", "CorpCookie", options => { }).AddWorkOSAuthKit("Own", "OwnCookie",
            options => options.RedirectUri = "https://own.example.com/auth/callback");
        using var provider = services.BuildServiceProvider();
        var options = provider.GetRequiredService<Microsoft.Extensions.Options.IOptionsMonitor<WorkOSAuthKitOptions>>();

        Assert.Equal("https://app.example.com/auth/callback", options.Get(WorkOSAuthKitDefaults.AuthenticationScheme).RedirectUri);
        Assert.Equal("https://app.example.com/auth/callback", options.Get("Corp").RedirectUri);
        Assert.Equal("https://own.example.com/auth/callback", options.Get("Own").RedirectUri);
        Assert.Equal("client_1", options.Get("Corp").ClientId);
    }

    [Fact]
    public async Task The_session_service_without_a_client_api_key_makes_no_call_and_says_what_to_set()
    {
        await using var emulator = WorkOSEmulator.CreateInProcess();
        var logs = new TestLogSink();
        await using var app = await StartAsync(emulator, new Dictionary<string, string?>(), (services, _) =>
        {
            // The key only on the AuthKit scheme: it is that scheme's override, not the app's client settings.
            services.AddWorkOSAuthKit(options =>
            {
                options.ClientId = emulator.ClientId;
                options.ApiKey = emulator.ApiKey;
                options.ApiBaseUrl = BaseUrl(emulator);
            });
            services.AddLogging(logging => logging.AddProvider(logs));
        });
        var sessionService = app.Services.GetRequiredService<WorkOSSessionService>();

        var listed = await Assert.ThrowsAsync<WorkOSApiException>(() => sessionService.ListAsync("user_alice"));
        var revoked = await Assert.ThrowsAsync<WorkOSApiException>(() => sessionService.RevokeAsync("session_1"));

        Assert.Equal("api_key_missing", listed.ErrorCode);
        Assert.Equal("api_key_missing", revoked.ErrorCode);
        Assert.Contains("WORKOS_API_KEY", listed.Message, StringComparison.Ordinal);
        Assert.Empty(emulator.Requests);
        Assert.Equal(2, logs.Entries.Count(e => e.EventId.Id == 1801));
    }

    [Fact]
    public async Task The_session_service_can_be_replaced_by_a_test_double()
    {
        var fake = new FakeSessionService();

        var sessions = await ((WorkOSSessionService)fake).ListAsync("user_alice");
        await ((WorkOSSessionService)fake).RevokeAsync("session_1");

        Assert.Empty(sessions);
        Assert.Equal(["session_1"], fake.Revoked);
    }

    private sealed class FakeSessionService : WorkOSSessionService
    {
        public List<string> Revoked { get; } = [];

        public override Task RevokeAsync(string sessionId, CancellationToken cancellationToken = default)
        {
            Revoked.Add(sessionId);
            return Task.CompletedTask;
        }

        public override Task<IReadOnlyList<WorkOSSessionInfo>> ListAsync(string userId, CancellationToken cancellationToken = default) =>
            Task.FromResult<IReadOnlyList<WorkOSSessionInfo>>([]);
    }

    /// <summary>The emulator as the <c>WORKOS_*</c> variables WorkOS's SDKs read describe it.</summary>
    private static Dictionary<string, string?> Variables(WorkOSEmulator emulator) => new()
    {
        ["WORKOS_CLIENT_ID"] = emulator.ClientId,
        ["WORKOS_API_KEY"] = emulator.ApiKey,
        ["WORKOS_API_HOSTNAME"] = emulator.BaseUrl.Host,
        ["WORKOS_API_HTTPS"] = emulator.BaseUrl.Scheme == Uri.UriSchemeHttps ? "true" : "false",
        ["WORKOS_API_PORT"] = emulator.BaseUrl.IsDefaultPort ? null : emulator.BaseUrl.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    /// <summary>The emulator as the <c>WorkOS</c> section describes it.</summary>
    private static Dictionary<string, string?> Section(WorkOSEmulator emulator) => new()
    {
        ["WorkOS:ClientId"] = emulator.ClientId,
        ["WorkOS:ApiKey"] = emulator.ApiKey,
        ["WorkOS:ApiBaseUrl"] = BaseUrl(emulator),
    };

    private static string BaseUrl(WorkOSEmulator emulator) => emulator.BaseUrl.ToString().TrimEnd('/');

    /// <summary>
    /// An app on TestServer whose configuration is <paramref name="settings"/> only. Endpoints: <c>/protected</c>
    /// (the default scheme), <c>/api/me</c> (the API policy scheme), <c>/api/reports/{id}</c> (a fine-grained check
    /// behind the API policy scheme), and the AuthKit endpoints when an AuthKit scheme is registered.
    /// </summary>
    private static async Task<WebApplication> StartAsync(WorkOSEmulator? emulator, Dictionary<string, string?> settings,
        Action<IServiceCollection, IConfiguration> register, string environment = "Development", string authKitScheme = WorkOSAuthKitDefaults.AuthenticationScheme)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = environment });
        builder.WebHost.UseTestServer();
        builder.Logging.ClearProviders();
        builder.Configuration.Sources.Clear();
        builder.Configuration.AddInMemoryCollection(settings);
        register(builder.Services, builder.Configuration);
        if (emulator is not null)
        {
            builder.Services.AddHttpClient(WorkOSAuthKitDefaults.HttpClientName).ConfigurePrimaryHttpMessageHandler(emulator.CreateHandler);
        }

        // Each app its own key ring, in memory, whatever the environment.
        builder.Services.AddSingleton<IDataProtectionProvider>(new EphemeralDataProtectionProvider());
        builder.Services.AddAuthorization();
        builder.Services.AddWorkOSAuthorization();
        var app = builder.Build();
        app.UseAuthentication();
        app.UseAuthorization();
        if (await app.Services.GetRequiredService<IAuthenticationSchemeProvider>().GetSchemeAsync(authKitScheme) is not null)
        {
            app.MapWorkOSAuthKit(authenticationScheme: authKitScheme);
        }

        var apiOnly = new AuthorizeAttribute { AuthenticationSchemes = WorkOSBearerDefaults.ApiAuthenticationScheme };
        app.MapGet("/protected", (ClaimsPrincipal user) => user.Identity!.AuthenticationType).RequireAuthorization();
        app.MapGet("/api/me", (ClaimsPrincipal user) => user.Identity!.AuthenticationType).RequireAuthorization(apiOnly);
        app.MapGet("/api/reports/{id}", (string id) => id).RequireAuthorization(apiOnly).RequireWorkOSCheck("report:view", "report", routeValue: "id");
        await app.StartAsync();
        return app;
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, string path, string? bearer = null, string? apiKey = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (bearer is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + bearer);
        }

        if (apiKey is not null)
        {
            request.Headers.TryAddWithoutValidation("X-Api-Key", apiKey);
        }

        return await client.SendAsync(request);
    }
}
