using System.Security.Claims;
using BenchmarkDotNet.Attributes;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using WorkOS.AspNetCore.Authorization;
using WorkOS.AspNetCore.Claims;

namespace WorkOS.AspNetCore.Benchmarks;

/// <summary>
/// One request through <see cref="AuthorizationMiddleware"/> for a signed-in WorkOS user (claims as the library maps
/// them from an access token), on three endpoints that all demand the permission <c>posts:write</c>: a plain
/// <c>RequireClaim</c> policy registered with <c>AddPolicy</c> (the baseline), <c>[Authorize(Policy = "posts:write")]</c>
/// resolved by the WorkOS policy provider with no registration, and <c>[RequireWorkOSPermission("posts:write")]</c>.
/// WorkOS authorization is registered in all three, as in an app that uses the library.
/// </summary>
[MemoryDiagnoser]
public class AuthorizationPolicyBenchmarks
{
    private ServiceProvider _services = null!;
    private AuthorizationMiddleware _middleware = null!;
    private DefaultHttpContext _context = null!;
    private Endpoint _requireClaim = null!;
    private Endpoint _permissionPolicy = null!;
    private Endpoint _permissionAttribute = null!;

    [GlobalSetup]
    public void Setup()
    {
        _requireClaim = Endpoint(new AuthorizeAttribute("claim-posts-write"));
        _permissionPolicy = Endpoint(new AuthorizeAttribute("posts:write"));
        _permissionAttribute = Endpoint(new RequireWorkOSPermissionAttribute("posts:write"));

        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<EndpointDataSource>(new DefaultEndpointDataSource(_requireClaim, _permissionPolicy, _permissionAttribute));
        services.AddAuthorization(options =>
            options.AddPolicy("claim-posts-write", policy => policy.RequireClaim(WorkOSClaimTypes.Permission, "posts:write")));
        services.AddWorkOSAuthorization();
        _services = services.BuildServiceProvider();
        _middleware = new AuthorizationMiddleware(_ => Task.CompletedTask, _services.GetRequiredService<IAuthorizationPolicyProvider>(), _services);
        _context = new DefaultHttpContext { RequestServices = _services, User = SignedInUser() };

        // Every endpoint must let the user through, or the comparison would measure a forbid instead.
        foreach (var endpoint in new[] { _requireClaim, _permissionPolicy, _permissionAttribute })
        {
            _context.SetEndpoint(endpoint);
            _middleware.Invoke(_context).GetAwaiter().GetResult();
            if (_context.Response.StatusCode != StatusCodes.Status200OK)
            {
                throw new InvalidOperationException($"{endpoint.DisplayName} answered {_context.Response.StatusCode}.");
            }
        }
    }

    [GlobalCleanup]
    public void Cleanup() => _services.Dispose();

    [Benchmark(Baseline = true, Description = "RequireClaim policy (AddPolicy)")]
    public Task RequireClaimPolicy() => Invoke(_requireClaim);

    [Benchmark(Description = "[Authorize(Policy = \"posts:write\")], no registration")]
    public Task PermissionPolicy() => Invoke(_permissionPolicy);

    [Benchmark(Description = "[RequireWorkOSPermission(\"posts:write\")]")]
    public Task PermissionAttribute() => Invoke(_permissionAttribute);

    private Task Invoke(Endpoint endpoint)
    {
        _context.SetEndpoint(endpoint);
        return _middleware.Invoke(_context);
    }

    private static Endpoint Endpoint(object metadata) =>
        new(_ => Task.CompletedTask, new EndpointMetadataCollection(metadata), metadata.GetType().Name);

    /// <summary>Alice as the claims mapper builds her from an access token (admin of Acme, five permissions).</summary>
    private static ClaimsPrincipal SignedInUser()
    {
        var token = new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
        {
            Claims = new Dictionary<string, object>
            {
                ["iss"] = "https://api.workos.com/user_management/client_benchmark",
                ["sub"] = "user_alice",
                ["sid"] = "session_benchmark",
                ["org_id"] = "org_acme",
                ["role"] = "admin",
                ["roles"] = new[] { "admin" },
                ["permissions"] = new[] { "posts:read", "posts:write", "posts:delete", "users:manage", "reports:view" },
                ["entitlements"] = new[] { "audit-logs", "sso" },
                ["feature_flags"] = new[] { "new-dashboard" },
            },
        });
        var profile = new[] { new Claim(WorkOSClaimTypes.Email, "alice@acme.com"), new Claim(WorkOSClaimTypes.Name, "Alice Admin") };
        return new ClaimsPrincipal(WorkOSClaimsMapper.CreateIdentity(new JsonWebToken(token), profile, "WorkOS.Session"));
    }
}
