namespace WorkOS.AspNetCore.Emulator.State;

/// <summary>
/// All of the emulator's data: the directory loaded from the seed, and the codes, sessions and refresh tokens of
/// sign-ins. Every public member takes one lock, so each operation is atomic.
/// </summary>
internal sealed partial class EmulatorStore
{
    private readonly Lock _gate = new();
    private readonly TimeProvider _time;
    private readonly List<UserRecord> _users = [];
    private readonly List<OrganizationRecord> _organizations = [];
    private readonly List<RoleRecord> _roles = [];
    private readonly List<MembershipRecord> _memberships = [];
    private readonly List<ApiKeyRecord> _apiKeys = [];
    private readonly Dictionary<string, AuthorizationCodeRecord> _codes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SessionRecord> _sessions = new(StringComparer.Ordinal);
    private readonly Dictionary<string, RefreshTokenRecord> _refreshTokens = new(StringComparer.Ordinal);
    private long _sequence;

    public EmulatorStore(EmulatorSeed seed, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(seed);
        _time = time;
        SeedLoader.Load(seed, this, time.GetUtcNow());
        LoadConnect(seed);
    }

    private DateTimeOffset Now => _time.GetUtcNow();

    private long NextSequence() => ++_sequence;

    // Used by SeedLoader only, before the store is shared.
    internal void AddLoaded(RoleRecord role) => _roles.Add(role);

    internal void AddLoaded(ApiKeyRecord apiKey) => _apiKeys.Add(apiKey);

    internal MembershipRecord AddLoadedMembership(string? id, string userId, string organizationId, List<string> roles, string status, DateTimeOffset now)
    {
        var membership = new MembershipRecord
        {
            Id = id ?? IdGenerator.NewId("om_", now),
            UserId = userId,
            OrganizationId = organizationId,
            Roles = roles,
            Status = status,
            Sequence = NextSequence(),
            CreatedAt = now,
            UpdatedAt = now,
        };
        _memberships.Add(membership);
        return membership;
    }

    internal IReadOnlyList<UserRecord> LoadedUsers => _users;

    internal IReadOnlyList<OrganizationRecord> LoadedOrganizations => _organizations;

    internal IReadOnlyList<RoleRecord> LoadedRoles => _roles;

    internal IReadOnlyList<MembershipRecord> LoadedMemberships => _memberships;

    internal IReadOnlyList<ApiKeyRecord> LoadedApiKeys => _apiKeys;
}
