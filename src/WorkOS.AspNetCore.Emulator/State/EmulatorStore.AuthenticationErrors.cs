using WorkOS.AspNetCore.Emulator.Wire;

namespace WorkOS.AspNetCore.Emulator.State;

/// <summary>The codes of <see cref="EmulatorAuthenticationError"/> on the wire.</summary>
internal static class AuthenticationErrors
{
    public static string Code(EmulatorAuthenticationError error) => error switch
    {
        EmulatorAuthenticationError.EmailVerificationRequired => "email_verification_required",
        EmulatorAuthenticationError.MfaEnrollment => "mfa_enrollment",
        EmulatorAuthenticationError.OrganizationSelectionRequired => "organization_selection_required",
        EmulatorAuthenticationError.SsoRequired => "sso_required",
        EmulatorAuthenticationError.MfaChallenge => "mfa_challenge",
        _ => throw new ArgumentOutOfRangeException(nameof(error), error, null),
    };

    public static EmulatorAuthenticationError? Parse(string? code) =>
        Enum.GetValues<EmulatorAuthenticationError>().Select(e => (EmulatorAuthenticationError?)e).FirstOrDefault(e => Code(e!.Value) == code);
}

/// <summary>
/// An authentication error due for a user's grant, with what its body names: the pending authentication token that
/// finishes it (none for <c>sso_required</c>), the email verification it sent, and the user's TOTP factors.
/// </summary>
internal sealed record AuthenticationChallenge(
    EmulatorAuthenticationError Error,
    UserDto User,
    IReadOnlyList<(string Id, string Name)> Organizations,
    string? PendingToken = null,
    string? EmailVerificationId = null,
    IReadOnlyList<(string Id, string Type)>? Factors = null);

internal sealed partial class EmulatorStore
{
    private readonly Dictionary<string, List<PendingAuthenticationError>> _authenticationErrors = new(StringComparer.Ordinal);

    public void AddAuthenticationError(string userIdOrEmail, EmulatorAuthenticationError error, int count, bool refreshOnly)
    {
        lock (_gate)
        {
            var user = FindUserUnlocked(userIdOrEmail) ?? throw new ArgumentException($"No user '{userIdOrEmail}'.", nameof(userIdOrEmail));
            if (!_authenticationErrors.TryGetValue(user.Id, out var pending))
            {
                _authenticationErrors[user.Id] = pending = [];
            }

            pending.Add(new PendingAuthenticationError(error, refreshOnly) { Remaining = count });
        }
    }

    public void ClearAuthenticationErrors()
    {
        lock (_gate)
        {
            _authenticationErrors.Clear();
        }
    }

    /// <summary>
    /// When the grant would succeed up to the user's pending authentication error, takes one use of that error and
    /// returns it with a real pending authentication token (an email verification code is sent for
    /// <c>email_verification_required</c>); the code of a code grant is spent, a refresh token stays usable. Otherwise
    /// <see langword="null"/>, and the grant runs as usual.
    /// </summary>
    public AuthenticationChallenge? TakeAuthenticationError(string grantType, string? code, string? refreshToken)
    {
        lock (_gate)
        {
            if (_authenticationErrors.Count == 0)
            {
                return null;
            }

            var now = Now;
            string? userId = null;
            AuthorizationCodeRecord? codeRecord = null;
            SessionRecord? session = null;
            if (grantType == "authorization_code" && code is not null && _codes.TryGetValue(code, out codeRecord)
                && !codeRecord.Used && codeRecord.ExpiresAt > now)
            {
                userId = codeRecord.UserId;
            }
            else if (grantType == "refresh_token" && refreshToken is not null && _refreshTokens.TryGetValue(refreshToken, out var token)
                && !token.Used && _sessions[token.SessionId].IsActive)
            {
                session = _sessions[token.SessionId];
                userId = session.UserId;
            }

            if (userId is null || !_authenticationErrors.TryGetValue(userId, out var pending)
                || pending.FirstOrDefault(p => !p.RefreshOnly || codeRecord is null) is not { } due
                || _users.FirstOrDefault(u => u.Id == userId) is not { } user)
            {
                return null;
            }

            if (due.Remaining > 0 && --due.Remaining == 0)
            {
                pending.Remove(due);
            }

            if (codeRecord is not null)
            {
                codeRecord.Used = true;
            }

            var progress = codeRecord is not null
                ? new SignInProgress(codeRecord.AuthenticationMethod, codeRecord.OrganizationId, MfaPassed: false, OrganizationChosen: codeRecord.OrganizationId is not null)
                    { Impersonation = codeRecord.Impersonation }
                : new SignInProgress(session!.AuthenticationMethod, session.OrganizationId, MfaPassed: false, OrganizationChosen: session.OrganizationId is not null);
            return ChallengeUnlocked(user, due.Error, progress);
        }
    }

    private sealed record PendingAuthenticationError(EmulatorAuthenticationError Error, bool RefreshOnly)
    {
        public int Remaining { get; set; }
    }
}
