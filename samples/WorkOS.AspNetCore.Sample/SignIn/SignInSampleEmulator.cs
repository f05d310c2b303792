using WorkOS.AspNetCore.Emulator;

namespace WorkOS.AspNetCore.Sample.SignIn;

/// <summary>
/// What the sample's own sign-in pages need of the local emulator beyond its default seed (whose users sign in with
/// <see cref="EmulatorSeed.DefaultPassword"/>; alice@acme.com belongs to two organizations and picks one): a user whose
/// sign-ins need an authenticator app, one whose email address is not verified yet, and the sample's pages as the
/// links of password reset and invitation emails.
/// </summary>
public static class SignInSampleEmulator
{
    /// <summary>Signs in with the default password, then sets up (first time) or asks for (later) an authenticator app code.</summary>
    public const string MfaUser = "mia@acme.com";

    /// <summary>Signs in with the default password, then verifies the address with the code in the emulator's outbox.</summary>
    public const string UnverifiedUser = "uma@acme.com";

    /// <summary>The page of a password reset link.</summary>
    public const string ResetPasswordPath = "/SignIn/ResetPassword";

    /// <summary>The page of an invitation link.</summary>
    public const string InvitationPath = "/SignIn/Invitation";

    /// <summary>Adds the users to <paramref name="options"/>' seed and points its emails' links at the sample at <paramref name="sampleUrl"/>.</summary>
    public static void Configure(WorkOSEmulatorOptions options, Uri sampleUrl)
    {
        ArgumentNullException.ThrowIfNull(options);
        var seed = options.Seed;
        seed.AddUser(new SeedUser { Id = "user_mia", Email = MfaUser, FirstName = "Mia", LastName = "Mfa", Password = EmulatorSeed.DefaultPassword, RequireMfa = true });
        seed.AddUser(new SeedUser { Id = "user_uma", Email = UnverifiedUser, FirstName = "Uma", LastName = "Unverified", Password = EmulatorSeed.DefaultPassword, EmailVerified = false });
        seed.AddMembership(MfaUser, "org_acme", "member");
        seed.AddMembership(UnverifiedUser, "org_acme", "member");
        options.PasswordResetUrl = new Uri(sampleUrl, ResetPasswordPath).ToString();
        options.AcceptInvitationUrl = new Uri(sampleUrl, InvitationPath).ToString();
    }
}
