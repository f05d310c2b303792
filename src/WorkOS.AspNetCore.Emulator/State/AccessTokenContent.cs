namespace WorkOS.AspNetCore.Emulator.State;

/// <summary>What an access token says about a session, read from the store at issue time.</summary>
internal sealed record AccessTokenContent(
    string UserId,
    string SessionId,
    string? OrganizationId,
    IReadOnlyList<string> Roles,
    IReadOnlyList<string> Permissions,
    IReadOnlyList<string> Entitlements,
    IReadOnlyList<string> FeatureFlags,
    DateTimeOffset AuthenticatedAt,
    string? ImpersonatorEmail);
