namespace WorkOS.AspNetCore.Emulator.Wire;

/// <summary>The WorkOS <c>organization_membership</c> object.</summary>
internal sealed record MembershipDto(
    string Object,
    string Id,
    string UserId,
    string OrganizationId,
    string? OrganizationName,
    SlugDto Role,
    IReadOnlyList<SlugDto> Roles,
    string Status,
    string CreatedAt,
    string UpdatedAt);

/// <summary>A role reference: <c>{"slug":"admin"}</c>.</summary>
internal sealed record SlugDto(string Slug);
