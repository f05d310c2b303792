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
            Check(() => store.AddOrganizationUnlocked(organization, now));
        }

        foreach (var user in seed.Users ?? [])
        {
            Check(() => store.AddUserUnlocked(user, now));
        }

        foreach (var membership in seed.Memberships ?? [])
        {
            Check(() => store.AddMembershipUnlocked(membership, now));
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
        LoadConnections(seed, store, now);
        LoadAuthenticationErrors(seed, store);
    }

    /// <summary>Adds one entry with the checks the store applies at run time; a refusal makes the seed invalid.</summary>
    private static void Check(Func<string> add)
    {
        try
        {
            add();
        }
        catch (ArgumentException e)
        {
            throw Invalid(e.Message);
        }
    }

    private static List<string> Distinct(IEnumerable<string>? values) =>
        [.. (values ?? []).Where(v => !string.IsNullOrWhiteSpace(v)).Distinct(StringComparer.Ordinal)];

    private static InvalidOperationException Invalid(string message) => new("Invalid emulator seed: " + message);
}
