namespace WorkOS.AspNetCore.Emulator.State;

/// <summary>An issued authorization code, single use.</summary>
internal sealed class AuthorizationCodeRecord
{
    public required string Code { get; init; }
    public required string ClientId { get; init; }
    public required string UserId { get; init; }
    public string? OrganizationId { get; init; }
    public string? CodeChallenge { get; init; }
    public required string AuthenticationMethod { get; init; }
    public required DateTimeOffset ExpiresAt { get; init; }
    public PendingImpersonation? Impersonation { get; init; }
    public bool Used { get; set; }
}

/// <summary>A WorkOS session, created by a code exchange.</summary>
internal sealed class SessionRecord
{
    public required string Id { get; init; }
    public required string UserId { get; init; }
    public string? OrganizationId { get; set; }
    public required string AuthenticationMethod { get; init; }
    public string? IpAddress { get; init; }
    public string? UserAgent { get; init; }
    public bool PublicClient { get; init; }
    public required long Sequence { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public required DateTimeOffset UpdatedAt { get; set; }
    public DateTimeOffset? EndedAt { get; set; }
    public PendingImpersonation? Impersonation { get; init; }

    public bool IsActive => EndedAt is null;

    public EmulatorSession ToSnapshot() => new(Id, UserId, OrganizationId, CreatedAt, EndedAt);
}

/// <summary>A refresh token; single use, replaced by a new one on each refresh.</summary>
internal sealed class RefreshTokenRecord
{
    public required string Token { get; init; }
    public required string SessionId { get; init; }
    public bool Used { get; set; }
    public DateTimeOffset UsedAt { get; set; }

    /// <summary>The pair its exchange issued; a replay within the grace period gets the same one.</summary>
    public IssuedSession? Replacement { get; set; }
}
