namespace WorkOS.AspNetCore.Emulator;

/// <summary>What an <see cref="EmulatorEmail"/> carries.</summary>
public enum EmulatorEmailKind
{
    /// <summary>A Magic Link (<c>POST /passwordless/sessions/{id}/send</c>).</summary>
    MagicLink,

    /// <summary>A six-digit Magic Auth code (<c>POST /user_management/magic_auth</c>).</summary>
    MagicAuthCode,

    /// <summary>A six-digit email verification code (<c>email_verification_required</c>, or <c>.../email_verification/send</c>).</summary>
    EmailVerificationCode,

    /// <summary>A password reset link with its token (<c>POST /user_management/password_reset</c>).</summary>
    PasswordReset,

    /// <summary>An invitation link with its token (<c>POST /user_management/invitations</c>).</summary>
    Invitation,
}
