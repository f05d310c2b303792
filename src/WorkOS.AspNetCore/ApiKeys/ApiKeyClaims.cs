using System.Security.Claims;
using WorkOS.AspNetCore.Api;
using WorkOS.AspNetCore.Claims;

namespace WorkOS.AspNetCore.ApiKeys;

/// <summary>
/// The claims of an API key, under the same types as a user's token so permission policies work for both: the
/// owning organization as <c>org_id</c> (or the owning user as <c>sub</c>), each permission as <c>permission</c>,
/// plus the key's id and name.
/// </summary>
internal static class ApiKeyClaims
{
    public static ClaimsIdentity CreateIdentity(WorkOSApiKey key, string authenticationType, string issuer)
    {
        // An API key has no email: its name is the identity's name.
        var identity = new ClaimsIdentity(authenticationType, WorkOSClaimTypes.Name, WorkOSClaimTypes.Role);
        Add(identity, WorkOSApiKeyDefaults.KeyIdClaimType, key.Id, issuer);
        Add(identity, WorkOSClaimTypes.Name, key.Name, issuer);
        switch (key.Owner?.Type)
        {
            case "organization":
                Add(identity, WorkOSClaimTypes.OrganizationId, key.Owner.Id, issuer);
                break;
            case "user":
                Add(identity, WorkOSClaimTypes.UserId, key.Owner.Id, issuer);
                break;
        }

        foreach (var permission in key.Permissions.Distinct(StringComparer.Ordinal))
        {
            Add(identity, WorkOSClaimTypes.Permission, permission, issuer);
        }

        return identity;
    }

    private static void Add(ClaimsIdentity identity, string type, string? value, string issuer)
    {
        if (!string.IsNullOrEmpty(value))
        {
            identity.AddClaim(new Claim(type, value, ClaimValueTypes.String, issuer));
        }
    }
}
