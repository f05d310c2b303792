using System.Security.Cryptography;
using System.Text;
using WorkOS.AspNetCore.Emulator.Wire;

namespace WorkOS.AspNetCore.Emulator.State;

internal sealed partial class EmulatorStore
{
    public UserDto? GetUser(string userId)
    {
        lock (_gate)
        {
            var user = _users.FirstOrDefault(u => u.Id == userId);
            return user is null ? null : ToDto(user);
        }
    }

    public bool UserExists(string userId)
    {
        lock (_gate)
        {
            return _users.Any(u => u.Id == userId);
        }
    }

    /// <summary>Finds a user by id, or by email ignoring case.</summary>
    public string? FindUserId(string idOrEmail)
    {
        lock (_gate)
        {
            return FindUserUnlocked(idOrEmail)?.Id;
        }
    }

    public bool OrganizationExists(string organizationId)
    {
        lock (_gate)
        {
            return _organizations.Any(o => o.Id == organizationId);
        }
    }

    /// <summary>The users the sign-in page offers: all, or the active members of one organization.</summary>
    public IReadOnlyList<SignInCandidate> SignInCandidates(string? organizationId)
    {
        lock (_gate)
        {
            return
            [
                .. _users
                    .Where(u => organizationId is null || ActiveMembershipUnlocked(u.Id, organizationId) is not null)
                    .Select(u => new SignInCandidate(u.Id, u.Email, DisplayName(u))),
            ];
        }
    }

    /// <summary>
    /// The organization a new session of <paramref name="userId"/> gets: the requested one if the user is an active
    /// member (else <see langword="false"/>), otherwise the user's first active membership's, or none.
    /// </summary>
    public bool TryChooseOrganization(string userId, string? requestedOrganizationId, out string? organizationId)
    {
        lock (_gate)
        {
            if (requestedOrganizationId is not null)
            {
                organizationId = requestedOrganizationId;
                return ActiveMembershipUnlocked(userId, requestedOrganizationId) is not null;
            }

            organizationId = _memberships
                .Where(m => m.UserId == userId && m.IsActive)
                .OrderBy(m => m.Sequence)
                .FirstOrDefault()?.OrganizationId;
            return true;
        }
    }

    public void SetUserRoles(string userIdOrEmail, string organizationId, string[] roleSlugs)
    {
        lock (_gate)
        {
            var user = FindUserUnlocked(userIdOrEmail)
                ?? throw new ArgumentException($"No user '{userIdOrEmail}'.", nameof(userIdOrEmail));
            if (_organizations.All(o => o.Id != organizationId))
            {
                throw new ArgumentException($"No organization '{organizationId}'.", nameof(organizationId));
            }

            var unknown = roleSlugs.FirstOrDefault(slug => _roles.All(r => r.Slug != slug));
            if (unknown is not null)
            {
                throw new ArgumentException($"No role '{unknown}'.", nameof(roleSlugs));
            }

            if (roleSlugs.Length == 0)
            {
                throw new ArgumentException("Give at least one role slug.", nameof(roleSlugs));
            }

            var now = Now;
            var membership = _memberships.FirstOrDefault(m => m.UserId == user.Id && m.OrganizationId == organizationId);
            if (membership is null)
            {
                Raise("organization_membership.created",
                    AddLoadedMembership(null, user.Id, organizationId, [.. roleSlugs.Distinct(StringComparer.Ordinal)], "active", now));
                return;
            }

            membership.Roles = [.. roleSlugs.Distinct(StringComparer.Ordinal)];
            membership.Status = "active";
            membership.UpdatedAt = now;
            Raise("organization_membership.updated", membership);
        }
    }

    public void SetRolePermissions(string roleSlug, string[] permissions)
    {
        lock (_gate)
        {
            var role = _roles.FirstOrDefault(r => r.Slug == roleSlug);
            var created = role is null;
            if (role is null)
            {
                role = new RoleRecord { Slug = roleSlug, Name = roleSlug };
                _roles.Add(role);
            }

            role.Permissions = [.. permissions.Distinct(StringComparer.Ordinal)];
            Raise(created ? "role.created" : "role.updated", role);
        }
    }

    /// <summary>Memberships matching the filters, oldest first.</summary>
    public IReadOnlyList<MembershipDto> ListMemberships(string? userId, string? organizationId, IReadOnlyCollection<string> statuses)
    {
        lock (_gate)
        {
            return
            [
                .. _memberships
                    .Where(m => userId is null || m.UserId == userId)
                    .Where(m => organizationId is null || m.OrganizationId == organizationId)
                    .Where(m => statuses.Count == 0 || statuses.Contains(m.Status))
                    .OrderBy(m => m.Sequence)
                    .Select(ToDto),
            ];
        }
    }

    /// <summary>The API key with this value, unless unknown or expired; marks it used.</summary>
    public ApiKeyDto? ValidateApiKey(string value)
    {
        lock (_gate)
        {
            var now = Now;
            var presented = Encoding.UTF8.GetBytes(value);
            var key = _apiKeys.FirstOrDefault(k => CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(k.Value), presented));
            if (key is null || key.ExpiresAt <= now)
            {
                return null;
            }

            key.LastUsedAt = now;
            return new ApiKeyDto(
                "api_key",
                key.Id,
                new ApiKeyOwnerDto(key.OwnerType, key.OwnerId),
                key.Name,
                Obfuscate(key.Value),
                [.. key.Permissions],
                WireTime.Format(key.ExpiresAt),
                WireTime.Format(key.LastUsedAt),
                WireTime.Format(key.CreatedAt),
                WireTime.Format(key.CreatedAt));
        }
    }

    private UserRecord? FindUserUnlocked(string idOrEmail) =>
        _users.FirstOrDefault(u => u.Id == idOrEmail)
        ?? _users.FirstOrDefault(u => string.Equals(u.Email, idOrEmail, StringComparison.OrdinalIgnoreCase));

    private MembershipRecord? ActiveMembershipUnlocked(string userId, string organizationId) =>
        _memberships.FirstOrDefault(m => m.UserId == userId && m.OrganizationId == organizationId && m.IsActive);

    private MembershipDto ToDto(MembershipRecord m)
    {
        var roles = m.Roles.Select(slug => new SlugDto(slug)).ToList();
        return new MembershipDto(
            "organization_membership",
            m.Id,
            m.UserId,
            m.OrganizationId,
            _organizations.FirstOrDefault(o => o.Id == m.OrganizationId)?.Name,
            roles.Count > 0 ? roles[0] : new SlugDto("member"),
            roles,
            m.Status,
            WireTime.Format(m.CreatedAt),
            WireTime.Format(m.UpdatedAt));
    }

    private static UserDto ToDto(UserRecord u) => new(
        "user",
        u.Id,
        u.Email,
        u.FirstName,
        u.LastName,
        u.EmailVerified,
        u.ProfilePictureUrl,
        WireTime.Format(u.LastSignInAt),
        WireTime.Format(u.CreatedAt),
        WireTime.Format(u.UpdatedAt));

    private static string DisplayName(UserRecord u)
    {
        var name = $"{u.FirstName} {u.LastName}".Trim();
        return name.Length > 0 ? name : u.Email;
    }

    private static string Obfuscate(string value)
    {
        var tail = value.Length > 4 ? value[^4..] : "";
        var underscore = value.IndexOf('_', StringComparison.Ordinal);
        var head = underscore is > 0 and < 8 ? value[..(underscore + 1)] : "";
        return head + "..." + tail;
    }
}
