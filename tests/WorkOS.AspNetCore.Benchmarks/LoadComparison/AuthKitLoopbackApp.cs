using System.Net;
using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using WorkOS.AspNetCore.Emulator;

namespace WorkOS.AspNetCore.Benchmarks.LoadComparison;

/// <summary>
/// An AuthKit app and its emulator, both on Kestrel at 127.0.0.1, sharing one clock; <c>/hello</c> requires a user.
/// Development environment: over plain http the session cookies are not marked Secure, so a client can send them back.
/// </summary>
internal sealed class AuthKitLoopbackApp : IAsyncDisposable
{
    private AuthKitLoopbackApp(WebApplication app, WorkOSEmulator emulator, ShiftedClock clock, Uri baseUrl)
    {
        App = app;
        Emulator = emulator;
        Clock = clock;
        BaseUrl = baseUrl;
    }

    public WebApplication App { get; }

    public WorkOSEmulator Emulator { get; }

    public ShiftedClock Clock { get; }

    public Uri BaseUrl { get; }

    public static async Task<AuthKitLoopbackApp> StartAsync(Action<WorkOSEmulatorOptions>? configureEmulator = null)
    {
        var clock = new ShiftedClock();
        var emulator = await WorkOSEmulator.StartAsync(o =>
        {
            o.TimeProvider = clock;
            configureEmulator?.Invoke(o);
        });
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = Environments.Development });
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        builder.Services.AddSingleton<TimeProvider>(clock);
        builder.Services.AddSingleton<IDataProtectionProvider>(new EphemeralDataProtectionProvider());
        builder.Services.AddWorkOSAuthKit(o =>
        {
            o.ClientId = emulator.ClientId;
            o.ApiKey = emulator.ApiKey;
            o.AllowHttpApiBaseUrl = true; // the emulator on loopback
            o.ApiBaseUrl = emulator.BaseUrl.ToString().TrimEnd('/');
        });
        builder.Services.AddAuthorization();
        var app = builder.Build();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapWorkOSAuthKit();
        app.MapGet("/hello", (ClaimsPrincipal user) => user.FindFirst("sub")?.Value).RequireAuthorization();
        await app.StartAsync();
        var url = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        return new AuthKitLoopbackApp(app, emulator, clock, new Uri(url));
    }

    /// <summary>Signs <paramref name="email"/> in through the emulator's hosted page and returns the session cookie's <c>name=value</c> pairs.</summary>
    public async Task<string> SignInAsync(string email)
    {
        var cookies = new CookieContainer();
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = cookies });
        using var challenge = await client.GetAsync(new Uri(BaseUrl, "/auth/sign-in"));
        var authorize = Location(challenge) + "&login_hint=" + Uri.EscapeDataString(email);
        using var toCallback = await client.GetAsync(authorize);
        using var callback = await client.GetAsync(Location(toCallback));
        if (!callback.Headers.TryGetValues("Set-Cookie", out var setCookies))
        {
            throw new InvalidOperationException($"Sign-in set no cookie (callback answered {(int)callback.StatusCode}).");
        }

        var session = setCookies.Where(c => c.StartsWith(WorkOSAuthKitDefaults.SessionCookieName, StringComparison.Ordinal))
            .Select(c => c[..c.IndexOf(';', StringComparison.Ordinal)]).ToList();
        return session.Count > 0 ? string.Join("; ", session) : throw new InvalidOperationException("Sign-in set no session cookie.");
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
}
