using System.Security.Claims;
using WorkOS.AspNetCore.Connect;

namespace WorkOS.AspNetCore.Claims;

/// <summary>Reads what a WorkOS Connect token says about its caller.</summary>
public static class WorkOSConnectClaimsPrincipalExtensions
{
    /// <summary>
    /// Whether the caller is a machine-to-machine application rather than a user: its token has no <c>sid</c> and its
    /// <c>sub</c> is its own <c>client_id</c>.
    /// </summary>
    /// <param name="principal">The caller.</param>
    /// <returns><see langword="true"/> for an M2M token.</returns>
    public static bool IsWorkOSMachineToken(this ClaimsPrincipal principal)
    {
        ArgumentNullException.ThrowIfNull(principal);
        foreach (var identity in principal.Identities)
        {
            if (identity.IsAuthenticated && identity.FindFirst("sid") is null && identity.FindFirst("client_id")?.Value is { Length: > 0 } clientId
                && string.Equals(identity.FindFirst("sub")?.Value, clientId, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether the caller's token grants <paramref name="scope"/> (one of its <c>scope</c> claims).</summary>
    /// <param name="principal">The caller.</param>
    /// <param name="scope">The scope.</param>
    /// <returns><see langword="true"/> when granted.</returns>
    public static bool HasWorkOSScope(this ClaimsPrincipal principal, string scope)
    {
        ArgumentNullException.ThrowIfNull(principal);
        return principal.Identities.Any(i => i.IsAuthenticated && i.HasClaim(WorkOSConnectDefaults.ScopeClaimType, scope));
    }
}
