namespace WorkOS.AspNetCore.Emulator.State;

/// <summary>
/// A pending authentication token: what a sign-in has passed so far and which step it waits for. Bound to its user and
/// step, single use once the step succeeds, and valid for <see cref="EmulatorStore.PendingTokenLifetime"/>.
/// </summary>
internal sealed class PendingAuthenticationRecord
{
    public required string Token { get; init; }
    public required string UserId { get; init; }
    public required EmulatorAuthenticationError Step { get; init; }
    public required SignInProgress Progress { get; init; }
    public required DateTimeOffset ExpiresAt { get; init; }
    public bool Used { get; set; }
}

/// <summary>What a sign-in carries from step to step: how the user proved who they are, and what is settled.</summary>
internal sealed record SignInProgress(string AuthenticationMethod, string? OrganizationId, bool MfaPassed, bool OrganizationChosen)
{
    public PendingImpersonation? Impersonation { get; init; }

    /// <summary>The invitation the sign-in accepts once it succeeds.</summary>
    public string? InvitationToken { get; init; }
}

/// <summary>A six-digit one-time code sent by email (Magic Auth, email verification): single use, expires.</summary>
internal sealed class OneTimeCodeRecord
{
    public required string Id { get; init; }
    public required string UserId { get; init; }
    public required string Email { get; init; }
    public required string Code { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public required DateTimeOffset ExpiresAt { get; init; }
    public string? InvitationToken { get; init; }
    public bool Used { get; set; }
}

/// <summary>
/// How a custom sign-in grant ended: a session, a pending step (an authentication error with its token), or a refusal in
/// WorkOS's OAuth error shape.
/// </summary>
internal sealed record SignInOutcome(IssuedSession? Session, AuthenticationChallenge? Challenge, SignInRefusal? Refusal)
{
    public static SignInOutcome Refuse(string error, string description) => new(null, null, new SignInRefusal(error, description));
}

/// <summary>
/// A refused grant: <c>400 {"error": ..., "error_description": ...}</c>, or <c>400 {"code": ..., "message": ...}</c> when
/// not <paramref name="OAuthShape"/>.
/// </summary>
internal sealed record SignInRefusal(string Error, string Description, bool OAuthShape = true);
