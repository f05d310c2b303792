using System.Security.Claims;
using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using WorkOS.AspNetCore.Api;
using WorkOS.AspNetCore.Claims;
using WorkOS.AspNetCore.Session;

namespace WorkOS.AspNetCore.Benchmarks;

/// <summary>
/// Reading the session cookie on every request: the library's sealed session (tokens and profile stored, token claims
/// derived again on read, no signature work) against ASP.NET's standard ticket format holding every claim plus the
/// tokens, and the session sealed in the previous format (the framework's serializer over the profile claims and the
/// tokens, every claim derived again on each read), which still reads. All use the same DataProtection key ring. The
/// cookie sizes are printed at setup.
/// </summary>
[MemoryDiagnoser]
public class SessionCookieBenchmarks
{
    private TicketDataFormat _standard = default!;
    private ISecureDataFormat<AuthenticationTicket> _session = default!;
    private string _standardCookie = default!;
    private string _sessionCookie = default!;
    private string _previousFormatCookie = default!;

    [GlobalSetup]
    public void Setup()
    {
        var dataProtection = new EphemeralDataProtectionProvider();
        _standard = new TicketDataFormat(dataProtection.CreateProtector("standard"));
        _session = new SessionTicketFormat(dataProtection.CreateProtector("session"));

        // A user with 3 roles, 25 permissions, 5 entitlements and 5 feature flags: the session of the whole-request benchmark.
        var (principal, response) = SessionCookieRequestBenchmarks.CreateSession();
        var now = DateTimeOffset.UtcNow;
        var properties = new AuthenticationProperties { IsPersistent = true, IssuedUtc = now, ExpiresUtc = now.AddDays(30) };
        SessionTokens.Store(properties, response);
        var ticket = new AuthenticationTicket(principal, properties, "WorkOS.Session");

        _standardCookie = _standard.Protect(ticket);
        _sessionCookie = _session.Protect(ticket);
        _previousFormatCookie = SealInPreviousFormat(dataProtection.CreateProtector("session"), ticket);
        Console.WriteLine($"// cookie size: standard ticket (all claims + tokens) {_standardCookie.Length} bytes, WorkOS session {_sessionCookie.Length} bytes, previous format {_previousFormatCookie.Length} bytes");
    }

    [Benchmark(Baseline = true, Description = "ASP.NET TicketDataFormat, all claims stored")]
    public ClaimsPrincipal? StandardTicket() => _standard.Unprotect(_standardCookie)?.Principal;

    [Benchmark(Description = "WorkOS session, claims derived from the token")]
    public ClaimsPrincipal? WorkOSSession() => _session.Unprotect(_sessionCookie)?.Principal;

    [Benchmark(Description = "WorkOS session, previous format")]
    public ClaimsPrincipal? PreviousFormat() => _session.Unprotect(_previousFormatCookie)?.Principal;

    /// <summary>A session sealed as the library sealed it before the compact layout.</summary>
    internal static string SealInPreviousFormat(IDataProtector protector, AuthenticationTicket ticket)
    {
        var source = (ClaimsIdentity)ticket.Principal.Identity!;
        var profile = new ClaimsIdentity(source.AuthenticationType, WorkOSClaimTypes.Email, WorkOSClaimTypes.Role);
        profile.AddClaims(source.Claims.Where(c => WorkOSClaimsMapper.ProfileClaimTypes.Contains(c.Type)));
        var slim = new AuthenticationTicket(new ClaimsPrincipal(profile), ticket.Properties, ticket.AuthenticationScheme);
        return Base64UrlTextEncoder.Encode(protector.Protect(TicketSerializer.Default.Serialize(slim)));
    }
}
