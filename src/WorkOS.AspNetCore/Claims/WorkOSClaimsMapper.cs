using System.Security.Claims;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using WorkOS.AspNetCore.Api;

namespace WorkOS.AspNetCore.Claims;

/// <summary>
/// The one place where WorkOS data becomes claims: access-token claims (every scheme) plus the user profile
/// from the authenticate response (cookie sessions). JWT-template custom claims pass through untouched.
/// </summary>
internal static class WorkOSClaimsMapper
{
    /// <summary>The claim types that come from the authenticate response rather than the token; the session stores only these.</summary>
    internal static readonly HashSet<string> ProfileClaimTypes =
    [
        WorkOSClaimTypes.Email, WorkOSClaimTypes.EmailVerified, WorkOSClaimTypes.GivenName, WorkOSClaimTypes.FamilyName,
        WorkOSClaimTypes.Name, WorkOSClaimTypes.Picture, WorkOSClaimTypes.AuthenticationMethod, WorkOSClaimTypes.ImpersonatorReason,
    ];

    private static readonly HashSet<string> TokenMetadata = ["iss", "exp", "iat", "nbf", "jti", "aud"];

    public static ClaimsIdentity CreateIdentity(JsonWebToken token, IEnumerable<Claim> profileClaims, string authenticationType) =>
        CreateIdentity(token, profileClaims, authenticationType, WorkOSClaimTypes.Email);

    /// <summary>
    /// The identity of a caller's access token alone (the bearer scheme): its name is the token's <c>email</c> when
    /// it carries one (a JWT template's), else the user id, so <c>User.Identity.Name</c> is never empty for a user.
    /// </summary>
    public static ClaimsIdentity CreateBearerIdentity(JsonWebToken token, string authenticationType) =>
        CreateIdentity(token, [], authenticationType,
            token.TryGetPayloadValue<string>(WorkOSClaimTypes.Email, out var email) && !string.IsNullOrEmpty(email)
                ? WorkOSClaimTypes.Email
                : WorkOSClaimTypes.UserId);

    private static ClaimsIdentity CreateIdentity(JsonWebToken token, IEnumerable<Claim> profileClaims, string authenticationType, string nameClaimType)
    {
        var issuer = string.IsNullOrEmpty(token.Issuer) ? ClaimsIdentity.DefaultIssuer : token.Issuer;
        var identity = new ClaimsIdentity(authenticationType, nameClaimType, WorkOSClaimTypes.Role);
        var roles = new HashSet<string>(StringComparer.Ordinal);

        // The primary role first, so GetWorkOSRole() can read it as the first role claim.
        if (token.TryGetPayloadValue<string>("role", out var primaryRole) && !string.IsNullOrEmpty(primaryRole) && roles.Add(primaryRole))
        {
            identity.AddClaim(new Claim(WorkOSClaimTypes.Role, primaryRole, ClaimValueTypes.String, issuer));
        }

        foreach (var claim in token.Claims)
        {
            switch (claim.Type)
            {
                case "role":
                    break;
                case "roles":
                    if (roles.Add(claim.Value))
                    {
                        identity.AddClaim(new Claim(WorkOSClaimTypes.Role, claim.Value, ClaimValueTypes.String, issuer));
                    }

                    break;
                case "permissions":
                    identity.AddClaim(new Claim(WorkOSClaimTypes.Permission, claim.Value, ClaimValueTypes.String, issuer));
                    break;
                case "entitlements":
                    identity.AddClaim(new Claim(WorkOSClaimTypes.Entitlement, claim.Value, ClaimValueTypes.String, issuer));
                    break;
                case "feature_flags":
                    identity.AddClaim(new Claim(WorkOSClaimTypes.FeatureFlag, claim.Value, ClaimValueTypes.String, issuer));
                    break;
                case "act":
                    if (ReadActor(claim.Value) is { } actor)
                    {
                        identity.AddClaim(new Claim(WorkOSClaimTypes.Impersonator, actor, ClaimValueTypes.String, issuer));
                    }

                    break;
                default:
                    if (!TokenMetadata.Contains(claim.Type))
                    {
                        identity.AddClaim(new Claim(claim.Type, claim.Value, claim.ValueType, issuer));
                    }

                    break;
            }
        }

        foreach (var claim in profileClaims)
        {
            // A token claim of the same type (a JWT template's email, say) wins over the stored profile.
            if (!HasClaimOfType(identity, claim.Type))
            {
                identity.AddClaim(new Claim(claim.Type, claim.Value, claim.ValueType, claim.Issuer));
            }
        }

        return identity;
    }

    /// <summary>Whether the identity has a claim of exactly this type (ordinal, as token claim names are), without a closure.</summary>
    private static bool HasClaimOfType(ClaimsIdentity identity, string type)
    {
        foreach (var claim in identity.Claims)
        {
            if (string.Equals(claim.Type, type, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The profile claims of an authenticate response: what the token does not carry.</summary>
    public static List<Claim> ProfileClaims(WorkOSAuthenticationResponse response)
    {
        var user = response.User;
        var claims = new List<Claim>(8);
        Add(claims, WorkOSClaimTypes.Email, user.Email);
        claims.Add(new Claim(WorkOSClaimTypes.EmailVerified, user.EmailVerified ? "true" : "false", ClaimValueTypes.Boolean));
        Add(claims, WorkOSClaimTypes.GivenName, user.FirstName);
        Add(claims, WorkOSClaimTypes.FamilyName, user.LastName);
        var fullName = string.Join(' ', new[] { user.FirstName, user.LastName }.Where(n => !string.IsNullOrWhiteSpace(n)));
        Add(claims, WorkOSClaimTypes.Name, fullName);
        Add(claims, WorkOSClaimTypes.Picture, user.ProfilePictureUrl);
        Add(claims, WorkOSClaimTypes.AuthenticationMethod, response.AuthenticationMethod);
        Add(claims, WorkOSClaimTypes.ImpersonatorReason, response.Impersonator?.Reason);
        return claims;
    }

    private static void Add(List<Claim> claims, string type, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            claims.Add(new Claim(type, value, ClaimValueTypes.String));
        }
    }

    private static string? ReadActor(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("sub", out var sub) && sub.ValueKind == JsonValueKind.String
                ? sub.GetString()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
