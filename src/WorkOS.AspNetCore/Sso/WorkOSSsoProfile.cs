using System.Text.Json;
using System.Text.Json.Serialization;

namespace WorkOS.AspNetCore.Sso;

/// <summary>The profile WorkOS returns for an SSO or Magic Link sign-in (<c>/sso/token</c>).</summary>
public sealed class WorkOSSsoProfile
{
    /// <summary>The profile id (<c>prof_...</c>); the principal's <c>sub</c>.</summary>
    [JsonPropertyName("id")]
    public string Id { get; init; } = string.Empty;

    /// <summary>The connection the user signed in through.</summary>
    [JsonPropertyName("connection_id")]
    public string? ConnectionId { get; init; }

    /// <summary>The kind of connection (<c>OktaSAML</c>, <c>GenericOIDC</c>, <c>MagicLink</c>, ...).</summary>
    [JsonPropertyName("connection_type")]
    public string? ConnectionType { get; init; }

    /// <summary>The organization of the connection, when it has one.</summary>
    [JsonPropertyName("organization_id")]
    public string? OrganizationId { get; init; }

    /// <summary>The user's email address as the identity provider sent it.</summary>
    [JsonPropertyName("email")]
    public string? Email { get; init; }

    /// <summary>The user's first name.</summary>
    [JsonPropertyName("first_name")]
    public string? FirstName { get; init; }

    /// <summary>The user's last name.</summary>
    [JsonPropertyName("last_name")]
    public string? LastName { get; init; }

    /// <summary>The user's id at the identity provider.</summary>
    [JsonPropertyName("idp_id")]
    public string? IdpId { get; init; }

    /// <summary>The role the connection assigns, when any.</summary>
    [JsonPropertyName("role")]
    public WorkOSSsoRole? Role { get; init; }

    /// <summary>The roles the connection assigns, when any.</summary>
    [JsonPropertyName("roles")]
    public IReadOnlyList<WorkOSSsoRole>? Roles { get; init; }

    /// <summary>The groups the identity provider lists, when it sends them.</summary>
    [JsonPropertyName("groups")]
    public IReadOnlyList<string>? Groups { get; init; }

    /// <summary>Everything the identity provider sent, as WorkOS passed it on.</summary>
    [JsonPropertyName("raw_attributes")]
    public JsonElement? RawAttributes { get; init; }
}

/// <summary>A role of an SSO profile.</summary>
public sealed class WorkOSSsoRole
{
    /// <summary>The role's slug.</summary>
    [JsonPropertyName("slug")]
    public string? Slug { get; init; }
}
