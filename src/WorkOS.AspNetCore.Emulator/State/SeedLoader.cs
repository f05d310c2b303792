namespace WorkOS.AspNetCore.Emulator.State;

/// <summary>Checks a seed and copies it into a new store, generating the ids it lacks.</summary>
internal static partial class SeedLoader
{
    public static void Load(EmulatorSeed seed, EmulatorStore store, DateTimeOffset now)
    {
        foreach (var role in seed.Roles ?? [])
        {
            if (string.IsNullOrWhiteSpace(role.Slug))
            {
                throw Invalid("A seed role has no slug.");
            }

            if (store.LoadedRoles.Any(r => r.Slug == role.Slug))
            {
                throw Invalid($"The seed has two roles with slug '{role.Slug}'.");
            }

            store.AddLoaded(new RoleRecord { Slug = role.Slug, Name = role.Name ?? role.Slug, Permissions = Distinct(role.Permissions) });
        }

        foreach (var organization in seed.Organizations ?? [])
        {
            var id = organization.Id ?? IdGenerator.NewId("org_", now);
            if (store.LoadedOrganizations.Any(o => o.Id == id))
            {
                throw Invalid($"The seed has two organizations with id '{id}'.");
            }

            store.AddLoaded(new OrganizationRecord
            {
                Id = id,
                Name = organization.Name,
                Entitlements = Distinct(organization.Entitlements),
                FeatureFlags = Distinct(organization.FeatureFlags),
            });
        }

        foreach (var user in seed.Users ?? [])
        {
            if (string.IsNullOrWhiteSpace(user.Email))
            {
                throw Invalid($"The seed user '{user.Id}' has no email.");
            }

            var id = user.Id ?? IdGenerator.NewId("user_", now);
            if (store.LoadedUsers.Any(u => u.Id == id || string.Equals(u.Email, user.Email, StringComparison.OrdinalIgnoreCase)))
            {
                throw Invalid($"The seed has two users with id '{id}' or email '{user.Email}'.");
            }

            store.AddLoaded(new UserRecord
            {
                Id = id,
                Email = user.Email,
                FirstName = user.FirstName,
                LastName = user.LastName,
                EmailVerified = user.EmailVerified,
                ProfilePictureUrl = user.ProfilePictureUrl,
                FeatureFlags = Distinct(user.FeatureFlags),
                CreatedAt = now,
                UpdatedAt = now,
            });
        }

        foreach (var membership in seed.Memberships ?? [])
        {
            var user = store.LoadedUsers.FirstOrDefault(u => u.Id == membership.UserId)
                ?? store.LoadedUsers.FirstOrDefault(u => string.Equals(u.Email, membership.UserId, StringComparison.OrdinalIgnoreCase))
                ?? throw Invalid($"A seed membership names unknown user '{membership.UserId}'.");
            if (store.LoadedOrganizations.All(o => o.Id != membership.OrganizationId))
            {
                throw Invalid($"A seed membership names unknown organization '{membership.OrganizationId}'.");
            }

            if (store.LoadedMemberships.Any(m => m.UserId == user.Id && m.OrganizationId == membership.OrganizationId))
            {
                throw Invalid($"The seed has two memberships of '{user.Id}' in '{membership.OrganizationId}'.");
            }

            var roles = Distinct(membership.Roles);
            if (roles.Count == 0)
            {
                roles.Add("member");
            }

            foreach (var slug in roles.Where(slug => store.LoadedRoles.All(r => r.Slug != slug)))
            {
                throw Invalid($"A seed membership of '{user.Id}' names unknown role '{slug}'.");
            }

            var status = string.IsNullOrWhiteSpace(membership.Status) ? "active" : membership.Status;
            store.AddLoadedMembership(membership.Id, user.Id, membership.OrganizationId, roles, status, now);
        }

        foreach (var key in seed.ApiKeys ?? [])
        {
            if (string.IsNullOrEmpty(key.Value))
            {
                throw Invalid($"The seed API key '{key.Id ?? key.Name}' has no value.");
            }

            if (key.OwnerType is not ("organization" or "user"))
            {
                throw Invalid($"The seed API key '{key.Id ?? key.Name}' has owner type '{key.OwnerType}'; use 'organization' or 'user'.");
            }

            store.AddLoaded(new ApiKeyRecord
            {
                Id = key.Id ?? IdGenerator.NewId("api_key_", now),
                Value = key.Value,
                Name = key.Name,
                OwnerType = key.OwnerType,
                OwnerId = key.OwnerId,
                Permissions = Distinct(key.Permissions),
                ExpiresAt = key.ExpiresAt,
                CreatedAt = now,
            });
        }

        LoadAuthorization(seed, store, now);
        LoadAuthenticationErrors(seed, store);
    }

    private static List<string> Distinct(IEnumerable<string>? values) =>
        [.. (values ?? []).Where(v => !string.IsNullOrWhiteSpace(v)).Distinct(StringComparer.Ordinal)];

    private static InvalidOperationException Invalid(string message) => new("Invalid emulator seed: " + message);
}
