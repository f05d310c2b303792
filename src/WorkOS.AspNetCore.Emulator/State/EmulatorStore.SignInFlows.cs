using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using WorkOS.AspNetCore.Emulator.Wire;

namespace WorkOS.AspNetCore.Emulator.State;

/// <summary>
/// The custom sign-in grants of <c>POST /user_management/authenticate</c> (password, Magic Auth, email verification,
/// organization selection) and the pending authentication tokens that carry a sign-in from one step to the next.
/// </summary>
internal sealed partial class EmulatorStore
{
    /// <summary>How long a pending authentication token can finish its step, as WorkOS's: 10 minutes.</summary>
    public static readonly TimeSpan PendingTokenLifetime = TimeSpan.FromMinutes(10);

    /// <summary>How long an emailed one-time code (Magic Auth, email verification) is valid, as WorkOS's: 10 minutes.</summary>
    public static readonly TimeSpan OneTimeCodeLifetime = TimeSpan.FromMinutes(10);

    private const string InvalidPendingToken = "The pending authentication token is invalid, has expired or has already been used.";

    private readonly Dictionary<string, PendingAuthenticationRecord> _pendingTokens = new(StringComparer.Ordinal);
    private readonly List<OneTimeCodeRecord> _magicAuthCodes = [];
    private readonly List<OneTimeCodeRecord> _emailVerifications = [];

    /// <summary>The pending authentication tokens issued so far and still unspent and unexpired, with their user and step.</summary>
    public IReadOnlyList<(string Token, string UserId, EmulatorAuthenticationError Step)> LivePendingTokens()
    {
        lock (_gate)
        {
            var now = Now;
            return [.. _pendingTokens.Values.Where(p => !p.Used && p.ExpiresAt > now).Select(p => (p.Token, p.UserId, p.Step))];
        }
    }

    /// <summary>The <c>password</c> grant. An unknown email and a wrong password answer alike.</summary>
    public SignInOutcome AuthenticateWithPassword(string email, string password, string? invitationToken, string? ipAddress, string? userAgent)
    {
        lock (_gate)
        {
            var user = FindUserByEmailUnlocked(email);
            if (user?.Password is not { } expected || !FixedTimeEquals(expected, password))
            {
                RaiseAuthentication("authentication.password_failed", "password", "failed", user?.Id, email, ipAddress, userAgent,
                    ("invalid_credentials", "Invalid credentials."));
                return SignInOutcome.Refuse("invalid_credentials", "Invalid credentials.");
            }

            if (CheckInvitationUnlocked(invitationToken, user.Email) is { } refusal)
            {
                return refusal;
            }

            RaiseAuthentication("authentication.password_succeeded", "password", "succeeded", user.Id, user.Email, ipAddress, userAgent);
            return ContinueUnlocked(user, new SignInProgress("Password", null, false, false) { InvitationToken = invitationToken }, ipAddress, userAgent);
        }
    }

    /// <summary>
    /// <c>POST /user_management/magic_auth</c>: a new six-digit code for the email (earlier unspent codes stop working),
    /// sent to the outbox. A new email gets a user, as WorkOS creates one for a Magic Auth sign-up.
    /// </summary>
    public (OneTimeCodeRecord Code, string? Problem) CreateMagicAuth(string email, string? invitationToken)
    {
        lock (_gate)
        {
            if (invitationToken is not null && CheckInvitationUnlocked(invitationToken, email) is { } refusal)
            {
                return (null!, refusal.Refusal!.Description);
            }

            var now = Now;
            var user = FindUserByEmailUnlocked(email);
            if (user is null)
            {
                var id = AddUserUnlocked(new SeedUser { Email = email, EmailVerified = false }, now);
                user = _users.First(u => u.Id == id);
                Raise("user.created", ToDto(user));
            }

            foreach (var earlier in _magicAuthCodes.Where(c => c.UserId == user.Id && !c.Used))
            {
                earlier.Used = true;
            }

            var code = NewCodeRecord("magic_auth_", user, now, invitationToken);
            _magicAuthCodes.Add(code);
            SendEmailUnlocked(user.Email, "Your sign-in code", "", code.Id, EmulatorEmailKind.MagicAuthCode, code.Code);
            RaiseObject("magic_auth.created", CodeEventData("magic_auth", code));
            return (code, null);
        }
    }

    /// <summary>The <c>urn:workos:oauth:grant-type:magic-auth:code</c> grant: the email's latest code, once, in time.</summary>
    public SignInOutcome AuthenticateWithMagicAuth(string email, string code, string? invitationToken, string? ipAddress, string? userAgent)
    {
        lock (_gate)
        {
            var now = Now;
            var user = FindUserByEmailUnlocked(email);
            var record = user is null ? null : _magicAuthCodes.LastOrDefault(c => c.UserId == user.Id && !c.Used);
            if (user is null || record is null || record.ExpiresAt <= now || !FixedTimeEquals(record.Code, code))
            {
                RaiseAuthentication("authentication.magic_auth_failed", "magic_auth", "failed", user?.Id, email, ipAddress, userAgent,
                    ("invalid_one_time_code", "The code is invalid or has expired."));
                return SignInOutcome.Refuse("invalid_one_time_code", "The code is invalid or has expired.");
            }

            invitationToken ??= record.InvitationToken;
            if (CheckInvitationUnlocked(invitationToken, user.Email) is { } refusal)
            {
                return refusal;
            }

            record.Used = true;

            // The code came to the user's inbox: that proves the address.
            MarkEmailVerifiedUnlocked(user, now);
            RaiseAuthentication("authentication.magic_auth_succeeded", "magic_auth", "succeeded", user.Id, user.Email, ipAddress, userAgent);
            return ContinueUnlocked(user, new SignInProgress("MagicAuth", null, false, false) { InvitationToken = invitationToken }, ipAddress, userAgent);
        }
    }

    /// <summary>The <c>urn:workos:oauth:grant-type:email-verification:code</c> grant.</summary>
    public SignInOutcome AuthenticateWithEmailVerification(string pendingToken, string code, string? ipAddress, string? userAgent)
    {
        lock (_gate)
        {
            if (PendingUnlocked(pendingToken, EmulatorAuthenticationError.EmailVerificationRequired) is not { } pending
                || _users.FirstOrDefault(u => u.Id == pending.UserId) is not { } user)
            {
                return SignInOutcome.Refuse("invalid_grant", InvalidPendingToken);
            }

            var now = Now;
            var record = _emailVerifications.LastOrDefault(c => c.UserId == user.Id && !c.Used);
            if (record is null || record.ExpiresAt <= now || !FixedTimeEquals(record.Code, code))
            {
                RaiseAuthentication("authentication.email_verification_failed", "email_verification", "failed", user.Id, user.Email, ipAddress, userAgent,
                    ("invalid_one_time_code", "The code is invalid or has expired."));
                return SignInOutcome.Refuse("invalid_one_time_code", "The code is invalid or has expired.");
            }

            record.Used = true;
            pending.Used = true;
            MarkEmailVerifiedUnlocked(user, now);
            RaiseAuthentication("authentication.email_verification_succeeded", "email_verification", "succeeded", user.Id, user.Email, ipAddress, userAgent);
            return ContinueUnlocked(user, pending.Progress, ipAddress, userAgent);
        }
    }

    /// <summary>The <c>urn:workos:oauth:grant-type:organization-selection</c> grant: one of the user's active memberships.</summary>
    public SignInOutcome AuthenticateWithOrganizationSelection(string pendingToken, string organizationId, string? ipAddress, string? userAgent)
    {
        lock (_gate)
        {
            if (PendingUnlocked(pendingToken, EmulatorAuthenticationError.OrganizationSelectionRequired) is not { } pending
                || _users.FirstOrDefault(u => u.Id == pending.UserId) is not { } user)
            {
                return SignInOutcome.Refuse("invalid_grant", InvalidPendingToken);
            }

            if (ActiveMembershipUnlocked(user.Id, organizationId) is null)
            {
                return new SignInOutcome(null, null, new SignInRefusal(
                    "organization_invalid",
                    _organizations.Any(o => o.Id == organizationId)
                        ? $"The user is not an active member of organization '{organizationId}'."
                        : $"There is no organization '{organizationId}'.",
                    OAuthShape: false));
            }

            pending.Used = true;
            return ContinueUnlocked(user, pending.Progress with { OrganizationId = organizationId, OrganizationChosen = true }, ipAddress, userAgent);
        }
    }

    /// <summary>
    /// Runs the checks a sign-in passes after the user proved who they are, in WorkOS's order: a verified email, the
    /// second factor where required, then one organization; the first that is missing answers its authentication error
    /// with a new pending token, and when none is, the session starts.
    /// </summary>
    private SignInOutcome ContinueUnlocked(UserRecord user, SignInProgress progress, string? ipAddress, string? userAgent)
    {
        // An invitation came to the user's inbox, so it stands for a verified email, and its organization is the one signed in to.
        var invitation = PendingInvitationUnlocked(progress.InvitationToken, user.Email);
        if (invitation?.OrganizationId is { } invitedTo && !progress.OrganizationChosen)
        {
            progress = progress with { OrganizationId = invitedTo, OrganizationChosen = true };
        }

        if (!user.EmailVerified && invitation is null)
        {
            return new SignInOutcome(null, ChallengeUnlocked(user, EmulatorAuthenticationError.EmailVerificationRequired, progress), null);
        }

        if (MfaStepDueUnlocked(user, progress) is { } mfaStep)
        {
            return new SignInOutcome(null, ChallengeUnlocked(user, mfaStep, progress), null);
        }

        if (!progress.OrganizationChosen && progress.OrganizationId is null)
        {
            var organizations = ActiveOrganizationsUnlocked(user.Id);
            if (organizations.Count > 1 && !string.Equals(progress.AuthenticationMethod, "Impersonation", StringComparison.Ordinal))
            {
                return new SignInOutcome(null, ChallengeUnlocked(user, EmulatorAuthenticationError.OrganizationSelectionRequired, progress), null);
            }

            progress = progress with { OrganizationId = organizations.Count == 1 ? organizations[0].Id : null };
        }

        if (invitation is not null)
        {
            AcceptUnlocked(invitation, user, Now);
        }

        return new SignInOutcome(StartSessionUnlocked(user, progress, ipAddress, userAgent, publicClient: false), null, null);
    }

    /// <summary>Issues the pending token of a step (none for <c>sso_required</c>), sending the email verification code its step needs.</summary>
    private AuthenticationChallenge ChallengeUnlocked(UserRecord user, EmulatorAuthenticationError step, SignInProgress progress)
    {
        var now = Now;
        string? token = null;
        string? verificationId = null;
        var factors = FactorsOfUnlocked(user.Id);
        if (step == EmulatorAuthenticationError.MfaChallenge && factors.Count == 0)
        {
            step = EmulatorAuthenticationError.MfaEnrollment;
        }

        if (step != EmulatorAuthenticationError.SsoRequired)
        {
            foreach (var stale in _pendingTokens.Values.Where(p => p.Used || p.ExpiresAt <= now).Select(p => p.Token).ToList())
            {
                _pendingTokens.Remove(stale);
            }

            token = IdGenerator.NewToken(18);
            _pendingTokens[token] = new PendingAuthenticationRecord
            {
                Token = token,
                UserId = user.Id,
                Step = step,
                Progress = progress,
                ExpiresAt = now + PendingTokenLifetime,
            };
        }

        if (step == EmulatorAuthenticationError.EmailVerificationRequired)
        {
            verificationId = SendEmailVerificationUnlocked(user, now).Id;
        }

        return new AuthenticationChallenge(step, ToDto(user), ActiveOrganizationsUnlocked(user.Id), token, verificationId, factors);
    }

    /// <summary>The unspent, unexpired pending token of this step; <see langword="null"/> otherwise (a token of another step included).</summary>
    private PendingAuthenticationRecord? PendingUnlocked(string token, params EmulatorAuthenticationError[] steps) =>
        _pendingTokens.TryGetValue(token, out var pending) && !pending.Used && pending.ExpiresAt > Now && steps.Contains(pending.Step)
            ? pending
            : null;

    private OneTimeCodeRecord SendEmailVerificationUnlocked(UserRecord user, DateTimeOffset now)
    {
        foreach (var earlier in _emailVerifications.Where(c => c.UserId == user.Id && !c.Used))
        {
            earlier.Used = true;
        }

        var code = NewCodeRecord("email_verification_", user, now, null);
        _emailVerifications.Add(code);
        SendEmailUnlocked(user.Email, "Verify your email address", "", code.Id, EmulatorEmailKind.EmailVerificationCode, code.Code);
        RaiseObject("email_verification.created", CodeEventData("email_verification", code));
        return code;
    }

    private List<(string Id, string Name)> ActiveOrganizationsUnlocked(string userId) =>
        [.. _memberships
            .Where(m => m.UserId == userId && m.IsActive)
            .OrderBy(m => m.Sequence)
            .Select(m => (m.OrganizationId, _organizations.FirstOrDefault(o => o.Id == m.OrganizationId)?.Name ?? m.OrganizationId))];

    private void MarkEmailVerifiedUnlocked(UserRecord user, DateTimeOffset now)
    {
        if (!user.EmailVerified)
        {
            user.EmailVerified = true;
            user.UpdatedAt = now;
            Raise("user.updated", ToDto(user));
        }
    }

    /// <summary>Starts a session for a user who passed every step (the hosted code exchange uses this too).</summary>
    private IssuedSession StartSessionUnlocked(UserRecord user, SignInProgress progress, string? ipAddress, string? userAgent, bool publicClient)
    {
        var now = Now;
        user.LastSignInAt = now;
        var session = new SessionRecord
        {
            Id = IdGenerator.NewId("session_", now),
            UserId = user.Id,
            OrganizationId = progress.OrganizationId,
            AuthenticationMethod = progress.AuthenticationMethod,
            IpAddress = ipAddress,
            UserAgent = userAgent,
            PublicClient = publicClient,
            Sequence = NextSequence(),
            CreatedAt = now,
            UpdatedAt = now,
            Impersonation = progress.Impersonation,
        };
        _sessions[session.Id] = session;
        Raise("session.created", ToDto(session));
        return Issue(session, user);
    }

    private UserRecord? FindUserByEmailUnlocked(string email) =>
        _users.FirstOrDefault(u => string.Equals(u.Email, email, StringComparison.OrdinalIgnoreCase));

    private OneTimeCodeRecord NewCodeRecord(string prefix, UserRecord user, DateTimeOffset now, string? invitationToken) => new()
    {
        Id = IdGenerator.NewId(prefix, now),
        UserId = user.Id,
        Email = user.Email,
        Code = RandomNumberGenerator.GetInt32(0, 1_000_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture),
        CreatedAt = now,
        ExpiresAt = now + OneTimeCodeLifetime,
        InvitationToken = invitationToken,
    };

    private EmulatorEmail SendEmailUnlocked(string to, string subject, string link, string sourceId, EmulatorEmailKind kind, string? code)
    {
        var now = Now;
        var email = new EmulatorEmail(IdGenerator.NewId("email_", now), to, subject, link, sourceId, now) { Kind = kind, Code = code };
        _outbox.Add(email);
        return email;
    }

    private static JsonObject CodeEventData(string objectName, OneTimeCodeRecord code) => new()
    {
        ["object"] = objectName,
        ["id"] = code.Id,
        ["user_id"] = code.UserId,
        ["email"] = code.Email,
        ["expires_at"] = WireTime.Format(code.ExpiresAt),
        ["created_at"] = WireTime.Format(code.CreatedAt),
        ["updated_at"] = WireTime.Format(code.CreatedAt),
    };

    /// <summary>An <c>authentication.*</c> event in the reference's shape: <c>{type, status, ip_address, user_agent, user_id, email, error?}</c>.</summary>
    private void RaiseAuthentication(string eventType, string type, string status, string? userId, string email, string? ipAddress, string? userAgent,
        (string Code, string Message)? error = null)
    {
        var data = new JsonObject
        {
            ["type"] = type,
            ["status"] = status,
            ["ip_address"] = ipAddress,
            ["user_agent"] = userAgent,
            ["user_id"] = userId,
            ["email"] = email,
        };
        if (error is { } e)
        {
            data["error"] = new JsonObject { ["code"] = e.Code, ["message"] = e.Message };
        }

        RaiseObject(eventType, data);
    }

    private void RaiseObject(string eventType, JsonObject data)
    {
        if (Wanted)
        {
            using var document = JsonDocument.Parse(data.ToJsonString());
            EventRaised!(eventType, document.RootElement.Clone());
        }
    }

    private static bool FixedTimeEquals(string expected, string presented) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(expected), Encoding.UTF8.GetBytes(presented));
}
