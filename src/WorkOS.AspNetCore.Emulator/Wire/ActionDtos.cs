using System.Text.Json;
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

/// <summary>
/// WorkOS's <c>user_registration_action_context</c>, as POSTed to the user registration action's endpoint. The emulator
/// has no invitations, so <see cref="Invitation"/> is always null.
/// </summary>
internal sealed record UserRegistrationActionContextDto(
    string Id,
    string Object,
    ActionUserDataDto UserData,
    JsonElement? Invitation,
    string AuthenticationMethod,
    string? IpAddress,
    string? UserAgent,
    string? DeviceFingerprint);

/// <summary>The <c>user_data</c> of a sign-up: what the person typed into the sign-up form.</summary>
internal sealed record ActionUserDataDto(string Object, string Email, string? FirstName, string? LastName);

/// <summary>The organization in an action context: WorkOS's <c>organization</c> object, without domains in the emulator.</summary>
internal sealed record ActionOrganizationDto(string Object, string Id, string? Name, bool AllowProfilesOutsideOrganization, IReadOnlyList<string> Domains, string? ExternalId);

/// <summary>The control API's request to set an action's endpoint.</summary>
internal sealed record ActionEndpointRequestDto(string? Url, string? Secret);

/// <summary>One entry of <c>GET /_emulator/action_calls</c>.</summary>
internal sealed record ActionCallDto(string Kind, string ActionId, string Url, string UserId, int? Status, bool Allowed, string? ErrorMessage, string? Problem);

/// <summary>The answer of <c>GET /_emulator/action_calls</c>.</summary>
internal sealed record ActionCallListDto(int Count, IReadOnlyList<ActionCallDto> Data);

/// <summary>The emulator's Actions wire formats: snake_case, nulls written, as WorkOS sends them.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, PropertyNameCaseInsensitive = true)]
[JsonSerializable(typeof(AuthenticationActionContextDto))]
[JsonSerializable(typeof(UserRegistrationActionContextDto))]
[JsonSerializable(typeof(ActionEndpointRequestDto))]
[JsonSerializable(typeof(ActionCallListDto))]
internal sealed partial class ActionJsonContext : JsonSerializerContext;
