namespace WorkOS.AspNetCore.Emulator.State;

/// <summary>
/// Adds users, organizations and memberships, with the same checks whether they come from the seed (before the store
/// is shared) or arrive while the emulator runs. A refused entry throws <see cref="ArgumentException"/> and changes nothing.
/// </summary>
internal sealed partial class EmulatorStore
{
    private static readonly string[] MembershipStatuses = ["active", "inactive", "pending"];

    public string AddUser(SeedUser user)
    {
        lock (_gate)
        {
            var id = AddUserUnlocked(user, Now);
            Raise("user.created", ToDto(_users.First(u => u.Id == id)));
            return id;
        }
    }

    public string AddOrganization(SeedOrganization organization)
    {
        lock (_gate)
        {
            return AddOrganizationUnlocked(organization, Now);
        }
    }

    public string AddMembership(SeedMembership membership)
    {
        lock (_gate)
        {
            return AddMembershipUnlocked(membership, Now);
        }
    }

    internal string AddUserUnlocked(SeedUser user, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(user.Email))
        {
            throw Refused($"The user '{user.Id}' has no email.");
        }

        if (user.Id is not null && string.IsNullOrWhiteSpace(user.Id))
        {
            throw Refused($"The user '{user.Email}' has a blank id; leave it out to have one generated.");
        }

        if (_users.Any(u => string.Equals(u.Email, user.Email, StringComparison.OrdinalIgnoreCase)))
        {
            throw Refused($"There are two users with email '{user.Email}' (emails are compared ignoring case).");
        }

        var id = user.Id ?? IdGenerator.NewId("user_", now);
        if (_users.Any(u => u.Id == id))
        {
            throw Refused($"There are two users with id '{id}'.");
        }

        _users.Add(new UserRecord
        {
            Id = id,
            Email = user.Email,
            FirstName = user.FirstName,
            LastName = user.LastName,
            EmailVerified = user.EmailVerified,
            ProfilePictureUrl = user.ProfilePictureUrl,
            Password = user.Password,
            RequireMfa = user.RequireMfa,
            FeatureFlags = DistinctSlugs(user.FeatureFlags),
            CreatedAt = now,
            UpdatedAt = now,
        });
        return id;
    }

    internal string AddOrganizationUnlocked(SeedOrganization organization, DateTimeOffset now)
    {
        if (organization.Id is not null && string.IsNullOrWhiteSpace(organization.Id))
        {
            throw Refused($"The organization '{organization.Name}' has a blank id; leave it out to have one generated.");
        }

        var id = organization.Id ?? IdGenerator.NewId("org_", now);
        if (_organizations.Any(o => o.Id == id))
        {
            throw Refused($"There are two organizations with id '{id}'.");
        }

        _organizations.Add(new OrganizationRecord
        {
            Id = id,
            Name = organization.Name ?? "",
            RequireMfa = organization.RequireMfa,
            Entitlements = DistinctSlugs(organization.Entitlements),
            FeatureFlags = DistinctSlugs(organization.FeatureFlags),
        });
        return id;
    }

    internal string AddMembershipUnlocked(SeedMembership membership, DateTimeOffset now)
    {
        var user = (membership.UserId is { } userId ? FindUserUnlocked(userId) : null)
            ?? throw Refused($"A membership names unknown user '{membership.UserId}'.");
        if (_organizations.All(o => o.Id != membership.OrganizationId))
        {
            throw Refused($"A membership names unknown organization '{membership.OrganizationId}'.");
        }

        if (_memberships.Any(m => m.UserId == user.Id && m.OrganizationId == membership.OrganizationId))
        {
            throw Refused($"There are two memberships of '{user.Id}' in '{membership.OrganizationId}'.");
        }

        if (membership.Id is not null && (string.IsNullOrWhiteSpace(membership.Id) || _memberships.Any(m => m.Id == membership.Id)))
        {
            throw Refused($"The membership id '{membership.Id}' is blank or taken; leave it out to have one generated.");
        }

        var roles = DistinctSlugs(membership.Roles);
        if (roles.Count == 0)
        {
            roles.Add("member");
        }

        if (roles.FirstOrDefault(slug => _roles.All(r => r.Slug != slug)) is { } unknown)
        {
            throw Refused($"A membership of '{user.Id}' names unknown role '{unknown}'.");
        }

        var status = string.IsNullOrWhiteSpace(membership.Status) ? "active" : membership.Status;
        if (!MembershipStatuses.Contains(status, StringComparer.Ordinal))
        {
            throw Refused($"A membership of '{user.Id}' has status '{status}'; use active, inactive or pending.");
        }

        var added = AddLoadedMembership(membership.Id, user.Id, membership.OrganizationId, roles, status, now);
        Raise("organization_membership.created", added);
        return added.Id;
    }

    private static List<string> DistinctSlugs(IEnumerable<string>? values) =>
        [.. (values ?? []).Where(v => !string.IsNullOrWhiteSpace(v)).Distinct(StringComparer.Ordinal)];

    private static ArgumentException Refused(string message) => new(message);
}
