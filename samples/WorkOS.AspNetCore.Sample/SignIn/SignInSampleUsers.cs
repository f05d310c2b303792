using WorkOS.AspNetCore.Emulator;

namespace WorkOS.AspNetCore.Sample.SignIn;

/// <summary>
/// The users the sample's own sign-in pages need beyond the emulator's default seed (whose users sign in with
/// <see cref="EmulatorSeed.DefaultPassword"/>; alice@acme.com belongs to two organizations and picks one): a user whose
/// sign-ins need an authenticator app, and one whose email address is not verified yet.
/// </summary>
public static class SignInSampleUsers
{
    /// <summary>Signs in with the default password, then sets up (first time) or asks for (later) an authenticator app code.</summary>
    public const string MfaUser = "mia@acme.com";

    /// <summary>Signs in with the default password, then verifies the address with the code in the emulator's outbox.</summary>
    public const string UnverifiedUser = "uma@acme.com";

    /// <summary>Adds both users to <paramref name="seed"/>, as members of Acme.</summary>
    public static void AddTo(EmulatorSeed seed)
    {
        ArgumentNullException.ThrowIfNull(seed);
        seed.AddUser(new SeedUser { Id = "user_mia", Email = MfaUser, FirstName = "Mia", LastName = "Mfa", Password = EmulatorSeed.DefaultPassword, RequireMfa = true });
        seed.AddUser(new SeedUser { Id = "user_uma", Email = UnverifiedUser, FirstName = "Uma", LastName = "Unverified", Password = EmulatorSeed.DefaultPassword, EmailVerified = false });
        seed.AddMembership(MfaUser, "org_acme", "member");
        seed.AddMembership(UnverifiedUser, "org_acme", "member");
    }
}
