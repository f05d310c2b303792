namespace WorkOS.AspNetCore.Emulator;

/// <summary>
/// An SSO connection the emulator starts with (or gets from <see cref="WorkOSEmulator.AddConnection"/>): a SAML or
/// OIDC identity provider of one organization, reached through <c>GET /sso/authorize</c>.
/// </summary>
public sealed class SeedConnection
{
    /// <summary>The connection id (<c>conn_...</c>); generated when missing.</summary>
    public string? Id { get; set; }

    /// <summary>The display name; the organization's name when missing.</summary>
    public string? Name { get; set; }

    /// <summary>
    /// The connection type as WorkOS names it, such as <c>GenericSAML</c>, <c>OktaSAML</c>, <c>AzureSAML</c> or
    /// <c>GenericOIDC</c>. Default <c>GenericSAML</c>.
    /// </summary>
    public string ConnectionType { get; set; } = "GenericSAML";

    /// <summary>The organization the connection belongs to (required).</summary>
    public string OrganizationId { get; set; } = "";

    /// <summary>
    /// The email domains of the connection (<c>acme.com</c>). A <c>domain_hint</c> must be one of them, and a profile
    /// whose email is outside them is refused (<c>profile_not_allowed_outside_organization</c>) unless
    /// <see cref="AllowProfilesOutsideOrganization"/> is set. With no domains every email is allowed.
    /// </summary>
    public List<string> Domains { get; set; } = [];

    /// <summary><c>active</c> (default) or <c>inactive</c>; an inactive connection cannot sign anyone in.</summary>
    public string State { get; set; } = "active";

    /// <summary>Whether profiles whose email is outside <see cref="Domains"/> may sign in.</summary>
    public bool AllowProfilesOutsideOrganization { get; set; }

    /// <summary>
    /// The profiles that can sign in through the connection. When empty, every active member of the organization gets
    /// one, with the membership's roles as <c>role</c> and <c>roles</c>.
    /// </summary>
    public List<SeedProfile> Profiles { get; set; } = [];
}
