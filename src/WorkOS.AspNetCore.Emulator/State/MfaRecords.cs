namespace WorkOS.AspNetCore.Emulator.State;

/// <summary>
/// A TOTP authentication factor (RFC 6238: SHA-1, 6 digits, 30-second steps). A user's factor counts for the
/// <c>mfa_challenge</c> step once a code of it has been accepted.
/// </summary>
internal sealed class TotpFactorRecord
{
    public required string Id { get; init; }
    public string? UserId { get; init; }
    public required byte[] Secret { get; init; }
    public required string Issuer { get; init; }
    public required string User { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; set; }
    public bool Verified { get; set; }

    /// <summary>The last time step whose code was accepted: codes of it and earlier steps are not accepted again.</summary>
    public long LastAcceptedStep { get; set; } = -1;
}

/// <summary>A challenge of a factor; verified once.</summary>
internal sealed class ChallengeRecord
{
    public required string Id { get; init; }
    public required string FactorId { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public required DateTimeOffset ExpiresAt { get; init; }
    public DateTimeOffset UpdatedAt { get; set; }
    public bool Verified { get; set; }
}

/// <summary>Why a code did not verify a challenge.</summary>
internal enum ChallengeVerification
{
    Valid,
    InvalidCode,
    UnknownChallenge,
    AlreadyVerified,
    Expired,
}
