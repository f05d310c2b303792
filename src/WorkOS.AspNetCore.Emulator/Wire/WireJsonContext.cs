using System.Text.Json.Serialization;

namespace WorkOS.AspNetCore.Emulator.Wire;

/// <summary>Serializes the emulator's responses the way WorkOS does: snake_case, nulls written.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(AuthenticateResponseDto))]
[JsonSerializable(typeof(OAuthErrorDto))]
[JsonSerializable(typeof(WorkOSErrorDto))]
[JsonSerializable(typeof(JwksDto))]
[JsonSerializable(typeof(UserDto))]
[JsonSerializable(typeof(SessionDto))]
[JsonSerializable(typeof(MembershipDto))]
[JsonSerializable(typeof(EventDto))]
[JsonSerializable(typeof(EventListDto))]
[JsonSerializable(typeof(ListDto<SessionDto>))]
[JsonSerializable(typeof(ListDto<MembershipDto>))]
[JsonSerializable(typeof(ApiKeyValidationDto))]
[JsonSerializable(typeof(ResourceDto))]
[JsonSerializable(typeof(ListDto<ResourceDto>))]
[JsonSerializable(typeof(AuthorizationCheckDto))]
[JsonSerializable(typeof(ListDto<RoleAssignmentDto>))]
[JsonSerializable(typeof(ListDto<FeatureFlagDto>))]
internal sealed partial class WireJsonContext : JsonSerializerContext;
