using System.Security.Cryptography;
using System.Text;

namespace WorkOS.AspNetCore.Emulator.State;

internal sealed partial class EmulatorStore
{
    /// <summary>The OAuth providers <c>provider=</c> accepts.</summary>
    public static readonly IReadOnlySet<string> SsoProviders = new HashSet<string>(StringComparer.Ordinal)
    {
        "GoogleOAuth", "MicrosoftOAuth", "GitHubOAuth", "AppleOAuth",
    };

    private const string MagicLinkConnectionId = "conn_magic_link";

    private readonly List<ConnectionRecord> _connections = [];
    private readonly Dictionary<string, ConnectionRecord> _builtInConnections = new(StringComparer.Ordinal);
    private readonly Dictionary<(string ConnectionId, string UserId), (string Id, string IdpId)> _derivedProfileIds = [];
    private readonly Dictionary<string, SsoCodeRecord> _ssoCodes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SsoProfile> _ssoAccessTokens = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SsoLogoutTokenRecord> _ssoLogoutTokens = new(StringComparer.Ordinal);

    public string AddConnection(SeedConnection connection)
    {
        lock (_gate)
        {
            return AddConnectionUnlocked(connection, Now);
        }
    }

    internal string AddConnectionUnlocked(SeedConnection connection, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(connection);
        if (connection.Id is not null && string.IsNullOrWhiteSpace(connection.Id))
        {
            throw Refused("A connection has a blank id; leave it out to have one generated.");
        }

        var id = connection.Id ?? IdGenerator.NewId("conn_", now);
        if (_connections.Any(c => c.Id == id) || id == MagicLinkConnectionId)
        {
            throw Refused($"There are two connections with id '{id}'.");
        }

        if (string.IsNullOrWhiteSpace(connection.ConnectionType))
        {
            throw Refused($"The connection '{id}' has no connection_type.");
        }

        var organization = _organizations.FirstOrDefault(o => o.Id == connection.OrganizationId)
            ?? throw Refused($"The connection '{id}' names organization '{connection.OrganizationId}', which does not exist.");
        if (connection.State is not ("active" or "inactive"))
        {
            throw Refused($"The connection '{id}' has state '{connection.State}'; use 'active' or 'inactive'.");
        }

        var profiles = new List<ProfileRecord>();
        foreach (var profile in connection.Profiles ?? [])
        {
            if (string.IsNullOrWhiteSpace(profile.Email))
            {
                throw Refused($"A profile of connection '{id}' has no email.");
            }

            var profileId = profile.Id ?? IdGenerator.NewId("prof_", now);
            if (profiles.Any(p => p.Id == profileId || string.Equals(p.Email, profile.Email, StringComparison.OrdinalIgnoreCase)))
            {
                throw Refused($"The connection '{id}' has two profiles with id '{profileId}' or email '{profile.Email}'.");
            }

            profiles.Add(new ProfileRecord
            {
                Id = profileId,
                Email = profile.Email,
                FirstName = profile.FirstName,
                LastName = profile.LastName,
                IdpId = profile.IdpId ?? IdGenerator.NewToken(9),
                Roles = [.. (profile.Roles ?? []).Where(r => !string.IsNullOrWhiteSpace(r)).Distinct(StringComparer.Ordinal)],
                Groups = [.. (profile.Groups ?? []).Where(g => !string.IsNullOrWhiteSpace(g)).Distinct(StringComparer.Ordinal)],
                RawAttributes = new Dictionary<string, string>(profile.RawAttributes ?? [], StringComparer.Ordinal),
            });
        }

        _connections.Add(new ConnectionRecord
        {
            Id = id,
            Name = connection.Name ?? organization.Name,
            ConnectionType = connection.ConnectionType,
            OrganizationId = organization.Id,
            Domains = [.. (connection.Domains ?? []).Where(d => !string.IsNullOrWhiteSpace(d)).Select(d => d.Trim().ToLowerInvariant()).Distinct()],
            State = connection.State,
            AllowProfilesOutsideOrganization = connection.AllowProfilesOutsideOrganization,
            Profiles = profiles,
            CreatedAt = now,
            UpdatedAt = now,
        });
        return id;
    }

    /// <summary>Sets a connection <c>active</c> or <c>inactive</c>; <see langword="false"/> when there is no such connection.</summary>
    public bool SetConnectionState(string connectionId, bool active)
    {
        lock (_gate)
        {
            if (_connections.FirstOrDefault(c => c.Id == connectionId) is not { } connection)
            {
                return false;
            }

            connection.State = active ? "active" : "inactive";
            connection.UpdatedAt = Now;
            return true;
        }
    }

    /// <summary>
    /// Resolves the connection selector of <c>GET /sso/authorize</c>: exactly one of <paramref name="connectionId"/>,
    /// <paramref name="organizationId"/> and <paramref name="provider"/>, and a <paramref name="domainHint"/> of it.
    /// </summary>
    public SelectorOutcome ResolveConnection(string? connectionId, string? organizationId, string? provider, string? domainHint)
    {
        lock (_gate)
        {
            var count = (connectionId is null ? 0 : 1) + (organizationId is null ? 0 : 1) + (provider is null ? 0 : 1);
            if (count > 1)
            {
                return SelectorOutcome.Fail("ambiguous_connection_selector", "Give exactly one of connection, organization or provider.");
            }

            if (count == 0)
            {
                return SelectorOutcome.Fail("invalid_connection_selector",
                    "A valid connection selector must be provided: connection, organization or provider.");
            }

            ConnectionRecord connection;
            if (provider is not null)
            {
                if (!SsoProviders.Contains(provider))
                {
                    return SelectorOutcome.Fail("invalid_connection_selector",
                        $"The provider '{provider}' is not one of {string.Join(", ", SsoProviders)}.");
                }

                connection = BuiltInConnectionUnlocked("conn_" + provider.ToLowerInvariant(), provider);
            }
            else if (connectionId is not null)
            {
                if (_connections.FirstOrDefault(c => c.Id == connectionId) is not { } found)
                {
                    return SelectorOutcome.Fail("connection_invalid", $"There is no connection for the ID '{connectionId}'.");
                }

                if (!found.IsActive)
                {
                    return SelectorOutcome.Fail("connection_unlinked", $"The connection '{connectionId}' is inactive.");
                }

                connection = found;
            }
            else
            {
                if (_organizations.All(o => o.Id != organizationId))
                {
                    return SelectorOutcome.Fail("organization_invalid", $"There is no organization matching the ID '{organizationId}'.");
                }

                var active = _connections.Where(c => c.OrganizationId == organizationId && c.IsActive).ToList();
                if (active.Count == 0)
                {
                    return SelectorOutcome.Fail("organization_invalid", $"No active connection is associated with organization '{organizationId}'.");
                }

                if (active.Count > 1)
                {
                    return SelectorOutcome.Fail("ambiguous_connection_selector",
                        $"Organization '{organizationId}' has {active.Count} active connections; select one with the connection parameter.");
                }

                connection = active[0];
            }

            if (domainHint is not null && connection.Domains.Count > 0 && !connection.Domains.Contains(domainHint.Trim(), StringComparer.OrdinalIgnoreCase))
            {
                return SelectorOutcome.Fail("connection_domain_invalid", $"There is no connection for the domain '{domainHint}'.");
            }

            return new SelectorOutcome(connection, null, null);
        }
    }

    /// <summary>The profiles that can sign in through a connection.</summary>
    public IReadOnlyList<ProfileRecord> ProfilesOf(ConnectionRecord connection)
    {
        lock (_gate)
        {
            return ProfilesOfUnlocked(connection);
        }
    }

    /// <summary>
    /// Issues a one-time code for <paramref name="profileId"/> of <paramref name="connection"/>. Fails with an error
    /// code of the reference when the profile is unknown or outside the connection's domains.
    /// </summary>
    public (string? Code, string? Error, string? Description) IssueSsoCode(
        ConnectionRecord connection, string profileId, string clientId, string? codeChallenge, TimeSpan lifetime)
    {
        lock (_gate)
        {
            if (ProfilesOfUnlocked(connection).FirstOrDefault(p => p.Id == profileId) is not { } profile)
            {
                return (null, "server_error", $"The connection '{connection.Id}' has no profile '{profileId}'.");
            }

            if (!connection.AllowsEmail(profile.Email))
            {
                return (null, "profile_not_allowed_outside_organization",
                    $"The email '{profile.Email}' is outside the domains of the organization of connection '{connection.Id}'.");
            }

            return (IssueSsoCodeUnlocked(new SsoProfile(connection.Id, connection.ConnectionType, connection.OrganizationId, profile), clientId, codeChallenge, lifetime), null, null);
        }
    }

    /// <summary>Redeems an SSO code once: checks expiry, client and PKCE, then issues an access token for the profile.</summary>
    public SsoGrantOutcome ExchangeSsoCode(string code, string clientId, string? codeVerifier, bool clientAuthenticated)
    {
        lock (_gate)
        {
            if (!_ssoCodes.TryGetValue(code, out var record) || record.Used)
            {
                return SsoGrantOutcome.Fail("invalid_grant", "The code is invalid or has already been used.");
            }

            if (!clientAuthenticated && record.CodeChallenge is null)
            {
                return SsoGrantOutcome.Fail("invalid_client", "client_secret is required unless the code was issued with a PKCE code_challenge.");
            }

            record.Used = true;
            if (record.ExpiresAt <= Now)
            {
                return SsoGrantOutcome.Fail("invalid_grant", "The code has expired.");
            }

            if (!string.Equals(record.ClientId, clientId, StringComparison.Ordinal))
            {
                return SsoGrantOutcome.Fail("invalid_grant", "The code was issued to another client.");
            }

            if (record.CodeChallenge is not null)
            {
                if (string.IsNullOrEmpty(codeVerifier))
                {
                    return SsoGrantOutcome.Fail("invalid_grant", "code_verifier is required: the code was issued with a code_challenge.");
                }

                if (!PkceMatches(codeVerifier, record.CodeChallenge))
                {
                    return SsoGrantOutcome.Fail("invalid_grant", "code_verifier does not match the code_challenge.");
                }
            }

            var accessToken = IdGenerator.NewToken(32);
            _ssoAccessTokens[accessToken] = record.Profile;
            return new SsoGrantOutcome(accessToken, record.Profile, null, null);
        }
    }

    /// <summary>The profile an SSO access token was issued for, or <see langword="null"/>.</summary>
    public SsoProfile? ProfileForAccessToken(string accessToken)
    {
        lock (_gate)
        {
            return _ssoAccessTokens.GetValueOrDefault(accessToken);
        }
    }

    /// <summary>Issues a one-time logout token for a signed-in profile, or <see langword="null"/> when no token was issued for it.</summary>
    public string? IssueSsoLogoutToken(string profileId, TimeSpan lifetime)
    {
        lock (_gate)
        {
            if (!_ssoAccessTokens.Values.Any(p => p.Profile.Id == profileId))
            {
                return null;
            }

            var token = IdGenerator.NewToken(32);
            _ssoLogoutTokens[token] = new SsoLogoutTokenRecord { Token = token, ProfileId = profileId, ExpiresAt = Now + lifetime };
            return token;
        }
    }

    /// <summary>Uses a logout token (once): the profile's access tokens stop working. <see langword="false"/> when the token is unknown, used or expired.</summary>
    public bool RedeemSsoLogoutToken(string token)
    {
        lock (_gate)
        {
            if (!_ssoLogoutTokens.TryGetValue(token, out var record) || record.Used || record.ExpiresAt <= Now)
            {
                return false;
            }

            record.Used = true;
            foreach (var spent in _ssoAccessTokens.Where(p => p.Value.Profile.Id == record.ProfileId).Select(p => p.Key).ToList())
            {
                _ssoAccessTokens.Remove(spent);
            }

            return true;
        }
    }

    private string IssueSsoCodeUnlocked(SsoProfile profile, string clientId, string? codeChallenge, TimeSpan lifetime)
    {
        var now = Now;
        foreach (var stale in _ssoCodes.Values.Where(c => c.Used || c.ExpiresAt <= now).Select(c => c.Code).ToList())
        {
            _ssoCodes.Remove(stale);
        }

        var code = IdGenerator.NewToken();
        _ssoCodes[code] = new SsoCodeRecord
        {
            Code = code,
            ClientId = clientId,
            Profile = profile,
            CodeChallenge = codeChallenge,
            ExpiresAt = now + lifetime,
        };
        return code;
    }

    private ConnectionRecord BuiltInConnectionUnlocked(string id, string connectionType)
    {
        if (!_builtInConnections.TryGetValue(id, out var connection))
        {
            connection = new ConnectionRecord
            {
                Id = id,
                Name = connectionType,
                ConnectionType = connectionType,
                State = "active",
                CreatedAt = Now,
                UpdatedAt = Now,
            };
            _builtInConnections[id] = connection;
        }

        return connection;
    }

    private List<ProfileRecord> ProfilesOfUnlocked(ConnectionRecord connection)
    {
        if (connection.Profiles.Count > 0)
        {
            return connection.Profiles;
        }

        var users = connection.OrganizationId is { } organizationId
            ? _users.Where(u => ActiveMembershipUnlocked(u.Id, organizationId) is not null)
            : _users;
        return [.. users.Select(u => DerivedProfileUnlocked(connection, u))];
    }

    /// <summary>A user's profile at a connection: stable ids, the membership's roles when the connection has an organization.</summary>
    private ProfileRecord DerivedProfileUnlocked(ConnectionRecord connection, UserRecord user)
    {
        if (!_derivedProfileIds.TryGetValue((connection.Id, user.Id), out var ids))
        {
            ids = (IdGenerator.NewId("prof_", Now), StableIdpId(connection.Id, user.Id));
            _derivedProfileIds[(connection.Id, user.Id)] = ids;
        }

        var roles = connection.OrganizationId is { } organizationId && ActiveMembershipUnlocked(user.Id, organizationId) is { } membership
            ? [.. membership.Roles]
            : new List<string>();
        return new ProfileRecord
        {
            Id = ids.Id,
            Email = user.Email,
            FirstName = user.FirstName,
            LastName = user.LastName,
            IdpId = ids.IdpId,
            Roles = roles,
            RawAttributes = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["email"] = user.Email,
                ["firstName"] = user.FirstName ?? "",
                ["lastName"] = user.LastName ?? "",
            },
        };
    }

    private static string StableIdpId(string connectionId, string userId) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(connectionId + "\n" + userId)))[..20];
}
