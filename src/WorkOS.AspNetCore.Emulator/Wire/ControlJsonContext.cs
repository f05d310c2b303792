using System.Text.Json.Serialization;

namespace WorkOS.AspNetCore.Emulator.Wire;

/// <summary>Reads and writes the control API's JSON (snake_case, like the rest of the emulator).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(FaultRequestDto))]
[JsonSerializable(typeof(RotateKeyRequestDto))]
[JsonSerializable(typeof(SigningKeyDto))]
[JsonSerializable(typeof(TokenLifetimeDto))]
[JsonSerializable(typeof(RolesRequestDto))]
[JsonSerializable(typeof(PermissionsRequestDto))]
[JsonSerializable(typeof(FeatureFlagsRequestDto))]
[JsonSerializable(typeof(EntitlementsRequestDto))]
[JsonSerializable(typeof(ApiKeyRevokeRequestDto))]
[JsonSerializable(typeof(RevokedDto))]
[JsonSerializable(typeof(RoleAssignmentRequestDto))]
[JsonSerializable(typeof(RoleAssignmentIdDto))]
[JsonSerializable(typeof(RequestListDto))]
[JsonSerializable(typeof(SeedUser))]
[JsonSerializable(typeof(SeedOrganization))]
[JsonSerializable(typeof(SeedMembership))]
[JsonSerializable(typeof(SeedResource))]
[JsonSerializable(typeof(CreatedDto))]
[JsonSerializable(typeof(AuthenticationErrorRequestDto))]
[JsonSerializable(typeof(ImpersonationRequestDto))]
[JsonSerializable(typeof(SessionListDto))]
[JsonSerializable(typeof(WebhookEndpointRequestDto))]
[JsonSerializable(typeof(WebhookDeliveryListDto))]
internal sealed partial class ControlJsonContext : JsonSerializerContext;
