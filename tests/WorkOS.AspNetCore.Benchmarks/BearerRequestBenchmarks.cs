using BenchmarkDotNet.Attributes;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Tokens;
using WorkOS.AspNetCore.Benchmarks.LoadComparison;
using WorkOS.AspNetCore.Bearer;
using WorkOS.AspNetCore.Claims;
using WorkOS.AspNetCore.Emulator;
using WorkOS.AspNetCore.Session;

namespace WorkOS.AspNetCore.Benchmarks;

/// <summary>
/// The whole bearer authentication of one request, as the framework runs it: a request scope, <c>AuthenticateAsync</c>
/// on a request carrying the typical session's access token (the load comparison's 3 roles, 25 permissions,
/// 5 entitlements and 5 feature flags), then the endpoint touching <c>User</c>. <c>AddJwtBearer</c> given the same
/// signing keys against <c>AddWorkOSBearer</c> answering from its cache of verified tokens, alone (as the load
/// comparison runs it) and with the revoked-session list that <c>AddWorkOSAuthKit</c> registers. Keys are fetched and
/// the token verified once before measuring; no scheme touches the network per request.
/// </summary>
[MemoryDiagnoser]
public class BearerRequestBenchmarks
{
    private WorkOSEmulator _emulator = null!;
    private ServiceProvider _jwtBearer = null!;
    private ServiceProvider _workOS = null!;
    private ServiceProvider _workOSWithRevokedList = null!;
    private string _authorization = string.Empty;

    [GlobalSetup]
    public void Setup()
    {
        _emulator = WorkOSEmulator.StartAsync().GetAwaiter().GetResult();
        _authorization = "Bearer " + LoadSession.Create(_emulator, TimeSpan.FromDays(1)).AccessToken;

        using var http = _emulator.CreateClient();
        var keys = new JsonWebKeySet(http.GetStringAsync($"/sso/jwks/{_emulator.ClientId}").GetAwaiter().GetResult()).GetSigningKeys();
        var issuer = _emulator.Options.Issuer!;

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
        _workOS = WorkOSBearerServices(issuer, revokedList: false);
        _workOSWithRevokedList = WorkOSBearerServices(issuer, revokedList: true);

        // Warm all three: the WorkOS schemes fetch the JWKS and remember the verified token here, not while measuring.
        Check(JwtBearer().GetAwaiter().GetResult(), "AddJwtBearer");
        Check(WorkOSBearer().GetAwaiter().GetResult(), "AddWorkOSBearer");
        Check(WorkOSBearerWithRevokedList().GetAwaiter().GetResult(), "AddWorkOSBearer with the revoked-session list");
        Console.WriteLine($"// Authorization header: {_authorization.Length} characters");
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _jwtBearer.Dispose();
        _workOS.Dispose();
        _workOSWithRevokedList.Dispose();
        _emulator.Dispose();
    }

    [Benchmark(Baseline = true, Description = "AddJwtBearer")]
    public Task<bool> JwtBearer() => AuthenticateAsync(_jwtBearer, JwtBearerDefaults.AuthenticationScheme, "permissions");

    [Benchmark(Description = "AddWorkOSBearer, cached token")]
    public Task<bool> WorkOSBearer() => AuthenticateAsync(_workOS, WorkOSBearerDefaults.AuthenticationScheme, WorkOSClaimTypes.Permission);

    [Benchmark(Description = "AddWorkOSBearer, cached token, revoked-session list")]
    public Task<bool> WorkOSBearerWithRevokedList() =>
        AuthenticateAsync(_workOSWithRevokedList, WorkOSBearerDefaults.AuthenticationScheme, WorkOSClaimTypes.Permission);

    private ServiceProvider WorkOSBearerServices(string issuer, bool revokedList)
    {
        var services = new ServiceCollection().AddLogging();
        if (revokedList)
        {
            services.AddSingleton<IRevokedSessionStore>(new MemoryRevokedSessionStore(TimeProvider.System));
        }

        services.AddAuthentication().AddWorkOSBearer(options =>
        {
            options.ClientId = _emulator.ClientId;
            options.ApiBaseUrl = _emulator.BaseUrl.ToString().TrimEnd('/');
            options.AllowHttpApiBaseUrl = true; // the loopback emulator; the app runs outside Development
            options.ValidIssuers.Add(issuer);
        });
        return services.BuildServiceProvider();
    }

    private async Task<bool> AuthenticateAsync(ServiceProvider services, string scheme, string permissionType)
    {
        // A scope per request, as the host makes one: the authentication handlers are per request.
        await using var scope = services.CreateAsyncScope();
        var context = new DefaultHttpContext { RequestServices = scope.ServiceProvider };
        context.Request.Headers.Authorization = _authorization;
        var result = await context.AuthenticateAsync(scheme);
        if (!result.Succeeded)
        {
            return false;
        }

        context.User = result.Principal!;
        return context.User.FindFirst("sub")?.Value == LoadSession.UserId && context.User.HasClaim(permissionType, "posts:write");
    }

    private static void Check(bool signedIn, string scheme)
    {
        if (!signedIn)
        {
            throw new InvalidOperationException($"{scheme} did not sign the benchmark token in.");
        }
    }
}
