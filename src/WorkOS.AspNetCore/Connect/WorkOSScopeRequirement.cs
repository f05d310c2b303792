using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;

namespace WorkOS.AspNetCore.Connect;

/// <summary>
/// Requires every one of some scopes (<c>scope</c> claims) on an authenticated identity. When it fails, the missing
/// scopes are left on the request so the Connect scheme's 403 names them in <c>insufficient_scope</c>.
/// </summary>
internal sealed class WorkOSScopeRequirement : AuthorizationHandler<WorkOSScopeRequirement>, IAuthorizationRequirement
{
    public WorkOSScopeRequirement(IEnumerable<string> scopes)
    {
        ArgumentNullException.ThrowIfNull(scopes);
        Scopes = [.. scopes.Distinct(StringComparer.Ordinal)];
        if (Scopes.Length == 0 || Scopes.Any(s => string.IsNullOrWhiteSpace(s) || s.Contains(' ', StringComparison.Ordinal)))
        {
            throw new ArgumentException("Give at least one scope, and no empty ones or ones with spaces.", nameof(scopes));
        }
    }

    public string[] Scopes { get; }

    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, WorkOSScopeRequirement requirement)
    {
        var missing = requirement.Scopes.Where(scope => !context.User.Identities.Any(i => i.IsAuthenticated
            && i.HasClaim(WorkOSConnectDefaults.ScopeClaimType, scope))).ToArray();
        if (missing.Length == 0)
        {
            context.Succeed(requirement);
        }
        else if (context.Resource is HttpContext http)
        {
            http.Items[ConnectChallenge.MissingScopeKey] = string.Join(' ', missing);
        }

        return Task.CompletedTask;
    }

    public override string ToString() => $"WorkOSScopeRequirement: requires all of [{string.Join(", ", Scopes)}] as 'scope' claims";
}
