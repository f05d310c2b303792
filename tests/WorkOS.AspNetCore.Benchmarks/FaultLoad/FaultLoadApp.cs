using System.Collections.Concurrent;
using System.Net;
using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using WorkOS.AspNetCore.Bearer;
using WorkOS.AspNetCore.Emulator;

namespace WorkOS.AspNetCore.Benchmarks.FaultLoad;

/// <summary>
/// The app of the fault-load run: AuthKit sessions and the bearer scheme on Kestrel at 127.0.0.1, against the
/// emulator on Kestrel, on the real clock. <c>/hello</c> (a user) and <c>/api/hello</c> (a bearer token) answer the
/// session id; <c>/token</c> hands the signed-in user's access token to a script. Warnings and errors the app logs are kept.
/// </summary>
internal sealed class FaultLoadApp : IAsyncDisposable
{
    private readonly Counter _refreshed;

    private FaultLoadApp(WebApplication app, WorkOSEmulator emulator, Uri baseUrl, ErrorLog errors, Counter refreshed)
    {
        _refreshed = refreshed;
        App = app;
        Emulator = emulator;
        BaseUrl = baseUrl;
        Errors = errors;
    }

    public WebApplication App { get; }

    public WorkOSEmulator Emulator { get; }

    public Uri BaseUrl { get; }

    public ErrorLog Errors { get; }

    /// <summary>The refreshes the app made and used (<c>OnSessionRefreshed</c>): one per token that came due.</summary>
    public long Refreshes => Interlocked.Read(ref _refreshed.Count);

    public static async Task<FaultLoadApp> StartAsync(FaultLoadSettings settings)
    {
        var emulator = await WorkOSEmulator.StartAsync();
        emulator.SetAccessTokenLifetime(settings.TokenLifetime);
        var errors = new ErrorLog();
        var refreshed = new Counter();
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = Environments.Development });
        builder.Logging.ClearProviders().AddProvider(errors).SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        builder.Services.AddSingleton<IDataProtectionProvider>(new EphemeralDataProtectionProvider());
        builder.Services.Configure<WorkOSClientOptions>(o =>
        {
            o.ClientId = emulator.ClientId;
            o.ApiKey = emulator.ApiKey;
            o.AllowHttpApiBaseUrl = true; // the emulator on loopback
            o.ApiBaseUrl = emulator.BaseUrl.ToString().TrimEnd('/');
        });
        builder.Services.AddWorkOSAuthKit(o =>
        {
            o.RefreshBuffer = settings.RefreshBuffer;
            o.RefreshTimeout = settings.RefreshTimeout;
            o.RefreshRetryDelay = settings.RefreshRetryDelay;
            o.Events.OnSessionRefreshed = _ =>
            {
                Interlocked.Increment(ref refreshed.Count);
                return Task.CompletedTask;
            };
        }).AddWorkOSBearer();
        builder.Services.AddAuthorization();
        var app = builder.Build();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapWorkOSAuthKit();
        app.MapGet("/hello", (ClaimsPrincipal user) => user.FindFirst("sid")?.Value).RequireAuthorization();
        app.MapGet("/token", async (HttpContext context) =>
        {
            return await context.GetWorkOSAccessTokenAsync();
        }).RequireAuthorization();
        app.MapGet("/api/hello", (ClaimsPrincipal user) => user.FindFirst("sid")?.Value)
            .RequireAuthorization(new AuthorizeAttribute { AuthenticationSchemes = WorkOSBearerDefaults.AuthenticationScheme });
        await app.StartAsync();
        var url = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        return new FaultLoadApp(app, emulator, new Uri(url), errors, refreshed);
    }

    /// <summary>A browser: its own cookie jar, no redirects followed, signed in as <paramref name="email"/> through the emulator's page.</summary>
    public async Task<HttpClient> SignInAsync(string email)
    {
        var client = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer(), UseCookies = true })
        {
            BaseAddress = BaseUrl,
        };
        using var challenge = await client.GetAsync("/auth/sign-in");
        using var toCallback = await client.GetAsync(Location(challenge) + "&login_hint=" + Uri.EscapeDataString(email));
        using var callback = await client.GetAsync(Location(toCallback));
        using var hello = await client.GetAsync("/hello");
        if (hello.StatusCode != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"The sign-in of {email} did not open /hello (callback {(int)callback.StatusCode}, /hello {(int)hello.StatusCode}).");
        }

        return client;
    }

    public async ValueTask DisposeAsync()
    {
        await App.DisposeAsync();
        await Emulator.DisposeAsync();
    }

    private static Uri Location(HttpResponseMessage response)
    {
        var location = response.Headers.Location ?? throw new InvalidOperationException($"No Location on a {(int)response.StatusCode} response.");
        return location.IsAbsoluteUri ? location : new Uri(response.RequestMessage!.RequestUri!, location);
    }

    private sealed class Counter
    {
        public long Count;
    }

    /// <summary>
    /// Keeps what the app logs at Warning and above (the last 20,000 lines, timestamped), to explain a lost session
    /// by its id; errors and exceptions separately.
    /// </summary>
    internal sealed class ErrorLog : ILoggerProvider
    {
        private const int MaxLines = 20_000;
        private readonly ConcurrentQueue<string> _errors = new();
        private readonly ConcurrentQueue<string> _lines = new();

        public IReadOnlyCollection<string> Errors => _errors;

        /// <summary>The kept lines that mention <paramref name="text"/>, such as a session id.</summary>
        public IEnumerable<string> LinesWith(string text) => _lines.Where(l => l.Contains(text, StringComparison.Ordinal));

        public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

        public void Dispose()
        {
        }

        private sealed class Logger(ErrorLog log, string category) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                var line = $"{DateTimeOffset.UtcNow:HH:mm:ss.fff} {logLevel} [{eventId.Id}] {formatter(state, exception)}";
                log._lines.Enqueue(line);
                if (log._lines.Count > MaxLines)
                {
                    log._lines.TryDequeue(out _);
                }

                if ((logLevel >= LogLevel.Error || (exception is not null && eventId.Id != 1602)) && log._errors.Count < 50)
                {
                    log._errors.Enqueue($"{line} ({category}) {exception}");
                }
            }
        }
    }
}
