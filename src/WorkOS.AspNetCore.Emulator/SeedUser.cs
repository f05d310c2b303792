namespace WorkOS.AspNetCore.Emulator;

/// <summary>A user the emulator starts with.</summary>
public sealed class SeedUser
{
    /// <summary>The user id (<c>user_...</c>); generated when missing.</summary>
    public string? Id { get; set; }

    /// <summary>The email address, also the <c>login_hint</c> that signs this user in without the page.</summary>
    public string Email { get; set; } = "";

    /// <summary>The first name.</summary>
    public string? FirstName { get; set; }

    /// <summary>The last name.</summary>
    public string? LastName { get; set; }

    /// <summary>Whether the email address is verified. Default <see langword="true"/>.</summary>
    public bool EmailVerified { get; set; } = true;

    /// <summary>The profile picture URL, if any.</summary>
    public string? ProfilePictureUrl { get; set; }

    /// <summary>
    /// The password of the <c>password</c> grant (<c>POST /user_management/authenticate</c>); <see langword="null"/> (the
    /// default) for a user who cannot sign in with a password.
    /// </summary>
    public string? Password { get; set; }

    /// <summary>
    /// Whether every sign-in of this user through the custom sign-in grants needs a second factor (TOTP): without one
    /// they get <c>mfa_enrollment</c>, with one <c>mfa_challenge</c>. Default <see langword="false"/>.
    /// </summary>
    public bool RequireMfa { get; set; }

    /// <summary>Feature flags enabled for this user; they appear in the <c>feature_flags</c> claim.</summary>
    public List<string> FeatureFlags { get; set; } = [];
}
