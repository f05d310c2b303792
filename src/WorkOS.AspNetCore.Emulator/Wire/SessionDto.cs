namespace WorkOS.AspNetCore.Emulator.Wire;

/// <summary>The WorkOS <c>session</c> object.</summary>
internal sealed record SessionDto(
    string Object,
    string Id,
    string UserId,
    string? OrganizationId,
    string Status,
    string AuthMethod,
    string? IpAddress,
    string? UserAgent,
    string? ExpiresAt,
    string? EndedAt,
    string CreatedAt,
    string UpdatedAt);
