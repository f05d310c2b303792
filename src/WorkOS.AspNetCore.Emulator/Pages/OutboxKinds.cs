namespace WorkOS.AspNetCore.Emulator.Pages;

/// <summary>The names of <see cref="EmulatorEmailKind"/> in the outbox's JSON (<c>GET /_emulator/outbox</c>) and page.</summary>
internal static class OutboxKinds
{
    public static string Name(EmulatorEmailKind kind) => kind switch
    {
        EmulatorEmailKind.MagicLink => "magic_link",
        EmulatorEmailKind.MagicAuthCode => "magic_auth_code",
        EmulatorEmailKind.EmailVerificationCode => "email_verification_code",
        EmulatorEmailKind.PasswordReset => "password_reset",
        EmulatorEmailKind.Invitation => "invitation",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };
}
