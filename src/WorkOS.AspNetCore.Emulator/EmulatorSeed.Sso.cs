namespace WorkOS.AspNetCore.Emulator;

public sealed partial class EmulatorSeed
{
    /// <summary>The SSO connections (SAML and OIDC identity providers of organizations).</summary>
    public List<SeedConnection> Connections { get; set; } = [];

    /// <summary>Adds an SSO connection.</summary>
    /// <returns>This seed.</returns>
    public EmulatorSeed AddConnection(SeedConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        Connections.Add(connection);
        return this;
    }
}
