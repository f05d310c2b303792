namespace WorkOS.AspNetCore.Emulator.Wire;

/// <summary><c>POST /_emulator/faults</c>: the arguments of <see cref="WorkOSEmulator.InjectFault"/>.</summary>
internal sealed record FaultRequestDto(
    string? Method,
    string? Path,
    int? Status,
    string? Body,
    string? ContentType,
    Dictionary<string, string>? Headers,
    int? Count,
    int? LatencyMs,
    int? PadTo);

/// <summary><c>POST /_emulator/signing_keys/rotate</c>.</summary>
internal sealed record RotateKeyRequestDto(bool RetireOld);

/// <summary>The signing key that signs new access tokens.</summary>
internal sealed record SigningKeyDto(string Kid);

/// <summary><c>PUT /_emulator/access_token_lifetime</c>, and its answer.</summary>
internal sealed record TokenLifetimeDto(int? Seconds);

/// <summary><c>PUT /_emulator/users/{user}/organizations/{organization}/roles</c>.</summary>
internal sealed record RolesRequestDto(string[]? Roles);

/// <summary><c>PUT /_emulator/roles/{slug}/permissions</c>.</summary>
internal sealed record PermissionsRequestDto(string[]? Permissions);

/// <summary><c>PUT .../feature_flags</c>.</summary>
internal sealed record FeatureFlagsRequestDto(string[]? Flags);

/// <summary><c>PUT /_emulator/organizations/{organization}/entitlements</c>.</summary>
internal sealed record EntitlementsRequestDto(string[]? Entitlements);

/// <summary><c>POST /_emulator/api_keys/revoke</c>.</summary>
internal sealed record ApiKeyRevokeRequestDto(string? Value);

/// <summary>How many sessions a revocation ended.</summary>
internal sealed record RevokedDto(int Revoked);

/// <summary><c>GET /_emulator/requests</c>: the matching logged requests, oldest first.</summary>
internal sealed record RequestListDto(int Count, IReadOnlyList<RequestEntryDto> Data);

/// <summary>One logged request (secrets masked).</summary>
internal sealed record RequestEntryDto(
    string Method,
    string Path,
    string Query,
    IReadOnlyDictionary<string, string> Body,
    int StatusCode,
    string Timestamp);

/// <summary><c>POST /_emulator/role_assignments</c>: the arguments of <see cref="WorkOSEmulator.AssignRole"/>.</summary>
internal sealed record RoleAssignmentRequestDto(
    string? User,
    string? OrganizationId,
    string? RoleSlug,
    string? ResourceTypeSlug,
    string? ResourceExternalId);

/// <summary>The id of a new role assignment.</summary>
internal sealed record RoleAssignmentIdDto(string Id);

/// <summary>The id of what a control call added (a user, organization, membership or resource).</summary>
internal sealed record CreatedDto(string Id);

/// <summary><c>POST /_emulator/users/{user}/authentication_errors</c>: the arguments of <see cref="WorkOSEmulator.FailAuthentication"/>.</summary>
internal sealed record AuthenticationErrorRequestDto(string? Error, int? Count, bool RefreshOnly);

/// <summary><c>POST /_emulator/users/{user}/impersonation</c>: the arguments of <see cref="WorkOSEmulator.ImpersonateOnNextSignIn"/>.</summary>
internal sealed record ImpersonationRequestDto(string? ImpersonatorEmail, string? Reason);

/// <summary><c>GET /_emulator/sessions</c>: the sessions, active and ended, oldest first.</summary>
internal sealed record SessionListDto(int Count, IReadOnlyList<SessionEntryDto> Data);

/// <summary>One session (<see cref="EmulatorSession"/>).</summary>
internal sealed record SessionEntryDto(string Id, string UserId, string? OrganizationId, bool Active, string? CreatedAt, string? EndedAt);
