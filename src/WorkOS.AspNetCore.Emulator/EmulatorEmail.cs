namespace WorkOS.AspNetCore.Emulator;

/// <summary>An email the emulator would have sent (a Magic Link), kept in <see cref="WorkOSEmulator.Outbox"/>.</summary>
/// <param name="Id">The email's id.</param>
/// <param name="To">The recipient.</param>
/// <param name="Subject">The subject line.</param>
/// <param name="Link">The link the email carries; opening it signs the recipient in once.</param>
/// <param name="PasswordlessSessionId">The passwordless session the email was sent for.</param>
/// <param name="SentAt">When it was sent, on the emulator's clock.</param>
public sealed record EmulatorEmail(string Id, string To, string Subject, string Link, string PasswordlessSessionId, DateTimeOffset SentAt);
