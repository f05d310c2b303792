using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.IdentityModel.JsonWebTokens;
using WorkOS.AspNetCore.Api;
using WorkOS.AspNetCore.Emulator;
using WorkOS.AspNetCore.Session;

namespace WorkOS.AspNetCore.Benchmarks.LoadComparison;

/// <summary>
/// The typical session every cookie configuration of the load comparison carries: a user with 3 roles,
/// 25 permissions (among them <c>posts:write</c>), 5 entitlements and 5 feature flags, its access token signed by
/// the emulator's key so the AuthKit scheme and both bearer schemes accept it.
/// </summary>
internal sealed class LoadSession
{
    public const string UserId = "user_01HBEQKA6K4QJAS93VPE39W1JT";

    private LoadSession(WorkOSAuthenticationResponse response, JsonWebToken token)
    {
        Response = response;
        Token = token;
    }

    public WorkOSAuthenticationResponse Response { get; }

    public JsonWebToken Token { get; }

    public string AccessToken => Response.AccessToken;

    public static LoadSession Create(WorkOSEmulator emulator, TimeSpan lifetime)
    {
        string[] resources = ["posts", "invoices", "reports", "members", "settings"];
        string[] actions = ["read", "write", "delete", "export", "approve"];
        var accessToken = emulator.CreateAccessToken(new Dictionary<string, object>
        {
            ["sub"] = UserId,
            ["sid"] = "session_01HQSXZGF8FHF7A9ZZFCW4387R",
            ["org_id"] = "org_01HRDMC6CM357W30QMHMQ96Q0S",
            ["role"] = "billing-admin",
            ["roles"] = new[] { "billing-admin", "project-lead", "auditor" },
            ["permissions"] = resources.SelectMany(r => actions.Select(a => $"{r}:{a}")).ToArray(),
            ["entitlements"] = new[] { "audit-logs", "sso", "custom-roles", "api-access", "priority-support" },
            ["feature_flags"] = new[] { "new-dashboard", "beta-exports", "dark-mode", "ai-summaries", "bulk-edit" },
        }, lifetime);
        var response = new WorkOSAuthenticationResponse
        {
            AccessToken = accessToken,
            RefreshToken = "yAjhKk123NLIjdrBdGZPf8pLIDvK",
            User = new WorkOSUser { Id = UserId, Email = "dana@initech.com", FirstName = "Dana", LastName = "Scully", EmailVerified = true },
            AuthenticationMethod = "Password",
        };
        return new LoadSession(response, new JsonWebToken(accessToken));
    }

    /// <summary>The principal the AuthKit session derives, with every claim; the baseline cookies store it as is.</summary>
    public ClaimsPrincipal CreatePrincipal(string authenticationType) => SessionTokens.CreatePrincipal(Response, Token, authenticationType);

    /// <summary>A ticket for <paramref name="scheme"/>; with <paramref name="tokens"/> both tokens are stored in its properties.</summary>
    public AuthenticationTicket CreateTicket(string scheme, bool tokens, TimeProvider clock)
    {
        var now = clock.GetUtcNow();
        var properties = new AuthenticationProperties { IsPersistent = true, IssuedUtc = now, ExpiresUtc = now.AddDays(30) };
        if (tokens)
        {
            SessionTokens.Store(properties, Response);
        }

        return new AuthenticationTicket(CreatePrincipal(scheme), properties, scheme);
    }
}
