namespace WorkOS.AspNetCore.Emulator;

public sealed partial class EmulatorSeed
{
    /// <summary>
    /// The authentication action's endpoint, as set in the WorkOS dashboard: when set, every hosted sign-in asks it
    /// before a code is issued. <see langword="null"/> (default) for none.
    /// </summary>
    public SeedActionEndpoint? AuthenticationAction { get; set; }

    /// <summary>
    /// The user registration action's endpoint, as set in the WorkOS dashboard: when set, every sign-up on the hosted page
    /// asks it before the user is created. <see langword="null"/> (default) for none.
    /// </summary>
    public SeedActionEndpoint? UserRegistrationAction { get; set; }
}
