using System.Text.Json.Nodes;
using WorkOS.AspNetCore.Emulator.Wire;

namespace WorkOS.AspNetCore.Emulator.State;

/// <summary>Accounts through the API: creating and updating users, email verification, and password reset.</summary>
internal sealed partial class EmulatorStore
{
    /// <summary>How long a password reset token works.</summary>
    public static readonly TimeSpan PasswordResetLifetime = TimeSpan.FromHours(1);

    private readonly List<PasswordResetRecord> _passwordResets = [];

    /// <summary><c>POST /user_management/users</c>; throws <see cref="ArgumentException"/> when the email is taken.</summary>
    public UserDto CreateUser(SeedUser user)
    {
        lock (_gate)
        {
            var id = AddUserUnlocked(user, Now);
            var dto = ToDto(_users.First(u => u.Id == id));
            Raise("user.created", dto);
            return dto;
        }
    }

    /// <summary><c>PUT /user_management/users/{id}</c>: the fields given change; <see langword="null"/> when there is no such user.</summary>
    public UserDto? UpdateUser(string userId, string? firstName, string? lastName, bool? emailVerified, string? password)
    {
        lock (_gate)
        {
            if (_users.FirstOrDefault(u => u.Id == userId) is not { } user)
            {
                return null;
            }

            user.FirstName = firstName ?? user.FirstName;
            user.LastName = lastName ?? user.LastName;
            user.EmailVerified = emailVerified ?? user.EmailVerified;
            user.Password = password ?? user.Password;
            user.UpdatedAt = Now;
            var dto = ToDto(user);
            Raise("user.updated", dto);
            return dto;
        }
    }

    /// <summary><c>POST /user_management/users/{id}/email_verification/send</c>: a new code in the outbox.</summary>
    public UserDto? SendEmailVerification(string userId)
    {
        lock (_gate)
        {
            if (_users.FirstOrDefault(u => u.Id == userId) is not { } user)
            {
                return null;
            }

            SendEmailVerificationUnlocked(user, Now);
            return ToDto(user);
        }
    }

    /// <summary><c>POST /user_management/users/{id}/email_verification/confirm</c>: the user, or why the code does not verify.</summary>
    public (UserDto? User, bool Found) ConfirmEmailVerification(string userId, string code)
    {
        lock (_gate)
        {
            if (_users.FirstOrDefault(u => u.Id == userId) is not { } user)
            {
                return (null, false);
            }

            var now = Now;
            var record = _emailVerifications.LastOrDefault(c => c.UserId == user.Id && !c.Used);
            if (record is null || record.ExpiresAt <= now || !FixedTimeEquals(record.Code, code))
            {
                return (null, true);
            }

            record.Used = true;
            MarkEmailVerifiedUnlocked(user, now);
            return (ToDto(user), true);
        }
    }

    /// <summary><c>POST /user_management/password_reset</c>: a token, and its link in the outbox; <see langword="null"/> for an unknown email.</summary>
    public PasswordResetRecord? CreatePasswordReset(string email, Func<string, string> link)
    {
        lock (_gate)
        {
            if (FindUserByEmailUnlocked(email) is not { } user)
            {
                return null;
            }

            var now = Now;
            foreach (var earlier in _passwordResets.Where(r => r.UserId == user.Id && !r.Used))
            {
                earlier.Used = true;
            }

            var reset = new PasswordResetRecord
            {
                Id = IdGenerator.NewId("password_reset_", now),
                UserId = user.Id,
                Email = user.Email,
                Token = IdGenerator.NewToken(18),
                CreatedAt = now,
                ExpiresAt = now + PasswordResetLifetime,
            };
            _passwordResets.Add(reset);
            SendEmailUnlocked(user.Email, "Reset your password", link(reset.Token), reset.Id, EmulatorEmailKind.PasswordReset, null);
            RaiseObject("password_reset.created", PasswordResetEventData(reset));
            return reset;
        }
    }

    /// <summary><c>POST /user_management/password_reset/confirm</c>: sets the password (once per token, in time); the user, or <see langword="null"/>.</summary>
    public UserDto? ResetPassword(string token, string newPassword)
    {
        lock (_gate)
        {
            var now = Now;
            var reset = _passwordResets.FirstOrDefault(r => FixedTimeEquals(r.Token, token));
            if (reset is null || reset.Used || reset.ExpiresAt <= now || _users.FirstOrDefault(u => u.Id == reset.UserId) is not { } user)
            {
                return null;
            }

            reset.Used = true;
            user.Password = newPassword;

            // The link came to the user's inbox.
            MarkEmailVerifiedUnlocked(user, now);
            user.UpdatedAt = now;
            RaiseObject("password_reset.succeeded", PasswordResetEventData(reset));
            return ToDto(user);
        }
    }

    private static JsonObject PasswordResetEventData(PasswordResetRecord reset) => new()
    {
        ["object"] = "password_reset",
        ["id"] = reset.Id,
        ["user_id"] = reset.UserId,
        ["email"] = reset.Email,
        ["expires_at"] = WireTime.Format(reset.ExpiresAt),
        ["created_at"] = WireTime.Format(reset.CreatedAt),
    };
}
