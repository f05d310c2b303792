using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using WorkOS.AspNetCore.Emulator.State;

namespace WorkOS.AspNetCore.Emulator.Tokens;

/// <summary>Builds and signs WorkOS-shaped access tokens (RS256, <c>kid</c> header).</summary>
internal sealed class AccessTokenFactory(SigningKeyRing keys, WorkOSEmulatorOptions options)
{
    private readonly JsonWebTokenHandler _handler = new() { SetDefaultTimesOnTokenCreation = false };
    private IReadOnlyDictionary<string, object> _sessionClaims = new Dictionary<string, object>();

    /// <summary>Claims added to (or replacing those of) every session token from now on.</summary>
    public IReadOnlyDictionary<string, object> SessionClaims
    {
        get => Volatile.Read(ref _sessionClaims);
        set => Volatile.Write(ref _sessionClaims, value);
    }

    /// <summary>The token of a session, with its user, organization, roles and flags.</summary>
    public string Create(AccessTokenContent content)
    {
        var claims = new Dictionary<string, object>(StringComparer.Ordinal)
        {
            ["sub"] = content.UserId,
            ["sid"] = content.SessionId,
            ["auth_time"] = content.AuthenticatedAt.ToUnixTimeSeconds(),
        };
        if (content.ImpersonatorEmail is { } impersonator)
        {
            claims["act"] = new Dictionary<string, object> { ["sub"] = impersonator };
        }

        if (content.OrganizationId is { } organizationId)
        {
            claims["org_id"] = organizationId;
            if (content.Roles.Count > 0)
            {
                claims["role"] = content.Roles[0];
                claims["roles"] = content.Roles.ToArray();
            }

            claims["permissions"] = content.Permissions.ToArray();
            if (content.Entitlements.Count > 0)
            {
                claims["entitlements"] = content.Entitlements.ToArray();
            }
        }

        if (content.FeatureFlags.Count > 0)
        {
            claims["feature_flags"] = content.FeatureFlags.ToArray();
        }

        foreach (var (name, value) in SessionClaims)
        {
            claims[name] = value;
        }

        return Create(claims, null);
    }

    /// <summary>
    /// Signs arbitrary claims with the current key. <c>iss</c>, <c>jti</c>, <c>iat</c> and <c>exp</c> are added
    /// unless given.
    /// </summary>
    public string Create(IDictionary<string, object> claims, TimeSpan? lifetime)
    {
        var now = options.TimeProvider.GetUtcNow();
        var all = new Dictionary<string, object>(claims, StringComparer.Ordinal);
        all.TryAdd("iss", options.Issuer ?? "");
        all.TryAdd("jti", IdGenerator.NewUlid(now));
        all.TryAdd("iat", now.ToUnixTimeSeconds());
        all.TryAdd("exp", (now + (lifetime ?? options.AccessTokenLifetime)).ToUnixTimeSeconds());

        var key = keys.Current;
        return _handler.CreateToken(new SecurityTokenDescriptor
        {
            Claims = all,
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.RsaSha256),
        });
    }
}
