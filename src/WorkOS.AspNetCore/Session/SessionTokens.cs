using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.IdentityModel.JsonWebTokens;
using WorkOS.AspNetCore.Api;
using WorkOS.AspNetCore.Claims;

namespace WorkOS.AspNetCore.Session;

/// <summary>The tokens a session keeps in its authentication properties, and the principal built from them.</summary>
internal static class SessionTokens
{
    public const string AccessToken = "access_token";
    public const string RefreshToken = "refresh_token";

    public static void Store(AuthenticationProperties properties, WorkOSAuthenticationResponse response) =>
        properties.StoreTokens([
            new AuthenticationToken { Name = AccessToken, Value = response.AccessToken },
            new AuthenticationToken { Name = RefreshToken, Value = response.RefreshToken },
        ]);

    public static ClaimsPrincipal CreatePrincipal(WorkOSAuthenticationResponse response, JsonWebToken token, string authenticationType)
    {
        var identity = WorkOSClaimsMapper.CreateIdentity(token, WorkOSClaimsMapper.ProfileClaims(response), authenticationType);
        identity.BootstrapContext = new SessionTokenSet(response.AccessToken, response.RefreshToken, token);
        return new ClaimsPrincipal(identity);
    }

    /// <summary>The tokens a principal of a WorkOS session carries, when it does.</summary>
    public static SessionTokenSet? Of(ClaimsPrincipal? principal)
    {
        if (principal?.Identity is ClaimsIdentity { BootstrapContext: SessionTokenSet primary })
        {
            return primary; // the usual case, without enumerating the identities
        }

        foreach (var identity in principal?.Identities ?? [])
        {
            if (identity.BootstrapContext is SessionTokenSet tokens)
            {
                return tokens;
            }
        }

        return null;
    }
}
