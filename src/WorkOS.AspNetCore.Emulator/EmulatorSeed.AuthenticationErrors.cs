namespace WorkOS.AspNetCore.Emulator;

public sealed partial class EmulatorSeed
{
    /// <summary>Users whose code exchanges and refreshes fail with a WorkOS authentication error.</summary>
    public List<SeedAuthenticationError> AuthenticationErrors { get; set; } = [];
}
