namespace WorkOS.AspNetCore.Emulator;

/// <summary>
/// A machine-to-machine application of WorkOS Connect: it gets access tokens from <c>POST /oauth2/token</c> with the
/// client credentials grant, for its organization and within its allowed scopes.
/// </summary>
public sealed class SeedM2MApplication
{
    /// <summary>The application's client id (<c>client_...</c>); generated when missing.</summary>
    public string? ClientId { get; set; }

    /// <summary>The application's client secret.</summary>
    public string ClientSecret { get; set; } = "";

    /// <summary>The organization the application acts for (the tokens' <c>org_id</c>).</summary>
    public string OrganizationId { get; set; } = "";

    /// <summary>The scopes the application may ask for; a request without <c>scope</c> gets all of them.</summary>
    public List<string> Scopes { get; set; } = [];
}
