namespace WorkOS.AspNetCore.Emulator;

/// <summary>An organization the emulator starts with.</summary>
public sealed class SeedOrganization
{
    /// <summary>The organization id (<c>org_...</c>); generated when missing.</summary>
    public string? Id { get; set; }

    /// <summary>The display name.</summary>
    public string Name { get; set; } = "";

    /// <summary>Entitlements of the organization; they appear in the <c>entitlements</c> claim.</summary>
    public List<string> Entitlements { get; set; } = [];

    /// <summary>
    /// Whether the organization's active members need a second factor (TOTP) to sign in through the custom sign-in
    /// grants (<c>mfa_enrollment</c>, then <c>mfa_challenge</c>). Default <see langword="false"/>.
    /// </summary>
    public bool RequireMfa { get; set; }

    /// <summary>Feature flags enabled for the organization; they appear in the <c>feature_flags</c> claim.</summary>
    public List<string> FeatureFlags { get; set; } = [];
}
