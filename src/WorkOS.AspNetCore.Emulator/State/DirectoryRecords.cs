namespace WorkOS.AspNetCore.Emulator.State;

/// <summary>A user held by the emulator.</summary>
internal sealed class UserRecord
{
    public required string Id { get; init; }
    public required string Email { get; set; }
    public string? FirstName { get; set; }
    public string? LastName { get; set; }
    public bool EmailVerified { get; set; }
    public string? ProfilePictureUrl { get; set; }
    public string? Password { get; set; }
    public bool RequireMfa { get; set; }
    public List<string> FeatureFlags { get; set; } = [];
    public DateTimeOffset? LastSignInAt { get; set; }
    public required DateTimeOffset CreatedAt { get; init; }
    public required DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>An organization held by the emulator.</summary>
internal sealed class OrganizationRecord
{
    public required string Id { get; init; }
    public required string Name { get; set; }
    public bool RequireMfa { get; set; }
    public List<string> Entitlements { get; set; } = [];
    public List<string> FeatureFlags { get; set; } = [];
}

/// <summary>An environment role and its permissions.</summary>
internal sealed class RoleRecord
{
    public required string Slug { get; init; }
    public required string Name { get; set; }
    public List<string> Permissions { get; set; } = [];
}

/// <summary>A user's membership in an organization.</summary>
internal sealed class MembershipRecord
{
    public required string Id { get; init; }
    public required string UserId { get; init; }
    public required string OrganizationId { get; init; }
    public List<string> Roles { get; set; } = [];
    public required string Status { get; set; }
    public required long Sequence { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public required DateTimeOffset UpdatedAt { get; set; }

    public bool IsActive => string.Equals(Status, "active", StringComparison.Ordinal);
}

/// <summary>An API key of one of the app's customers.</summary>
internal sealed class ApiKeyRecord
{
    public required string Id { get; init; }
    public required string Value { get; init; }
    public required string Name { get; init; }
    public required string OwnerType { get; init; }
    public required string OwnerId { get; init; }
    public List<string> Permissions { get; init; } = [];
    public DateTimeOffset? ExpiresAt { get; init; }
    public DateTimeOffset? LastUsedAt { get; set; }
    public required DateTimeOffset CreatedAt { get; init; }
}
