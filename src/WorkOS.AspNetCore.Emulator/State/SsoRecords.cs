namespace WorkOS.AspNetCore.Emulator.State;

/// <summary>An SSO connection held by the emulator.</summary>
internal sealed class ConnectionRecord
{
    public required string Id { get; init; }
    public required string Name { get; set; }
    public required string ConnectionType { get; init; }
    public string? OrganizationId { get; init; }
    public List<string> Domains { get; init; } = [];
    public required string State { get; set; }
    public bool AllowProfilesOutsideOrganization { get; init; }
    public List<ProfileRecord> Profiles { get; init; } = [];
    public required DateTimeOffset CreatedAt { get; init; }
    public required DateTimeOffset UpdatedAt { get; set; }

    public bool IsActive => string.Equals(State, "active", StringComparison.Ordinal);

    /// <summary>Whether <paramref name="email"/> is in one of the connection's domains (any email when it has none).</summary>
    public bool AllowsEmail(string email)
    {
        if (Domains.Count == 0 || AllowProfilesOutsideOrganization)
        {
            return true;
        }

        var at = email.LastIndexOf('@');
        var domain = at < 0 ? "" : email[(at + 1)..];
        return Domains.Contains(domain, StringComparer.OrdinalIgnoreCase);
    }
}

/// <summary>The profile of one user of a connection, as its identity provider describes them.</summary>
internal sealed class ProfileRecord
{
    public required string Id { get; init; }
    public required string Email { get; init; }
    public string? FirstName { get; init; }
    public string? LastName { get; init; }
    public required string IdpId { get; init; }
    public List<string> Roles { get; init; } = [];
    public List<string> Groups { get; init; } = [];
    public Dictionary<string, string> RawAttributes { get; init; } = [];
}

/// <summary>A profile as signed in through a connection: what <c>/sso/token</c> and <c>/sso/profile</c> answer.</summary>
internal sealed record SsoProfile(string ConnectionId, string ConnectionType, string? OrganizationId, ProfileRecord Profile);

/// <summary>A one-time SSO authorization code.</summary>
internal sealed class SsoCodeRecord
{
    public required string Code { get; init; }
    public required string ClientId { get; init; }
    public required SsoProfile Profile { get; init; }
    public string? CodeChallenge { get; init; }
    public required DateTimeOffset ExpiresAt { get; init; }
    public bool Used { get; set; }
}

/// <summary>A passwordless (Magic Link) session: one link, one use.</summary>
internal sealed class PasswordlessSessionRecord
{
    public required string Id { get; init; }
    public required string Email { get; init; }
    public required string Token { get; init; }
    public string? RedirectUri { get; init; }
    public string? State { get; init; }
    public required DateTimeOffset ExpiresAt { get; init; }
    public bool Used { get; set; }
}

/// <summary>A one-time SSO logout token.</summary>
internal sealed class SsoLogoutTokenRecord
{
    public required string Token { get; init; }
    public required string ProfileId { get; init; }
    public required DateTimeOffset ExpiresAt { get; init; }
    public bool Used { get; set; }
}

/// <summary>How <c>GET /sso/authorize</c>'s selector resolved: a connection, or an error of the reference.</summary>
internal sealed record SelectorOutcome(ConnectionRecord? Connection, string? Error, string? Description)
{
    public static SelectorOutcome Fail(string error, string description) => new(null, error, description);
}
