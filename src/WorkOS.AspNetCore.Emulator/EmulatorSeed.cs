using System.Text.Json;
using WorkOS.AspNetCore.Emulator.Wire;

namespace WorkOS.AspNetCore.Emulator;

/// <summary>
/// The data a <see cref="WorkOSEmulator"/> starts with. Bind it from configuration, build it with the fluent
/// helpers, or load it from JSON (snake_case property names such as <c>first_name</c> and <c>api_keys</c>; comments and trailing commas
/// allowed).
/// </summary>
public sealed partial class EmulatorSeed
{
    /// <summary>The users.</summary>
    public List<SeedUser> Users { get; set; } = [];

    /// <summary>The organizations.</summary>
    public List<SeedOrganization> Organizations { get; set; } = [];

    /// <summary>The environment roles.</summary>
    public List<SeedRole> Roles { get; set; } = [];

    /// <summary>The organization memberships.</summary>
    public List<SeedMembership> Memberships { get; set; } = [];

    /// <summary>The API keys of your customers.</summary>
    public List<SeedApiKey> ApiKeys { get; set; } = [];

    /// <summary>The webhook endpoints the emulator delivers its events to, each with its signing secret.</summary>
    public List<SeedWebhookEndpoint> WebhookEndpoints { get; set; } = [];

    /// <summary>Adds a user.</summary>
    /// <returns>This seed.</returns>
    public EmulatorSeed AddUser(SeedUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        Users.Add(user);
        return this;
    }

    /// <summary>Adds a user.</summary>
    /// <param name="email">The email address.</param>
    /// <param name="firstName">The first name.</param>
    /// <param name="lastName">The last name.</param>
    /// <param name="id">The id; generated when <see langword="null"/>.</param>
    /// <returns>This seed.</returns>
    public EmulatorSeed AddUser(string email, string? firstName = null, string? lastName = null, string? id = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(email);
        return AddUser(new SeedUser { Id = id, Email = email, FirstName = firstName, LastName = lastName });
    }

    /// <summary>Adds an organization.</summary>
    /// <returns>This seed.</returns>
    public EmulatorSeed AddOrganization(SeedOrganization organization)
    {
        ArgumentNullException.ThrowIfNull(organization);
        Organizations.Add(organization);
        return this;
    }

    /// <summary>Adds an organization.</summary>
    /// <param name="name">The display name.</param>
    /// <param name="id">The id; generated when <see langword="null"/>.</param>
    /// <param name="entitlements">Entitlements of the organization.</param>
    /// <param name="featureFlags">Feature flags of the organization.</param>
    /// <returns>This seed.</returns>
    public EmulatorSeed AddOrganization(
        string name,
        string? id = null,
        IEnumerable<string>? entitlements = null,
        IEnumerable<string>? featureFlags = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        return AddOrganization(new SeedOrganization
        {
            Id = id,
            Name = name,
            Entitlements = [.. entitlements ?? []],
            FeatureFlags = [.. featureFlags ?? []],
        });
    }

    /// <summary>Adds a role.</summary>
    /// <param name="slug">The role slug.</param>
    /// <param name="permissions">The permissions it grants.</param>
    /// <returns>This seed.</returns>
    public EmulatorSeed AddRole(string slug, params string[] permissions)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(slug);
        Roles.Add(new SeedRole { Slug = slug, Permissions = [.. permissions] });
        return this;
    }

    /// <summary>Adds an active organization membership.</summary>
    /// <param name="userIdOrEmail">The user id or email address.</param>
    /// <param name="organizationId">The organization id.</param>
    /// <param name="roles">The role slugs, the first being the primary role; <c>member</c> when none.</param>
    /// <returns>This seed.</returns>
    public EmulatorSeed AddMembership(string userIdOrEmail, string organizationId, params string[] roles)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(userIdOrEmail);
        ArgumentException.ThrowIfNullOrWhiteSpace(organizationId);
        Memberships.Add(new SeedMembership { UserId = userIdOrEmail, OrganizationId = organizationId, Roles = [.. roles] });
        return this;
    }

    /// <summary>Adds an API key of one of your customers.</summary>
    /// <returns>This seed.</returns>
    public EmulatorSeed AddApiKey(SeedApiKey apiKey)
    {
        ArgumentNullException.ThrowIfNull(apiKey);
        ApiKeys.Add(apiKey);
        return this;
    }

    /// <summary>Reads a seed from JSON text.</summary>
    /// <param name="json">A JSON object with <c>users</c>, <c>organizations</c>, <c>roles</c>, <c>memberships</c>, <c>api_keys</c>,
    /// <c>resource_roles</c>, <c>resources</c> and <c>role_assignments</c>.</param>
    /// <returns>The seed.</returns>
    /// <exception cref="JsonException">The text is not a valid seed.</exception>
    public static EmulatorSeed FromJson(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        return JsonSerializer.Deserialize(json, SeedJsonContext.Default.EmulatorSeed)
            ?? throw new JsonException("The seed JSON is null.");
    }

    /// <summary>Reads a seed from a JSON file.</summary>
    /// <param name="path">The file path.</param>
    /// <returns>The seed.</returns>
    public static EmulatorSeed Load(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        return FromJson(File.ReadAllText(path));
    }
}
