namespace WorkOS.AspNetCore.Emulator.State;

internal sealed partial class EmulatorStore
{
    /// <summary>The MFA step a sign-in still owes, if any.</summary>
    private EmulatorAuthenticationError? MfaStepDueUnlocked(UserRecord user, SignInProgress progress) => null;

    /// <summary>The user's verified TOTP factors, as an <c>mfa_challenge</c> lists them.</summary>
    private List<(string Id, string Type)> FactorsOfUnlocked(string userId) => [];
}
