namespace WorkOS.AspNetCore.Emulator;

/// <summary>
/// Errors WorkOS answers a code exchange or refresh with when the user must do more before getting a session, in
/// the shape WorkOS sends each one (see <see cref="WorkOSEmulator.FailAuthentication"/>).
/// </summary>
public enum EmulatorAuthenticationError
{
    /// <summary>
    /// <c>403 {"code":"email_verification_required","message":...,"pending_authentication_token":...,"email":...,
    /// "email_verification_id":...}</c>.
    /// </summary>
    EmailVerificationRequired,

    /// <summary><c>403 {"code":"mfa_enrollment","message":...,"pending_authentication_token":...,"user":{...}}</c>.</summary>
    MfaEnrollment,

    /// <summary>
    /// <c>403 {"code":"organization_selection_required","message":...,"pending_authentication_token":...,
    /// "organizations":[{"id","name"}],"user":{...}}</c>, listing the user's active organizations.
    /// </summary>
    OrganizationSelectionRequired,

    /// <summary>
    /// <c>400 {"error":"sso_required","error_description":...,"connection_ids":[...]}</c>, the OAuth-style shape WorkOS
    /// uses for this one.
    /// </summary>
    SsoRequired,

    /// <summary>
    /// <c>403 {"code":"mfa_challenge","message":...,"pending_authentication_token":...,"authentication_factors":[{"id","type"}],
    /// "user":{...}}</c>, listing the user's verified TOTP factors; a user without one gets <see cref="MfaEnrollment"/> instead.
    /// </summary>
    MfaChallenge,
}
