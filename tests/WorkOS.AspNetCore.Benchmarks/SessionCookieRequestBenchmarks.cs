using System.Security.Claims;
using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using WorkOS.AspNetCore.Api;
using WorkOS.AspNetCore.Claims;
using WorkOS.AspNetCore.Session;

namespace WorkOS.AspNetCore.Benchmarks;

/// <summary>
/// The whole cookie authentication of one request, as the framework runs it: <c>AuthenticateAsync</c> on a request
/// carrying the cookie (chunks reassembled, ticket unprotected, expiry and the scheme's validation events run), then
/// the endpoint touching <c>User</c>. Plain <c>AddCookie</c> holding the same 48 claims (with and without both tokens)
/// against the AuthKit session cookie, which also checks the revoked-session list. One service provider, one key ring.
/// </summary>
[MemoryDiagnoser]
public class SessionCookieRequestBenchmarks
{
    private const string Plain = "Plain";
    private const string PlainWithTokens = "PlainWithTokens";

    private ServiceProvider _services = default!;
    private string _plainCookie = default!;
    private string _plainWithTokensCookie = default!;
    private string _sessionCookie = default!;
    private string _previousFormatCookie = default!;

    [GlobalSetup]
    public void Setup()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IDataProtectionProvider>(new EphemeralDataProtectionProvider());
        services.AddWorkOSAuthKit(o =>
        {
            o.ClientId = "client_bench";
            o.ApiKey = "sk_test_bench";
        }).AddCookie(Plain).AddCookie(PlainWithTokens);
        _services = services.BuildServiceProvider();

        var (principal, response) = CreateSession();
        var now = DateTimeOffset.UtcNow;
        AuthenticationProperties Properties() => new() { IsPersistent = true, IssuedUtc = now, ExpiresUtc = now.AddDays(30) };

        var withTokens = Properties();
        SessionTokens.Store(withTokens, response);
        _plainCookie = SignIn(Plain, principal, Properties());
        _plainWithTokensCookie = SignIn(PlainWithTokens, principal, withTokens);
        _sessionCookie = SignIn(WorkOSAuthKitDefaults.CookieScheme, principal, withTokens);
        _previousFormatCookie = WorkOSAuthKitDefaults.SessionCookieName + "=" + SessionCookieBenchmarks.SealInPreviousFormat(
            _services.GetRequiredService<IDataProtectionProvider>().CreateProtector("WorkOS.AspNetCore.Session", WorkOSAuthKitDefaults.CookieScheme, "v1"),
            new AuthenticationTicket(principal, withTokens, WorkOSAuthKitDefaults.CookieScheme));
        Console.WriteLine($"// Cookie header: plain {_plainCookie.Length}, plain with tokens {_plainWithTokensCookie.Length}, WorkOS session {_sessionCookie.Length}, previous format {_previousFormatCookie.Length} bytes");
    }

    [GlobalCleanup]
    public void Cleanup() => _services.Dispose();

    [Benchmark(Baseline = true, Description = "AddCookie, 48 claims")]
    public Task<bool> PlainCookie() => AuthenticateAsync(Plain, _plainCookie);

    [Benchmark(Description = "AddCookie, 48 claims and both tokens")]
    public Task<bool> PlainCookieWithTokens() => AuthenticateAsync(PlainWithTokens, _plainWithTokensCookie);

    [Benchmark(Description = "AuthKit session cookie")]
    public Task<bool> SessionCookie() => AuthenticateAsync(WorkOSAuthKitDefaults.CookieScheme, _sessionCookie);

    [Benchmark(Description = "AuthKit session cookie, previous format")]
    public Task<bool> PreviousFormatSessionCookie() => AuthenticateAsync(WorkOSAuthKitDefaults.CookieScheme, _previousFormatCookie);

    private async Task<bool> AuthenticateAsync(string scheme, string cookie)
    {
        // A scope per request, as the host makes one: the authentication handlers are per request.
        await using var scope = _services.CreateAsyncScope();
        var context = new DefaultHttpContext { RequestServices = scope.ServiceProvider };
        context.Request.Headers.Cookie = cookie;
        var result = await context.AuthenticateAsync(scheme);
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"{scheme} did not authenticate: {result.Failure?.Message}");
        }

        context.User = result.Principal!;
        return context.User.Identity!.IsAuthenticated && context.User.HasClaim(WorkOSClaimTypes.Permission, "reports:export");
    }

    private string SignIn(string scheme, ClaimsPrincipal principal, AuthenticationProperties properties)
    {
        using var scope = _services.CreateScope();
        var context = new DefaultHttpContext { RequestServices = scope.ServiceProvider };
        context.SignInAsync(scheme, principal, properties).GetAwaiter().GetResult();
        var pairs = context.Response.Headers.SetCookie.Select(c => c![..c!.IndexOf(';')]);
        return string.Join("; ", pairs);
    }

    /// <summary>A user with 3 roles, 25 permissions, 5 entitlements and 5 feature flags; the token is valid for an hour.</summary>
    internal static (ClaimsPrincipal Principal, WorkOSAuthenticationResponse Response) CreateSession()
    {
        using var rsa = RSA.Create(2048);
        var key = new RsaSecurityKey(rsa.ExportParameters(true)) { KeyId = "bench" };
        string[] resources = ["projects", "invoices", "reports", "members", "settings"];
        string[] actions = ["read", "write", "delete", "export", "approve"];
        var now = DateTimeOffset.UtcNow;
        var accessToken = new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
        {
            Claims = new Dictionary<string, object>
            {
                ["iss"] = "https://api.workos.com/user_management/client_bench", ["sub"] = "user_01HBEQKA6K4QJAS93VPE39W1JT",
                ["sid"] = "session_01HQSXZGF8FHF7A9ZZFCW4387R", ["org_id"] = "org_01HRDMC6CM357W30QMHMQ96Q0S", ["role"] = "billing-admin",
                ["roles"] = new[] { "billing-admin", "project-lead", "auditor" },
                ["permissions"] = resources.SelectMany(r => actions.Select(a => $"{r}:{a}")).ToArray(),
                ["entitlements"] = new[] { "audit-logs", "sso", "custom-roles", "api-access", "priority-support" },
                ["feature_flags"] = new[] { "new-dashboard", "beta-exports", "dark-mode", "ai-summaries", "bulk-edit" },
                ["jti"] = "01HQSXZXPPFPKMDD32RKTFY6PV", ["iat"] = now.ToUnixTimeSeconds(), ["exp"] = now.AddHours(1).ToUnixTimeSeconds(),
            },
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.RsaSha256),
        });
        var response = new WorkOSAuthenticationResponse
        {
            AccessToken = accessToken,
            RefreshToken = "yAjhKk123NLIjdrBdGZPf8pLIDvK",
            User = new WorkOSUser { Id = "user_01HBEQKA6K4QJAS93VPE39W1JT", Email = "dana@initech.com", FirstName = "Dana", LastName = "Scully", EmailVerified = true },
            AuthenticationMethod = "Password",
        };
        return (SessionTokens.CreatePrincipal(response, new JsonWebToken(accessToken), WorkOSAuthKitDefaults.CookieScheme), response);
    }
}
