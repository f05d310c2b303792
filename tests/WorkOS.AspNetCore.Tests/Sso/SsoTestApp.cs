using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using WorkOS.AspNetCore.Emulator;
using WorkOS.AspNetCore.Sso;
using WorkOS.AspNetCore.Testing;
using WorkOS.AspNetCore.Tests.Infrastructure;

namespace WorkOS.AspNetCore.Tests.Sso;

/// <summary>
/// An SSO-only app on TestServer: its own cookie scheme (<see cref="CookieName"/>) and the WorkOS SSO scheme, wired to
/// an in-process emulator. Endpoints: <c>/protected</c> (claims as JSON), <c>/sign-in</c> (challenge; query
/// <c>connection</c>, <c>organization</c>, <c>provider</c>, <c>domain_hint</c>, <c>login_hint</c>, <c>force</c>,
/// <c>scopes</c>, <c>returnUrl</c>), <c>/sign-out</c> (POST).
/// </summary>
public sealed class SsoTestApp : EmulatedTestApp
{
    public const string CookieScheme = "App.Cookie";
    public const string CookieName = "app-session";

    private SsoTestApp(WebApplication app, WorkOSEmulator emulator, FakeTimeProvider clock, TestLogSink logs)
        : base(app, emulator, clock, logs)
    {
    }

    public IServiceProvider Services => App.Services;

    public static async Task<SsoTestApp> StartAsync(Action<WorkOSSsoOptions>? configure = null, Action<WebApplication>? map = null,
        string scheme = WorkOSSsoDefaults.AuthenticationScheme, Action<WorkOSEmulatorOptions>? configureEmulator = null)
    {
        var clock = TestClock.StartingNow();
        var emulator = WorkOSEmulator.CreateInProcess(options =>
        {
            options.TimeProvider = clock;
            configureEmulator?.Invoke(options);
        });
        var logs = new TestLogSink();
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Development" });
        builder.WebHost.UseTestServer();
        builder.Logging.ClearProviders().AddProvider(logs).SetMinimumLevel(LogLevel.Debug);
        builder.Services.AddSingleton<TimeProvider>(clock);
        builder.Services.AddSingleton<IDataProtectionProvider>(new EphemeralDataProtectionProvider());
        builder.Services.Configure<WorkOSClientOptions>(options =>
        {
            options.ClientId = emulator.ClientId;
            options.ApiKey = emulator.ApiKey;
            options.ApiBaseUrl = emulator.BaseUrl.ToString().TrimEnd('/');
        });
        builder.Services.AddAuthentication(options =>
            {
                options.DefaultScheme = CookieScheme;
                options.DefaultChallengeScheme = scheme;
            })
            .AddCookie(CookieScheme, cookie => cookie.Cookie.Name = CookieName)
            .AddWorkOSSso(scheme, configure);
        builder.Services.AddHttpClient(WorkOSAuthKitDefaults.HttpClientName).ConfigurePrimaryHttpMessageHandler(emulator.CreateHandler);
        builder.Services.AddAuthorization();

        var app = builder.Build();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapGet("/protected", (ClaimsPrincipal user) => Results.Json(user.Claims
                .GroupBy(c => c.Type)
                .ToDictionary(g => g.Key, g => g.Select(c => c.Value).ToArray())))
            .RequireAuthorization();
        app.MapGet("/sign-in", (HttpContext context, string? connection, string? organization, string? provider, string? domain_hint,
                string? login_hint, bool? force, string? scopes, string? returnUrl) =>
            context.ChallengeAsync(scheme, new WorkOSSsoChallengeProperties(returnUrl ?? "/protected")
            {
                ConnectionId = connection,
                OrganizationId = organization,
                Provider = provider,
                DomainHint = domain_hint,
                LoginHint = login_hint,
                ForceLogin = force == true,
                ProviderScopes = scopes?.Split(','),
            }));
        app.MapPost("/sign-out", (HttpContext context) => context.SignOutAsync(scheme, new AuthenticationProperties { RedirectUri = "/signed-out" }));
        map?.Invoke(app);
        await app.StartAsync();
        return new SsoTestApp(app, emulator, clock, logs);
    }

    public WorkOSTestClient CreateBrowser() => TestBrowser.Create(App.GetTestServer().CreateHandler(), Emulator);
}
