namespace WorkOS.AspNetCore.Emulator.State;

internal sealed partial class EmulatorStore
{
    private readonly Dictionary<string, PasswordlessSessionRecord> _passwordlessSessions = new(StringComparer.Ordinal);
    private readonly List<EmulatorEmail> _outbox = [];

    /// <summary>The emails sent so far, oldest first.</summary>
    public IReadOnlyList<EmulatorEmail> Outbox()
    {
        lock (_gate)
        {
            return [.. _outbox];
        }
    }

    public void ClearOutbox()
    {
        lock (_gate)
        {
            _outbox.Clear();
        }
    }

    public PasswordlessSessionRecord CreatePasswordlessSession(string email, string? redirectUri, string? state, TimeSpan lifetime)
    {
        lock (_gate)
        {
            var now = Now;
            var session = new PasswordlessSessionRecord
            {
                Id = IdGenerator.NewId("passwordless_session_", now),
                Email = email,
                Token = IdGenerator.NewToken(),
                RedirectUri = redirectUri,
                State = state,
                ExpiresAt = now + lifetime,
            };
            _passwordlessSessions[session.Id] = session;
            return session;
        }
    }

    /// <summary>The link token of a passwordless session, or <see langword="null"/> when there is no such session.</summary>
    public string? PasswordlessLinkToken(string sessionId)
    {
        lock (_gate)
        {
            return _passwordlessSessions.GetValueOrDefault(sessionId)?.Token;
        }
    }

    /// <summary>Puts the session's email in the outbox; <see langword="null"/> when there is no such session.</summary>
    public EmulatorEmail? SendPasswordlessSession(string sessionId, string link)
    {
        lock (_gate)
        {
            if (!_passwordlessSessions.TryGetValue(sessionId, out var session))
            {
                return null;
            }

            var now = Now;
            var email = new EmulatorEmail(IdGenerator.NewId("email_", now), session.Email, "Your sign-in link", link, session.Id, now);
            _outbox.Add(email);
            return email;
        }
    }

    /// <summary>
    /// Uses a Magic Link (once): the session, and a code for the email's <c>MagicLink</c> profile, or the reason it
    /// cannot be used.
    /// </summary>
    public (PasswordlessSessionRecord? Session, string? Code, string? Problem) RedeemMagicLink(string token, string clientId, TimeSpan codeLifetime)
    {
        lock (_gate)
        {
            var session = _passwordlessSessions.Values.FirstOrDefault(s => string.Equals(s.Token, token, StringComparison.Ordinal));
            if (session is null)
            {
                return (null, null, "The link is invalid.");
            }

            if (session.Used)
            {
                return (null, null, "The link has already been used.");
            }

            session.Used = true;
            if (session.ExpiresAt <= Now)
            {
                return (null, null, "The link has expired.");
            }

            var connection = BuiltInConnectionUnlocked(MagicLinkConnectionId, "MagicLink");
            var user = FindUserUnlocked(session.Email);
            ProfileRecord profile;
            if (user is not null)
            {
                profile = DerivedProfileUnlocked(connection, user);
            }
            else
            {
                if (!_derivedProfileIds.TryGetValue((connection.Id, session.Email.ToLowerInvariant()), out var ids))
                {
                    ids = (IdGenerator.NewId("prof_", Now), StableIdpId(connection.Id, session.Email.ToLowerInvariant()));
                    _derivedProfileIds[(connection.Id, session.Email.ToLowerInvariant())] = ids;
                }

                profile = new ProfileRecord { Id = ids.Id, Email = session.Email, IdpId = ids.IdpId };
            }

            var code = IssueSsoCodeUnlocked(new SsoProfile(connection.Id, connection.ConnectionType, null, profile), clientId, null, codeLifetime);
            return (session, code, null);
        }
    }
}
