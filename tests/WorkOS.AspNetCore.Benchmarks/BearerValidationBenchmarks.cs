using BenchmarkDotNet.Attributes;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Tokens;
using WorkOS.AspNetCore.Bearer;
using WorkOS.AspNetCore.Emulator;

namespace WorkOS.AspNetCore.Benchmarks;

/// <summary>
/// One request's bearer authentication, end to end through <see cref="IAuthenticationService"/> (a fresh request
/// scope, the Authorization header read, the RS256 signature verified, the principal built): the WorkOS bearer scheme
/// (with its cache of verified tokens, and with it off) against ASP.NET's <c>AddJwtBearer</c> given the same signing
/// keys. Keys are fetched before measuring; no scheme touches the network per request.
/// </summary>
[MemoryDiagnoser]
public class BearerValidationBenchmarks
{
    private WorkOSEmulator _emulator = null!;
    private ServiceProvider _workOS = null!;
    private ServiceProvider _jwtBearer = null!;
    private ServiceProvider _workOSUncached = null!;
    private string _authorization = string.Empty;

    [GlobalSetup]
    public void Setup()
    {
        // On loopback, as in development; the keys are fetched once, during setup.
        _emulator = WorkOSEmulator.StartAsync().GetAwaiter().GetResult();
        var token = _emulator.CreateAccessToken(new Dictionary<string, object>
        {
            ["sub"] = "user_alice",
            ["sid"] = "session_benchmark",
            ["org_id"] = "org_acme",
            ["role"] = "admin",
            ["roles"] = new[] { "admin" },
            ["permissions"] = new[] { "posts:read", "posts:write", "posts:delete", "users:manage", "reports:view" },
            ["entitlements"] = new[] { "audit-logs", "sso" },
            ["feature_flags"] = new[] { "new-dashboard" },
        }, TimeSpan.FromDays(1));
        _authorization = "Bearer " + token;

        using var http = _emulator.CreateClient();
        var keys = new JsonWebKeySet(http.GetStringAsync($"/sso/jwks/{_emulator.ClientId}").GetAwaiter().GetResult()).GetSigningKeys();
        var issuer = _emulator.Options.Issuer!;

        _workOS = WorkOSBearerServices(issuer, cacheSize: null);
        _workOSUncached = WorkOSBearerServices(issuer, cacheSize: 0);

        var jwtBearer = new ServiceCollection().AddLogging();
        jwtBearer.AddAuthentication().AddJwtBearer(options =>
        {
            options.MapInboundClaims = false;
            options.TokenValidationParameters = new TokenValidationParameters
            {
                IssuerSigningKeys = keys,
                ValidIssuer = issuer,
                ValidateAudience = false,
                ValidAlgorithms = [SecurityAlgorithms.RsaSha256],
                NameClaimType = "email",
                RoleClaimType = "role",
                ClockSkew = TimeSpan.FromSeconds(30),
            };
        });
        _jwtBearer = jwtBearer.BuildServiceProvider();

        // Warm both: the WorkOS scheme fetches and caches the JWKS here, not while measuring.
        Check(JwtBearer().GetAwaiter().GetResult());
        Check(WorkOSBearer().GetAwaiter().GetResult());
        Check(WorkOSBearerWithoutCache().GetAwaiter().GetResult());
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _workOS.Dispose();
        _workOSUncached.Dispose();
        _jwtBearer.Dispose();
        _emulator.Dispose();
    }

    [Benchmark(Baseline = true, Description = "AddJwtBearer")]
    public Task<AuthenticateResult> JwtBearer() => AuthenticateAsync(_jwtBearer, JwtBearerDefaults.AuthenticationScheme);

    [Benchmark(Description = "AddWorkOSBearer")]
    public Task<AuthenticateResult> WorkOSBearer() => AuthenticateAsync(_workOS, WorkOSBearerDefaults.AuthenticationScheme);

    [Benchmark(Description = "AddWorkOSBearer, cache off")]
    public Task<AuthenticateResult> WorkOSBearerWithoutCache() => AuthenticateAsync(_workOSUncached, WorkOSBearerDefaults.AuthenticationScheme);

    private ServiceProvider WorkOSBearerServices(string issuer, int? cacheSize)
    {
        var services = new ServiceCollection().AddLogging();
        services.AddAuthentication().AddWorkOSBearer(options =>
        {
            options.ClientId = _emulator.ClientId;
            options.ApiBaseUrl = _emulator.BaseUrl.ToString().TrimEnd('/');
            options.AllowHttpApiBaseUrl = true; // the loopback emulator; the app runs outside Development
            options.ValidIssuers.Add(issuer);
            if (cacheSize is { } size)
            {
                options.ValidatedTokenCacheSize = size;
            }
        });
        return services.BuildServiceProvider();
    }

    private async Task<AuthenticateResult> AuthenticateAsync(ServiceProvider services, string scheme)
    {
        // A scope per request, as ASP.NET creates one: authentication handlers are per request.
        await using var scope = services.CreateAsyncScope();
        var context = new DefaultHttpContext { RequestServices = scope.ServiceProvider };
        context.Request.Headers.Authorization = _authorization;
        return await context.AuthenticateAsync(scheme);
    }

    private static void Check(AuthenticateResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException("The benchmark token was refused: " + result.Failure?.Message);
        }
    }
}
