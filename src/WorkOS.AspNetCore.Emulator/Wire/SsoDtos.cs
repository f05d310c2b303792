using System.Text.Json.Serialization;

namespace WorkOS.AspNetCore.Emulator.Wire;

/// <summary>An SSO profile, as <c>/sso/token</c> and <c>/sso/profile</c> answer.</summary>
internal sealed record ProfileDto(
    string Object,
    string Id,
    string ConnectionId,
    string ConnectionType,
    string? OrganizationId,
    string Email,
    string? FirstName,
    string? LastName,
    string IdpId,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] SlugDto? Role,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] List<SlugDto>? Roles,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] List<string>? Groups,
    Dictionary<string, string> RawAttributes);

/// <summary><c>POST /sso/token</c>'s answer.</summary>
internal sealed record SsoTokenDto(string AccessToken, ProfileDto Profile);

/// <summary><c>POST /sso/logout/authorize</c>'s answer.</summary>
internal sealed record SsoLogoutAuthorizeDto(string LogoutToken, string LogoutUrl);

/// <summary>A passwordless (Magic Link) session.</summary>
internal sealed record PasswordlessSessionDto(string Object, string Id, string Email, string ExpiresAt, string Link);

/// <summary><c>{"success":true}</c>.</summary>
internal sealed record SuccessDto(bool Success);

/// <summary>The control API's outbox listing.</summary>
internal sealed record OutboxDto(List<OutboxEmailDto> Data);

/// <summary>One email of the outbox.</summary>
internal sealed record OutboxEmailDto(string Id, string To, string Subject, string Link, string PasswordlessSessionId, string SentAt, string Kind, string? Code);

/// <summary>The control API's request to activate or deactivate a connection.</summary>
internal sealed record ConnectionStateRequestDto(string? State);

/// <summary>Serializes the SSO and Magic Link answers the way WorkOS does: snake_case, nulls written.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(SsoTokenDto))]
[JsonSerializable(typeof(ProfileDto))]
[JsonSerializable(typeof(SsoLogoutAuthorizeDto))]
[JsonSerializable(typeof(PasswordlessSessionDto))]
[JsonSerializable(typeof(SuccessDto))]
[JsonSerializable(typeof(OutboxDto))]
[JsonSerializable(typeof(SeedConnection))]
[JsonSerializable(typeof(ConnectionStateRequestDto))]
internal sealed partial class SsoJsonContext : JsonSerializerContext;
