namespace WorkOS.AspNetCore.Emulator;

/// <summary>
/// An email the emulator would have sent, kept in <see cref="WorkOSEmulator.Outbox"/>: a Magic Link, a Magic Auth code,
/// an email verification code, a password reset link or an invitation link (see <see cref="Kind"/>).
/// </summary>
/// <param name="Id">The email's id.</param>
/// <param name="To">The recipient.</param>
/// <param name="Subject">The subject line.</param>
/// <param name="Link">The link the email carries (a Magic Link signs the recipient in once); empty for an email that carries only a <see cref="Code"/>.</param>
/// <param name="PasswordlessSessionId">
/// The id of what the email was sent for: the passwordless session of a Magic Link, otherwise the Magic Auth code, email
/// verification, password reset or invitation id.
/// </param>
/// <param name="SentAt">When it was sent, on the emulator's clock.</param>
public sealed record EmulatorEmail(string Id, string To, string Subject, string Link, string PasswordlessSessionId, DateTimeOffset SentAt)
{
    /// <summary>What the email is. Default <see cref="EmulatorEmailKind.MagicLink"/>.</summary>
    public EmulatorEmailKind Kind { get; init; }

    /// <summary>The one-time code the email carries (Magic Auth, email verification), or <see langword="null"/>.</summary>
    public string? Code { get; init; }
}
