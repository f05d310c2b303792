using System.Security.Claims;

namespace WorkOS.AspNetCore.SignIn;

/// <summary>
/// The outcome of a step of a custom sign-in (<see cref="WorkOSSignInManager"/>). Switch on <see cref="Status"/>; a step
/// that needs another one carries <see cref="PendingStep"/>, which the page sends back (a hidden form field) with the next call.
/// </summary>
public sealed class WorkOSSignInResult
{
    internal WorkOSSignInResult(WorkOSSignInStatus status)
    {
        Status = status;
    }

    /// <summary>What the step came to.</summary>
    public WorkOSSignInStatus Status { get; }

    /// <summary>Whether the user is now signed in.</summary>
    public bool Succeeded => Status == WorkOSSignInStatus.SignedIn;

    /// <summary>The signed-in user's principal, as the session cookie holds it; set when <see cref="Succeeded"/>.</summary>
    public ClaimsPrincipal? Principal { get; internal init; }

    /// <summary>
    /// The next step's token: WorkOS's pending authentication token protected by the app's data protection keys, bound to
    /// this browser and valid for a few minutes. Opaque to the page; pass it to the next call.
    /// </summary>
    public string? PendingStep { get; internal init; }

    /// <summary>The user's email address, when WorkOS named it (for example the address a verification code was sent to).</summary>
    public string? Email { get; internal init; }

    /// <summary>The organizations the user may choose from, when <see cref="Status"/> is <see cref="WorkOSSignInStatus.RequiresOrganizationSelection"/>.</summary>
    public IReadOnlyList<WorkOSOrganizationChoice> Organizations { get; internal init; } = [];

    /// <summary>
    /// The authenticator app enrollment to show (QR code, secret), from <see cref="WorkOSSignInManager.EnrollTotpAsync"/>,
    /// and again with a failed <see cref="WorkOSSignInManager.VerifyTotpAsync"/> of the challenge that follows it, so the
    /// page can show it with the error.
    /// </summary>
    public WorkOSTotpEnrollment? Totp { get; internal init; }

    /// <summary>The SSO connections that may sign the user in, when <see cref="Status"/> is <see cref="WorkOSSignInStatus.RequiresSso"/>.</summary>
    public IReadOnlyList<string> SsoConnectionIds { get; internal init; } = [];

    /// <summary>
    /// Why the step failed: WorkOS's error code (for example <c>invalid_credentials</c>, <c>invalid_one_time_code</c>) or
    /// the library's (<c>step_invalid</c>, <c>step_expired</c>, <c>workos_unavailable</c>).
    /// </summary>
    public string? ErrorCode { get; internal init; }

    /// <summary>A message for the user about the failure, safe to show.</summary>
    public string? ErrorMessage { get; internal init; }

    /// <summary>How long to wait before trying again, when <see cref="Status"/> is <see cref="WorkOSSignInStatus.RateLimited"/>.</summary>
    public TimeSpan? RetryAfter { get; internal init; }

    /// <summary>Where the user was going: the local return URL the sign-in started with, carried through its steps.</summary>
    public string? ReturnUrl { get; internal init; }
}

/// <summary>An organization a user may sign in to.</summary>
/// <param name="Id">The organization id (<c>org_...</c>).</param>
/// <param name="Name">The organization's name.</param>
public sealed record WorkOSOrganizationChoice(string Id, string Name);

/// <summary>An authenticator app (TOTP) enrollment to show the user.</summary>
/// <param name="FactorId">The authentication factor's id (<c>auth_factor_...</c>).</param>
/// <param name="QrCode">The QR code as a <c>data:image/png;base64,...</c> URI, for an <c>img</c> element's <c>src</c>.</param>
/// <param name="Secret">The shared secret (base32), for typing into the app by hand.</param>
/// <param name="Uri">The <c>otpauth://</c> URI the QR code encodes.</param>
public sealed record WorkOSTotpEnrollment(string FactorId, string QrCode, string Secret, string Uri);

/// <summary>An invitation, as the sign-up page shows it.</summary>
/// <param name="Id">The invitation id (<c>invitation_...</c>).</param>
/// <param name="Email">The address invited.</param>
/// <param name="State">WorkOS's state: <c>pending</c>, <c>accepted</c>, <c>expired</c> or <c>revoked</c>.</param>
/// <param name="OrganizationId">The organization the invitation joins, if any.</param>
/// <param name="ExpiresAt">When the invitation expires.</param>
public sealed record WorkOSInvitation(string Id, string Email, string State, string? OrganizationId, DateTimeOffset? ExpiresAt);

/// <summary>A new user for <see cref="WorkOSSignInManager.SignUpAsync"/>.</summary>
public sealed class WorkOSSignUpRequest
{
    /// <summary>The email address.</summary>
    public required string Email { get; init; }

    /// <summary>The password; WorkOS checks its strength.</summary>
    public required string Password { get; init; }

    /// <summary>The first name.</summary>
    public string? FirstName { get; init; }

    /// <summary>The last name.</summary>
    public string? LastName { get; init; }

    /// <summary>The invitation token from the invitation link, to accept the invitation with the sign-up.</summary>
    public string? InvitationToken { get; init; }
}
