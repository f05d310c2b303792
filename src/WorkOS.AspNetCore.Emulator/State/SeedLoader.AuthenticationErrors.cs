namespace WorkOS.AspNetCore.Emulator.State;

internal static partial class SeedLoader
{
    private static void LoadAuthenticationErrors(EmulatorSeed seed, EmulatorStore store)
    {
        foreach (var entry in seed.AuthenticationErrors ?? [])
        {
            var error = AuthenticationErrors.Parse(entry.Error)
                ?? throw Invalid($"Unknown authentication error '{entry.Error}'; use email_verification_required, mfa_enrollment, mfa_challenge, organization_selection_required or sso_required.");
            if (entry.Count == 0 || entry.Count < -1)
            {
                throw Invalid($"The authentication error of '{entry.UserId}' has count {entry.Count}; use a positive count, or -1 for all grants.");
            }

            var user = store.LoadedUsers.FirstOrDefault(u => u.Id == entry.UserId)
                ?? store.LoadedUsers.FirstOrDefault(u => string.Equals(u.Email, entry.UserId, StringComparison.OrdinalIgnoreCase))
                ?? throw Invalid($"An authentication error names unknown user '{entry.UserId}'.");
            store.AddAuthenticationError(user.Id, error, entry.Count, entry.RefreshOnly);
        }
    }
}
