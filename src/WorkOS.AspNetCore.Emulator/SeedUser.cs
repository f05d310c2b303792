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

    /// <summary>Feature flags enabled for this user; they appear in the <c>feature_flags</c> claim.</summary>
    public List<string> FeatureFlags { get; set; } = [];
}
