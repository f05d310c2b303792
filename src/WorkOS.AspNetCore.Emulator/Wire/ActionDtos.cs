using System.Text.Json.Serialization;

namespace WorkOS.AspNetCore.Emulator.Wire;

/// <summary>WorkOS's <c>authentication_action_context</c>, as POSTed to the authentication action's endpoint.</summary>
internal sealed record AuthenticationActionContextDto(
    string Id,
    string Object,
    UserDto User,
    ActionOrganizationDto? Organization,
    MembershipDto? OrganizationMembership,
    string AuthenticationMethod,
    string? IpAddress,
    string? UserAgent,
    string? DeviceFingerprint,
    string? Issuer);

/// <summary>The organization in an action context: WorkOS's <c>organization</c> object, without domains in the emulator.</summary>
internal sealed record ActionOrganizationDto(string Object, string Id, string? Name, bool AllowProfilesOutsideOrganization, IReadOnlyList<string> Domains, string? ExternalId);

/// <summary>The control API's request to set the authentication action's endpoint.</summary>
internal sealed record ActionEndpointRequestDto(string? Url, string? Secret);

/// <summary>One entry of <c>GET /_emulator/action_calls</c>.</summary>
internal sealed record ActionCallDto(string Kind, string ActionId, string Url, string UserId, int? Status, bool Allowed, string? ErrorMessage, string? Problem);

/// <summary>The answer of <c>GET /_emulator/action_calls</c>.</summary>
internal sealed record ActionCallListDto(int Count, IReadOnlyList<ActionCallDto> Data);

/// <summary>The emulator's Actions wire formats: snake_case, nulls written, as WorkOS sends them.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, PropertyNameCaseInsensitive = true)]
[JsonSerializable(typeof(AuthenticationActionContextDto))]
[JsonSerializable(typeof(ActionEndpointRequestDto))]
[JsonSerializable(typeof(ActionCallListDto))]
internal sealed partial class ActionJsonContext : JsonSerializerContext;
