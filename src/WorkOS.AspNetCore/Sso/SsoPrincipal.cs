using System.Security.Claims;
using System.Text.Json;
using WorkOS.AspNetCore.Claims;

namespace WorkOS.AspNetCore.Sso;

/// <summary>Turns an SSO profile into the principal the cookie scheme signs in.</summary>
internal static class SsoPrincipal
{
    private const int MaxRawValueLength = 1024;
    private const int MaxRawNameLength = 128;
    private const int MaxGroups = 256;

    public static ClaimsPrincipal Create(WorkOSSsoProfile profile, WorkOSSsoOptions options, string scheme)
    {
        var identity = new ClaimsIdentity(scheme, WorkOSClaimTypes.Email, WorkOSClaimTypes.Role);
        identity.AddClaim(new Claim(WorkOSClaimTypes.UserId, profile.Id));
        identity.AddClaim(new Claim(ClaimTypes.NameIdentifier, profile.Id));
        Add(identity, WorkOSClaimTypes.Email, profile.Email);
        Add(identity, WorkOSClaimTypes.GivenName, profile.FirstName);
        Add(identity, WorkOSClaimTypes.FamilyName, profile.LastName);
        var name = string.Join(' ', new[] { profile.FirstName, profile.LastName }.Where(n => !string.IsNullOrWhiteSpace(n)));
        Add(identity, WorkOSClaimTypes.Name, name);
        Add(identity, WorkOSClaimTypes.OrganizationId, profile.OrganizationId);
        Add(identity, WorkOSSsoClaimTypes.ConnectionId, profile.ConnectionId);
        Add(identity, WorkOSSsoClaimTypes.ConnectionType, profile.ConnectionType);
        Add(identity, WorkOSSsoClaimTypes.IdpId, profile.IdpId);

        var roles = new List<string>();
        if (profile.Role?.Slug is { Length: > 0 } role)
        {
            roles.Add(role);
        }

        roles.AddRange((profile.Roles ?? []).Select(r => r?.Slug).OfType<string>().Where(s => s.Length > 0));
        foreach (var slug in roles.Distinct(StringComparer.Ordinal))
        {
            identity.AddClaim(new Claim(WorkOSClaimTypes.Role, slug));
        }

        foreach (var group in (profile.Groups ?? []).Where(g => !string.IsNullOrEmpty(g)).Distinct(StringComparer.Ordinal).Take(MaxGroups))
        {
            identity.AddClaim(new Claim(WorkOSSsoClaimTypes.Group, group));
        }

        if (options.IncludeRawAttributes && profile.RawAttributes is { ValueKind: JsonValueKind.Object } raw)
        {
            var kept = 0;
            foreach (var attribute in raw.EnumerateObject())
            {
                if (kept >= options.MaxRawAttributes)
                {
                    break;
                }

                if (attribute.Value.ValueKind is JsonValueKind.String or JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False
                    && attribute.Name.Length is > 0 and <= MaxRawNameLength)
                {
                    var value = attribute.Value.ValueKind == JsonValueKind.String ? attribute.Value.GetString()! : attribute.Value.GetRawText();
                    if (value.Length <= MaxRawValueLength)
                    {
                        identity.AddClaim(new Claim(WorkOSSsoClaimTypes.RawAttributePrefix + attribute.Name, value));
                        kept++;
                    }
                }
            }
        }

        return new ClaimsPrincipal(identity);
    }

    private static void Add(ClaimsIdentity identity, string type, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            identity.AddClaim(new Claim(type, value));
        }
    }
}
