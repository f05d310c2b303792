using OtpNet;

namespace WorkOS.AspNetCore.Emulator.State;

/// <summary>
/// TOTP factors and challenges (the standalone MFA API and a user's factors), the <c>mfa_enrollment</c> and
/// <c>mfa_challenge</c> steps, and the <c>urn:workos:oauth:grant-type:mfa-totp</c> grant. Codes are checked with Otp.NET
/// on the emulator's clock, one 30-second step of drift either way, each time step accepted once per factor.
/// </summary>
internal sealed partial class EmulatorStore
{
    /// <summary>How long a challenge can be verified.</summary>
    public static readonly TimeSpan ChallengeLifetime = TimeSpan.FromMinutes(10);

    private static readonly VerificationWindow TotpWindow = new(previous: 1, future: 1);

    private readonly Dictionary<string, TotpFactorRecord> _factors = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ChallengeRecord> _challenges = new(StringComparer.Ordinal);

    /// <summary>Enrolls a TOTP factor (for a user when <paramref name="userId"/> is set) with a new or the given base32 secret.</summary>
    public (TotpFactorRecord? Factor, string? Problem) EnrollTotpFactor(string? userId, string? issuer, string? totpUser, string? base32Secret)
    {
        lock (_gate)
        {
            UserRecord? user = null;
            if (userId is not null && (user = _users.FirstOrDefault(u => u.Id == userId)) is null)
            {
                return (null, $"User not found: '{userId}'.");
            }

            byte[] secret;
            if (base32Secret is null)
            {
                secret = KeyGeneration.GenerateRandomKey(20);
            }
            else
            {
                try
                {
                    secret = Base32Encoding.ToBytes(base32Secret);
                }
                catch (ArgumentException)
                {
                    return (null, "totp_secret must be base32.");
                }

                if (secret.Length < 10)
                {
                    return (null, "totp_secret must be at least 80 bits.");
                }
            }

            var now = Now;
            var factor = new TotpFactorRecord
            {
                Id = IdGenerator.NewId("auth_factor_", now),
                UserId = user?.Id,
                Secret = secret,
                Issuer = issuer ?? "WorkOS",
                User = totpUser ?? user?.Email ?? "user",
                CreatedAt = now,
                UpdatedAt = now,
            };
            _factors[factor.Id] = factor;
            return (factor, null);
        }
    }

    public TotpFactorRecord? GetFactor(string factorId)
    {
        lock (_gate)
        {
            return _factors.GetValueOrDefault(factorId);
        }
    }

    /// <summary>The factors of a user, oldest first.</summary>
    public IReadOnlyList<TotpFactorRecord> FactorsOf(string userId)
    {
        lock (_gate)
        {
            return [.. _factors.Values.Where(f => f.UserId == userId).OrderBy(f => f.CreatedAt)];
        }
    }

    /// <summary>A new challenge of the factor; <see langword="null"/> when there is no such factor.</summary>
    public ChallengeRecord? CreateChallenge(string factorId)
    {
        lock (_gate)
        {
            if (!_factors.ContainsKey(factorId))
            {
                return null;
            }

            var now = Now;
            var challenge = new ChallengeRecord
            {
                Id = IdGenerator.NewId("auth_challenge_", now),
                FactorId = factorId,
                CreatedAt = now,
                UpdatedAt = now,
                ExpiresAt = now + ChallengeLifetime,
            };
            _challenges[challenge.Id] = challenge;
            return challenge;
        }
    }

    /// <summary><c>POST /auth/challenges/{id}/verify</c>: the challenge (when known) and whether the code verified it.</summary>
    public (ChallengeRecord? Challenge, ChallengeVerification Result) VerifyChallenge(string challengeId, string code)
    {
        lock (_gate)
        {
            var result = VerifyChallengeUnlocked(challengeId, code, userId: null);
            return (_challenges.GetValueOrDefault(challengeId), result);
        }
    }

    /// <summary>The <c>urn:workos:oauth:grant-type:mfa-totp</c> grant: a code of a challenge of one of the pending user's factors.</summary>
    public SignInOutcome AuthenticateWithTotp(string pendingToken, string challengeId, string code, string? ipAddress, string? userAgent)
    {
        lock (_gate)
        {
            if (PendingUnlocked(pendingToken, EmulatorAuthenticationError.MfaEnrollment, EmulatorAuthenticationError.MfaChallenge) is not { } pending
                || _users.FirstOrDefault(u => u.Id == pending.UserId) is not { } user)
            {
                return SignInOutcome.Refuse("invalid_grant", InvalidPendingToken);
            }

            switch (VerifyChallengeUnlocked(challengeId, code, user.Id))
            {
                case ChallengeVerification.Valid:
                    break;
                case ChallengeVerification.InvalidCode:
                    RaiseAuthentication("authentication.mfa_failed", "mfa", "failed", user.Id, user.Email, ipAddress, userAgent,
                        ("invalid_one_time_code", "The code is invalid."));
                    return SignInOutcome.Refuse("invalid_one_time_code", "The code is invalid.");
                default:
                    return SignInOutcome.Refuse("invalid_grant", "The authentication challenge is unknown, expired, already verified or of another user's factor.");
            }

            pending.Used = true;
            RaiseAuthentication("authentication.mfa_succeeded", "mfa", "succeeded", user.Id, user.Email, ipAddress, userAgent);
            return ContinueUnlocked(user, pending.Progress with { MfaPassed = true }, ipAddress, userAgent);
        }
    }

    /// <summary>Checks a TOTP code against the current time step, one step before and one after.</summary>
    internal static bool TotpMatches(byte[] secret, string code, DateTimeOffset now, out long timeStep)
    {
        timeStep = -1;
        return code.Length == 6 && code.All(char.IsAsciiDigit)
            && new Totp(secret, step: 30, mode: OtpHashMode.Sha1, totpSize: 6).VerifyTotp(now.UtcDateTime, code, out timeStep, TotpWindow);
    }

    /// <summary>The otpauth URI an authenticator app reads (RFC 6238 parameters spelled out).</summary>
    internal static string OtpAuthUri(TotpFactorRecord factor)
    {
        var label = Uri.EscapeDataString(factor.Issuer) + ":" + Uri.EscapeDataString(factor.User);
        return $"otpauth://totp/{label}?secret={Base32Encoding.ToString(factor.Secret).TrimEnd('=')}&issuer={Uri.EscapeDataString(factor.Issuer)}&algorithm=SHA1&digits=6&period=30";
    }

    private ChallengeVerification VerifyChallengeUnlocked(string challengeId, string code, string? userId)
    {
        var now = Now;
        if (!_challenges.TryGetValue(challengeId, out var challenge) || !_factors.TryGetValue(challenge.FactorId, out var factor)
            || (userId is not null && factor.UserId != userId))
        {
            return ChallengeVerification.UnknownChallenge;
        }

        if (challenge.Verified)
        {
            return ChallengeVerification.AlreadyVerified;
        }

        if (challenge.ExpiresAt <= now)
        {
            return ChallengeVerification.Expired;
        }

        if (!TotpMatches(factor.Secret, code, now, out var step) || step <= factor.LastAcceptedStep)
        {
            return ChallengeVerification.InvalidCode;
        }

        factor.LastAcceptedStep = step;
        factor.Verified = true;
        factor.UpdatedAt = now;
        challenge.Verified = true;
        challenge.UpdatedAt = now;
        return ChallengeVerification.Valid;
    }

    /// <summary>
    /// The MFA step a sign-in still owes, if any: MFA is required by the user or by an organization in scope (the one
    /// chosen, else any of the user's active ones); with a verified factor the user is challenged, otherwise asked to enroll.
    /// </summary>
    private EmulatorAuthenticationError? MfaStepDueUnlocked(UserRecord user, SignInProgress progress)
    {
        if (progress.MfaPassed)
        {
            return null;
        }

        var organizations = progress.OrganizationId is { } chosen ? [chosen] : ActiveOrganizationsUnlocked(user.Id).Select(o => o.Id).ToList();
        var required = user.RequireMfa || _organizations.Any(o => o.RequireMfa && organizations.Contains(o.Id));
        return !required ? null
            : FactorsOfUnlocked(user.Id).Count > 0 ? EmulatorAuthenticationError.MfaChallenge
            : EmulatorAuthenticationError.MfaEnrollment;
    }

    /// <summary>The user's verified TOTP factors, as an <c>mfa_challenge</c> lists them.</summary>
    private List<(string Id, string Type)> FactorsOfUnlocked(string userId) =>
        [.. _factors.Values.Where(f => f.UserId == userId && f.Verified).OrderBy(f => f.CreatedAt).Select(f => (f.Id, "totp"))];
}
