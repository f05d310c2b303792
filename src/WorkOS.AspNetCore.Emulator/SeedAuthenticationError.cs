namespace WorkOS.AspNetCore.Emulator;

/// <summary>
/// A user whose code exchanges and refreshes fail with a WorkOS authentication error (for example an organization that
/// now requires MFA enrollment or SSO), as <see cref="WorkOSEmulator.FailAuthentication"/> does at run time.
/// </summary>
public sealed class SeedAuthenticationError
{
    /// <summary>The user, by id or email address.</summary>
    public string UserId { get; set; } = "";

    /// <summary>
    /// The error code: <c>email_verification_required</c>, <c>mfa_enrollment</c>, <c>mfa_challenge</c>,
    /// <c>organization_selection_required</c> or <c>sso_required</c>.
    /// </summary>
    public string Error { get; set; } = "";

    /// <summary>How many grants fail; -1 (the default) for all of them.</summary>
    public int Count { get; set; } = -1;

    /// <summary>Whether only refreshes fail (the user signs in, then the session cannot be refreshed).</summary>
    public bool RefreshOnly { get; set; }
}
