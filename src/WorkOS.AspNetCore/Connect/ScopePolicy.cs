using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Logging;
using WorkOS.AspNetCore.Authorization;

namespace WorkOS.AspNetCore.Connect;

/// <summary>
/// The <c>scope:</c> policy-name convention (<see cref="WorkOSConnectDefaults.ScopePolicyPrefix"/>): an unregistered
/// policy named <c>scope:posts:write</c> requires the Connect scope <c>posts:write</c>, as <c>RequireWorkOSScope</c> does.
/// </summary>
internal sealed class ScopePolicy(ILogger<ScopePolicy> logger) : IPolicyNameConvention
{
    public AuthorizationPolicy? TryBuild(string policyName)
    {
        if (Scopes(policyName) is not { } scopes)
        {
            return null;
        }

        logger.ScopePolicyCreated(policyName);
        return new AuthorizationPolicyBuilder().AddRequirements(new WorkOSScopeRequirement(scopes)).Build();
    }

    /// <summary>
    /// The scopes a policy name requires, or <see langword="null"/> when it is not a scope policy name: the prefix and then
    /// one or more scopes of RFC 6749's <c>scope-token</c> characters separated by single spaces.
    /// </summary>
    internal static string[]? Scopes(string policyName)
    {
        if (!policyName.StartsWith(WorkOSConnectDefaults.ScopePolicyPrefix, StringComparison.Ordinal))
        {
            return null;
        }

        var scopes = policyName[WorkOSConnectDefaults.ScopePolicyPrefix.Length..].Split(' ');
        return scopes.All(IsScopeToken) ? scopes : null;
    }

    /// <summary>RFC 6749 section 3.3: <c>1*( %x21 / %x23-5B / %x5D-7E )</c>.</summary>
    private static bool IsScopeToken(string scope) =>
        scope.Length > 0 && scope.All(c => c is '\x21' or (>= '\x23' and <= '\x5B') or (>= '\x5D' and <= '\x7E'));
}
