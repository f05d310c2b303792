namespace WorkOS.AspNetCore.Emulator.State;

/// <summary>An authorization resource held by the emulator.</summary>
internal sealed class ResourceRecord
{
    public required string Id { get; init; }
    public required string ExternalId { get; init; }
    public required string ResourceTypeSlug { get; init; }
    public required string Name { get; set; }
    public string? Description { get; set; }
    public required string OrganizationId { get; init; }
    public string? ParentResourceId { get; set; }
    public required long Sequence { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public required DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>A role of a membership on a resource, or organization wide when <see cref="ResourceId"/> is null.</summary>
internal sealed class RoleAssignmentRecord
{
    public required string Id { get; init; }
    public required string MembershipId { get; init; }
    public required string RoleSlug { get; init; }
    public string? ResourceId { get; init; }
    public required long Sequence { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
}
