namespace WorkOS.AspNetCore.Emulator.State;

/// <summary>A password reset token: single use, expires after <see cref="EmulatorStore.PasswordResetLifetime"/>.</summary>
internal sealed class PasswordResetRecord
{
    public required string Id { get; init; }
    public required string UserId { get; init; }
    public required string Email { get; init; }
    public required string Token { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public required DateTimeOffset ExpiresAt { get; init; }
    public bool Used { get; set; }
}

/// <summary>An invitation to sign up (into an organization, when it names one).</summary>
internal sealed class InvitationRecord
{
    public required string Id { get; init; }
    public required string Email { get; init; }
    public required string Token { get; init; }
    public string? OrganizationId { get; init; }
    public string? InviterUserId { get; init; }
    public string? RoleSlug { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public required DateTimeOffset ExpiresAt { get; init; }
    public DateTimeOffset UpdatedAt { get; set; }
    public DateTimeOffset? AcceptedAt { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }
    public string? AcceptedUserId { get; set; }
    public required long Sequence { get; init; }

    public string State(DateTimeOffset now) =>
        AcceptedAt is not null ? "accepted" : RevokedAt is not null ? "revoked" : ExpiresAt <= now ? "expired" : "pending";
}
