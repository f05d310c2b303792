using System.Text.Json.Serialization;

namespace WorkOS.AspNetCore.Api;

/// <summary>An API key WorkOS issued to one of your customers, as returned by <c>POST /api_keys/validations</c>.</summary>
public sealed class WorkOSApiKey
{
    private static readonly IReadOnlyList<string> Empty = Array.AsReadOnly(Array.Empty<string>());

    private readonly IReadOnlyList<string> _permissions = Empty;

    /// <summary>The key id (<c>api_key_...</c>).</summary>
    [JsonPropertyName("id")] public string Id { get; init; } = string.Empty;

    /// <summary>Who the key belongs to: an organization or a user.</summary>
    [JsonPropertyName("owner")] public WorkOSApiKeyOwner? Owner { get; init; }

    /// <summary>The key's display name.</summary>
    [JsonPropertyName("name")] public string? Name { get; init; }

    /// <summary>The key with most of its value hidden, safe to show and log (for example <c>sk_...a1b2</c>).</summary>
    [JsonPropertyName("obfuscated_value")] public string? ObfuscatedValue { get; init; }

    /// <summary>
    /// The permission slugs granted to the key. Read-only: WorkOS's answer is remembered and shared by every request
    /// with the key, so nothing an app's event handler does to it reaches another request.
    /// </summary>
    [JsonPropertyName("permissions")]
    public IReadOnlyList<string> Permissions
    {
        get => _permissions;
        init => _permissions = value is null ? Empty : Array.AsReadOnly([.. value]);
    }

    /// <summary>When the key expires; <see langword="null"/> for never.</summary>
    [JsonPropertyName("expires_at")] public DateTimeOffset? ExpiresAt { get; init; }

    /// <summary>When the key was last used, as WorkOS knows it.</summary>
    [JsonPropertyName("last_used_at")] public DateTimeOffset? LastUsedAt { get; init; }

    /// <summary>When the key was created.</summary>
    [JsonPropertyName("created_at")] public DateTimeOffset? CreatedAt { get; init; }
}

/// <summary>The owner of an API key.</summary>
public sealed class WorkOSApiKeyOwner
{
    /// <summary>The owner type: <c>organization</c> or <c>user</c>.</summary>
    [JsonPropertyName("type")] public string Type { get; init; } = string.Empty;

    /// <summary>The organization id (<c>org_...</c>) or user id (<c>user_...</c>).</summary>
    [JsonPropertyName("id")] public string Id { get; init; } = string.Empty;
}

/// <summary>The body of <c>POST /api_keys/validations</c>.</summary>
internal sealed class ApiKeyValidationRequest
{
    [JsonPropertyName("value")] public required string Value { get; init; }
}

/// <summary>The answer of <c>POST /api_keys/validations</c>: the key, or <see langword="null"/> when WorkOS does not know it.</summary>
internal sealed class ApiKeyValidationResponse
{
    [JsonPropertyName("api_key")] public WorkOSApiKey? ApiKey { get; init; }
}
