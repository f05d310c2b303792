using System.Security.Cryptography;
using System.Text;
using WorkOS.AspNetCore.Emulator.Wire;

namespace WorkOS.AspNetCore.Emulator.State;

internal sealed partial class EmulatorStore
{
    /// <summary>
    /// The <c>expires_at</c> the session object reports (WorkOS always sends one). The emulator does not end sessions
    /// by age; revoke or sign out to end one.
    /// </summary>
    internal static readonly TimeSpan NominalSessionLifetime = TimeSpan.FromDays(7);

    private PendingImpersonation? _pendingImpersonation;

    /// <summary>Makes the next sign-in, whoever asks, an impersonation of <paramref name="userIdOrEmail"/>.</summary>
    public void PrepareImpersonation(string userIdOrEmail, string impersonatorEmail, string? reason)
    {
        lock (_gate)
        {
            var userId = FindUserUnlocked(userIdOrEmail)?.Id ?? throw new ArgumentException($"Unknown user '{userIdOrEmail}'.", nameof(userIdOrEmail));
            _pendingImpersonation = new PendingImpersonation(userId, impersonatorEmail, reason);
        }
    }

    /// <summary>Takes the pending impersonation, if any (it applies to one sign-in).</summary>
    public PendingImpersonation? TakePendingImpersonation()
    {
        lock (_gate)
        {
            var pending = _pendingImpersonation;
            _pendingImpersonation = null;
            return pending;
        }
    }

    public string IssueCode(CodeRequest request)
    {
        lock (_gate)
        {
            var now = Now;
            foreach (var stale in _codes.Values.Where(c => c.Used || c.ExpiresAt <= now).Select(c => c.Code).ToList())
            {
                _codes.Remove(stale);
            }

            var code = IdGenerator.NewToken();
            _codes[code] = new AuthorizationCodeRecord
            {
                Code = code,
                ClientId = request.ClientId,
                UserId = request.UserId,
                OrganizationId = request.OrganizationId,
                CodeChallenge = request.CodeChallenge,
                AuthenticationMethod = request.AuthenticationMethod,
                ExpiresAt = now + request.Lifetime,
                Impersonation = request.Impersonation,
            };
            return code;
        }
    }

    /// <summary>
    /// Redeems a code (once): checks expiry, client and PKCE, then starts a session. Without a client secret only
    /// a PKCE code is accepted (a public client).
    /// </summary>
    public GrantOutcome ExchangeCode(string code, string clientId, string? codeVerifier, bool clientAuthenticated, string? ipAddress, string? userAgent)
    {
        lock (_gate)
        {
            var now = Now;
            if (!_codes.TryGetValue(code, out var record) || record.Used)
            {
                return GrantOutcome.Fail(GrantFailure.InvalidGrant, "The code is invalid or has already been used.");
            }

            if (!clientAuthenticated && record.CodeChallenge is null)
            {
                return GrantOutcome.Fail(GrantFailure.InvalidClient, "client_secret is required unless the code was issued with a PKCE code_challenge.");
            }

            record.Used = true;
            if (record.ExpiresAt <= now)
            {
                return GrantOutcome.Fail(GrantFailure.InvalidGrant, "The code has expired.");
            }

            if (!string.Equals(record.ClientId, clientId, StringComparison.Ordinal))
            {
                return GrantOutcome.Fail(GrantFailure.InvalidGrant, "The code was issued to another client.");
            }

            if (record.CodeChallenge is not null)
            {
                if (string.IsNullOrEmpty(codeVerifier))
                {
                    return GrantOutcome.Fail(GrantFailure.InvalidGrant, "code_verifier is required: the code was issued with a code_challenge.");
                }

                if (!PkceMatches(codeVerifier, record.CodeChallenge))
                {
                    return GrantOutcome.Fail(GrantFailure.InvalidGrant, "code_verifier does not match the code_challenge.");
                }
            }

            var user = _users.FirstOrDefault(u => u.Id == record.UserId);
            if (user is null)
            {
                return GrantOutcome.Fail(GrantFailure.InvalidGrant, "The user of this code no longer exists.");
            }

            var progress = new SignInProgress(record.AuthenticationMethod, record.OrganizationId, MfaPassed: true, OrganizationChosen: true)
            {
                Impersonation = record.Impersonation,
            };
            return GrantOutcome.Success(StartSessionUnlocked(user, progress, ipAddress, userAgent, publicClient: !clientAuthenticated));
        }
    }

    /// <summary>
    /// Uses a refresh token (once) for a new token pair, optionally switching the session's organization. A
    /// failed organization switch leaves the refresh token usable. Like WorkOS, a second exchange of a just-spent
    /// token within <paramref name="replayGrace"/> returns the same new pair, while that pair is unspent and the
    /// session active.
    /// </summary>
    public GrantOutcome Refresh(string refreshToken, bool clientAuthenticated, string? organizationId, TimeSpan replayGrace)
    {
        lock (_gate)
        {
            var now = Now;
            if (_refreshTokens.TryGetValue(refreshToken, out var token) && token.Used && token.Replacement is { } replacement
                && now < token.UsedAt + replayGrace && _sessions[token.SessionId].IsActive
                && !_refreshTokens[replacement.RefreshToken].Used && (organizationId is null || organizationId == replacement.OrganizationId)
                && (clientAuthenticated || _sessions[token.SessionId].PublicClient))
            {
                return GrantOutcome.Success(replacement);
            }

            if (token is null || token.Used)
            {
                return GrantOutcome.Fail(GrantFailure.InvalidGrant, "The refresh token is invalid or has already been used.");
            }

            var session = _sessions[token.SessionId];
            if (!clientAuthenticated && !session.PublicClient)
            {
                return GrantOutcome.Fail(GrantFailure.InvalidClient, "client_secret is required.");
            }

            if (!session.IsActive)
            {
                token.Used = true;
                return GrantOutcome.Fail(GrantFailure.InvalidGrant, "The session has ended.");
            }

            if (organizationId is not null && ActiveMembershipUnlocked(session.UserId, organizationId) is null)
            {
                return GrantOutcome.Fail(
                    GrantFailure.OrganizationInvalid,
                    _organizations.Any(o => o.Id == organizationId)
                        ? $"The user is not an active member of organization '{organizationId}'."
                        : $"There is no organization '{organizationId}'.");
            }

            var user = _users.FirstOrDefault(u => u.Id == session.UserId);
            if (user is null)
            {
                return GrantOutcome.Fail(GrantFailure.InvalidGrant, "The user of this session no longer exists.");
            }

            token.Used = true;
            token.UsedAt = now;
            if (organizationId is not null)
            {
                session.OrganizationId = organizationId;
            }

            session.UpdatedAt = now;
            token.Replacement = Issue(session, user);
            return GrantOutcome.Success(token.Replacement);
        }
    }

    /// <summary>Ends a session; the session, or <see langword="null"/> when unknown.</summary>
    public SessionDto? EndSession(string sessionId)
    {
        lock (_gate)
        {
            if (!_sessions.TryGetValue(sessionId, out var session))
            {
                return null;
            }

            if (session.IsActive)
            {
                var now = Now;
                session.EndedAt = now;
                session.UpdatedAt = now;
                Raise("session.revoked", ToDto(session));
            }

            return ToDto(session);
        }
    }

    public IReadOnlyList<EmulatorSession> Sessions()
    {
        lock (_gate)
        {
            return [.. _sessions.Values.OrderBy(s => s.Sequence).Select(s => s.ToSnapshot())];
        }
    }

    /// <summary>The active sessions of a user, oldest first.</summary>
    public IReadOnlyList<SessionDto> ActiveSessionsOf(string userId)
    {
        lock (_gate)
        {
            return [.. _sessions.Values.Where(s => s.UserId == userId && s.IsActive).OrderBy(s => s.Sequence).Select(ToDto)];
        }
    }

    private IssuedSession Issue(SessionRecord session, UserRecord user)
    {
        var refreshToken = IdGenerator.NewToken();
        _refreshTokens[refreshToken] = new RefreshTokenRecord { Token = refreshToken, SessionId = session.Id };
        return new IssuedSession(ToDto(user), session.Id, session.OrganizationId, refreshToken, session.AuthenticationMethod, ClaimsFor(session, user),
            session.Impersonation);
    }

    private AccessTokenContent ClaimsFor(SessionRecord session, UserRecord user)
    {
        List<string> roles = [];
        List<string> permissions = [];
        List<string> entitlements = [];
        List<string> flags = [.. user.FeatureFlags];
        if (session.OrganizationId is { } organizationId)
        {
            if (ActiveMembershipUnlocked(user.Id, organizationId) is { } membership)
            {
                roles.AddRange(membership.Roles);
                permissions.AddRange(membership.Roles
                    .SelectMany(slug => _roles.FirstOrDefault(r => r.Slug == slug)?.Permissions ?? [])
                    .Distinct(StringComparer.Ordinal));
            }

            if (_organizations.FirstOrDefault(o => o.Id == organizationId) is { } organization)
            {
                entitlements.AddRange(organization.Entitlements);
                flags.AddRange(organization.FeatureFlags);
            }
        }

        return new AccessTokenContent(
            user.Id,
            session.Id,
            session.OrganizationId,
            roles,
            permissions,
            entitlements,
            [.. flags.Distinct(StringComparer.Ordinal)],
            session.CreatedAt,
            session.Impersonation?.ImpersonatorEmail);
    }

    private static SessionDto ToDto(SessionRecord s) => new(
        "session",
        s.Id,
        s.UserId,
        s.OrganizationId,
        s.IsActive ? "active" : "revoked",
        s.AuthenticationMethod.ToLowerInvariant(),
        s.IpAddress,
        s.UserAgent,
        WireTime.Format(s.CreatedAt + NominalSessionLifetime),
        WireTime.Format(s.EndedAt),
        WireTime.Format(s.CreatedAt),
        WireTime.Format(s.UpdatedAt));

    private static bool PkceMatches(string verifier, string challenge)
    {
        var computed = Base64UrlSha256(verifier);
        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(computed), Encoding.ASCII.GetBytes(challenge));
    }

    private static string Base64UrlSha256(string verifier) =>
        System.Buffers.Text.Base64Url.EncodeToString(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));
}
