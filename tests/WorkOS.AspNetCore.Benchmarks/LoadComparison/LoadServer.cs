using System.Diagnostics;
using System.Net;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using WorkOS.AspNetCore.Bearer;
using WorkOS.AspNetCore.Emulator;

namespace WorkOS.AspNetCore.Benchmarks.LoadComparison;

/// <summary>
/// One configuration of the loopback load comparison, in its own process: <c>GET /hello</c> answers the signed-in
/// user's id, <c>GET /_stats</c> this process's CPU time, allocated bytes and <c>/hello</c> count. Prints
/// <c>URL=</c>, <c>HEADER=</c> (what a client sends to be signed in) and <c>READY</c> once it answered its own
/// credential correctly.
/// </summary>
internal static class LoadServer
{
    public static readonly string[] Configs = ["none", "cookie", "cookie-tokens", "authkit", "jwtbearer", "workosbearer"];

    private const string Policy = "posts:write";

    public static async Task<int> RunAsync(string[] args)
    {
        var config = Option(args, "--config") ?? "none";
        var policy = args.Contains("--policy");
        if (!Configs.Contains(config) || (policy && config == "none"))
        {
            await Console.Error.WriteLineAsync($"usage: load-server --config {string.Join('|', Configs)} [--policy] (no policy without authentication)");
            return 2;
        }

        await using var emulator = config == "none" ? null : await WorkOSEmulator.StartAsync();
        var session = emulator is null ? null : LoadSession.Create(emulator, TimeSpan.FromDays(1));

        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = Environments.Production });
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        builder.Services.AddSingleton<IDataProtectionProvider>(new EphemeralDataProtectionProvider());
        builder.Services.AddAuthorization();
        string? header = null;
        Func<IServiceProvider, string>? mint = null;

        switch (config)
        {
            case "cookie" or "cookie-tokens":
                builder.Services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme).AddCookie();
                builder.Services.AddAuthorization(o => o.AddPolicy(Policy, p => p.RequireClaim("permission", Policy)));
                mint = services => CookieHeader(services, CookieAuthenticationDefaults.AuthenticationScheme, ".AspNetCore.Cookies",
                    session!.CreateTicket(CookieAuthenticationDefaults.AuthenticationScheme, tokens: config == "cookie-tokens", TimeProvider.System));
                break;
            case "authkit":
                builder.Services.AddWorkOSAuthKit(o =>
                {
                    o.ClientId = emulator!.ClientId;
                    o.ApiKey = emulator.ApiKey;
                    o.AllowHttpApiBaseUrl = true; // the emulator on loopback
                    o.ApiBaseUrl = emulator.BaseUrl.ToString().TrimEnd('/');
                });
                mint = services => CookieHeader(services, WorkOSAuthKitDefaults.CookieScheme, WorkOSAuthKitDefaults.SessionCookieName,
                    session!.CreateTicket(WorkOSAuthKitDefaults.CookieScheme, tokens: true, TimeProvider.System));
                break;
            case "jwtbearer":
                using (var http = new HttpClient { BaseAddress = emulator!.BaseUrl })
                {
                    var keys = new JsonWebKeySet(await http.GetStringAsync($"/sso/jwks/{emulator.ClientId}")).GetSigningKeys();
                    builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer(o =>
                    {
                        o.MapInboundClaims = false;
                        o.TokenValidationParameters = new TokenValidationParameters
                        {
                            IssuerSigningKeys = keys,
                            ValidIssuer = emulator.Options.Issuer,
                            ValidateAudience = false,
                            ValidAlgorithms = [SecurityAlgorithms.RsaSha256],
                            NameClaimType = "email",
                            RoleClaimType = "role",
                            ClockSkew = TimeSpan.FromSeconds(30),
                        };
                    });
                }

                builder.Services.AddAuthorization(o => o.AddPolicy(Policy, p => p.RequireClaim("permissions", Policy)));
                header = "Authorization: Bearer " + session!.AccessToken;
                break;
            case "workosbearer":
                builder.Services.AddAuthentication(WorkOSBearerDefaults.AuthenticationScheme).AddWorkOSBearer(o =>
                {
                    o.ClientId = emulator!.ClientId;
                    o.ApiBaseUrl = emulator.BaseUrl.ToString().TrimEnd('/');
                    o.AllowHttpApiBaseUrl = true; // the emulator on loopback
                    o.ValidIssuers.Add(emulator.Options.Issuer!);
                });
                builder.Services.AddWorkOSAuthorization(); // permission-shaped policy names, as AddWorkOSAuthKit registers them
                header = "Authorization: Bearer " + session!.AccessToken;
                break;
        }

        var app = builder.Build();
        long requests = 0;
        app.Use((context, next) =>
        {
            if (context.Request.Path == "/hello")
            {
                Interlocked.Increment(ref requests);
            }

            return next(context);
        });
        if (config != "none")
        {
            app.UseAuthentication();
            app.UseAuthorization();
        }

        var hello = app.MapGet("/hello", (ClaimsPrincipal user) => user.FindFirst("sub")?.Value ?? "anonymous");
        if (policy)
        {
            hello.RequireAuthorization(Policy);
        }

        app.MapGet("/_stats", () =>
        {
            using var process = Process.GetCurrentProcess();
            return Results.Text(FormattableString.Invariant(
                $"{{\"cpuMicroseconds\":{(long)process.TotalProcessorTime.TotalMicroseconds},\"allocatedBytes\":{GC.GetTotalAllocatedBytes(true)},\"requests\":{Interlocked.Read(ref requests)}}}"),
                "application/json");
        });

        await app.StartAsync();
        var url = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        header ??= mint?.Invoke(app.Services);

        // The credential must sign the request in (a wrong one would measure the anonymous path).
        using (var client = new HttpClient { BaseAddress = new Uri(url) })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/hello");
            if (header is not null)
            {
                var colon = header.IndexOf(':', StringComparison.Ordinal);
                request.Headers.TryAddWithoutValidation(header[..colon], header[(colon + 1)..].Trim());
            }

            using var response = await client.SendAsync(request);
            var body = await response.Content.ReadAsStringAsync();
            var expected = config == "none" ? "anonymous" : LoadSession.UserId;
            if (response.StatusCode != HttpStatusCode.OK || body != expected)
            {
                await Console.Error.WriteLineAsync($"{config}{(policy ? " + policy" : "")}: /hello answered {(int)response.StatusCode} '{body}', expected 200 '{expected}'");
                await app.StopAsync();
                return 1;
            }
        }

        Console.WriteLine($"URL={url}");
        Console.WriteLine($"HEADER={header}");
        Console.WriteLine("READY");
        await app.WaitForShutdownAsync();
        return 0;
    }

    private static string CookieHeader(IServiceProvider services, string scheme, string cookieName, AuthenticationTicket ticket)
    {
        var format = services.GetRequiredService<IOptionsMonitor<CookieAuthenticationOptions>>().Get(scheme).TicketDataFormat;
        return $"Cookie: {cookieName}={format.Protect(ticket)}";
    }

    private static string? Option(string[] args, string name)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }
}
