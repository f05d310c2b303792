namespace WorkOS.AspNetCore.Emulator;

/// <summary>The profile an identity provider returns for one user of an SSO connection.</summary>
public sealed class SeedProfile
{
    /// <summary>The profile id (<c>prof_...</c>); generated when missing.</summary>
    public string? Id { get; set; }

    /// <summary>The email address (required).</summary>
    public string Email { get; set; } = "";

    /// <summary>The first name.</summary>
    public string? FirstName { get; set; }

    /// <summary>The last name.</summary>
    public string? LastName { get; set; }

    /// <summary>The user's id at the identity provider; generated when missing.</summary>
    public string? IdpId { get; set; }

    /// <summary>The role slugs the identity provider assigns, the first being <c>role</c>; none when empty.</summary>
    public List<string> Roles { get; set; } = [];

    /// <summary>The groups the identity provider reports; <c>groups</c> is left out of the profile when empty.</summary>
    public List<string> Groups { get; set; } = [];

    /// <summary>The identity provider's raw attributes.</summary>
    public Dictionary<string, string> RawAttributes { get; set; } = [];
}
