namespace WorkOS.AspNetCore.Emulator.Wire;

/// <summary>The body of <c>POST /api_keys/validations</c>: the key, or <see langword="null"/> when unknown.</summary>
internal sealed record ApiKeyValidationDto(ApiKeyDto? ApiKey);

/// <summary>The WorkOS <c>api_key</c> object.</summary>
internal sealed record ApiKeyDto(
    string Object,
    string Id,
    ApiKeyOwnerDto Owner,
    string Name,
    string ObfuscatedValue,
    IReadOnlyList<string> Permissions,
    string? ExpiresAt,
    string? LastUsedAt,
    string CreatedAt,
    string UpdatedAt);

/// <summary>The owner of an API key.</summary>
internal sealed record ApiKeyOwnerDto(string Type, string Id);
