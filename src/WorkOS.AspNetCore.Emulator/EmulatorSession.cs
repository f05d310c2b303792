namespace WorkOS.AspNetCore.Emulator;

/// <summary>A snapshot of one WorkOS session held by the emulator.</summary>
/// <param name="Id">The session id (<c>session_...</c>), the <c>sid</c> claim of its access tokens.</param>
/// <param name="UserId">The signed-in user.</param>
/// <param name="OrganizationId">The session's current organization, if any.</param>
/// <param name="CreatedAt">When the session was created.</param>
/// <param name="EndedAt">When the session was ended (sign-out or revocation); <see langword="null"/> while active.</param>
public sealed record EmulatorSession(
    string Id,
    string UserId,
    string? OrganizationId,
    DateTimeOffset CreatedAt,
    DateTimeOffset? EndedAt)
{
    /// <summary>Whether the session is still active.</summary>
    public bool IsActive => EndedAt is null;
}
