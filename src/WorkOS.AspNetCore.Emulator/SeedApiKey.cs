namespace WorkOS.AspNetCore.Emulator;

/// <summary>An API key issued to one of your customers, as checked by <c>POST /api_keys/validations</c>.</summary>
public sealed class SeedApiKey
{
    /// <summary>The key id (<c>api_key_...</c>); generated when missing.</summary>
    public string? Id { get; set; }

    /// <summary>The secret value a customer presents.</summary>
    public string Value { get; set; } = "";

    /// <summary>The display name.</summary>
    public string Name { get; set; } = "";

    /// <summary>The owner type: <c>organization</c> (default) or <c>user</c>.</summary>
    public string OwnerType { get; set; } = "organization";

    /// <summary>The owning organization or user id.</summary>
    public string OwnerId { get; set; } = "";

    /// <summary>The permission slugs granted to the key.</summary>
    public List<string> Permissions { get; set; } = [];

    /// <summary>When the key expires; an expired key validates as unknown. <see langword="null"/> for never.</summary>
    public DateTimeOffset? ExpiresAt { get; set; }
}
