using WorkOS.AspNetCore.Emulator.Wire;

namespace WorkOS.AspNetCore.Emulator.State;

internal sealed partial class EmulatorStore
{
    // A feature flag object per slug, made on first use, so ids and timestamps stay stable between calls.
    private readonly Dictionary<string, FeatureFlagDto> _flags = new(StringComparer.Ordinal);

    /// <summary>
    /// The flags enabled for a user: the user's own and those of the organizations the user is an active member of,
    /// oldest flag first; <see langword="null"/> when the user is unknown.
    /// </summary>
    public IReadOnlyList<FeatureFlagDto>? FeatureFlagsOfUser(string userId)
    {
        lock (_gate)
        {
            var user = _users.FirstOrDefault(u => u.Id == userId);
            if (user is null)
            {
                return null;
            }

            var organizations = _memberships.Where(m => m.UserId == user.Id && m.IsActive).OrderBy(m => m.Sequence)
                .Select(m => _organizations.FirstOrDefault(o => o.Id == m.OrganizationId))
                .OfType<OrganizationRecord>();
            return FlagsUnlocked(user.FeatureFlags.Concat(organizations.SelectMany(o => o.FeatureFlags)));
        }
    }

    /// <summary>The flags enabled for an organization; <see langword="null"/> when it is unknown.</summary>
    public IReadOnlyList<FeatureFlagDto>? FeatureFlagsOfOrganization(string organizationId)
    {
        lock (_gate)
        {
            var organization = _organizations.FirstOrDefault(o => o.Id == organizationId);
            return organization is null ? null : FlagsUnlocked(organization.FeatureFlags);
        }
    }

    public void SetUserFeatureFlags(string userIdOrEmail, string[] flags)
    {
        lock (_gate)
        {
            var user = FindUserUnlocked(userIdOrEmail) ?? throw new ArgumentException($"No user '{userIdOrEmail}'.", nameof(userIdOrEmail));
            user.FeatureFlags = Clean(flags);
            user.UpdatedAt = Now;
        }
    }

    public void SetOrganizationFeatureFlags(string organizationId, string[] flags)
    {
        lock (_gate)
        {
            OrganizationUnlocked(organizationId).FeatureFlags = Clean(flags);
        }
    }

    public void SetOrganizationEntitlements(string organizationId, string[] entitlements)
    {
        lock (_gate)
        {
            OrganizationUnlocked(organizationId).Entitlements = Clean(entitlements);
        }
    }

    /// <summary>The email address of a user found by id or email; <see langword="null"/> when unknown.</summary>
    public string? FindUserEmail(string idOrEmail)
    {
        lock (_gate)
        {
            return FindUserUnlocked(idOrEmail)?.Email;
        }
    }

    /// <summary>Ends every active session of a user; returns how many there were.</summary>
    public int EndSessionsOf(string userIdOrEmail)
    {
        lock (_gate)
        {
            var user = FindUserUnlocked(userIdOrEmail) ?? throw new ArgumentException($"No user '{userIdOrEmail}'.", nameof(userIdOrEmail));
            var now = Now;
            var ended = 0;
            foreach (var session in _sessions.Values.Where(s => s.UserId == user.Id && s.IsActive))
            {
                session.EndedAt = now;
                session.UpdatedAt = now;
                Raise("session.revoked", ToDto(session));
                ended++;
            }

            return ended;
        }
    }

    private OrganizationRecord OrganizationUnlocked(string organizationId) =>
        _organizations.FirstOrDefault(o => o.Id == organizationId)
        ?? throw new ArgumentException($"No organization '{organizationId}'.", nameof(organizationId));

    private List<FeatureFlagDto> FlagsUnlocked(IEnumerable<string> slugs)
    {
        var now = Now;
        return
        [
            .. slugs.Distinct(StringComparer.Ordinal).Select(slug =>
            {
                if (!_flags.TryGetValue(slug, out var flag))
                {
                    var created = WireTime.Format(now);
                    flag = new FeatureFlagDto("feature_flag", IdGenerator.NewId("flag_", now), slug, slug, "", [], true, false, created, created);
                    _flags[slug] = flag;
                }

                return flag;
            }),
        ];
    }

    private static List<string> Clean(string[] values) =>
        [.. values.Where(v => !string.IsNullOrWhiteSpace(v)).Distinct(StringComparer.Ordinal)];
}
