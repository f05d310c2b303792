using System.Text.Json.Serialization;

namespace WorkOS.AspNetCore.Emulator.Wire;

/// <summary>The <c>magic_auth</c> object.</summary>
internal sealed record MagicAuthDto(string Object, string Id, string UserId, string Email, string ExpiresAt, string Code, string CreatedAt, string UpdatedAt);

/// <summary>Serializes the custom sign-in endpoints' objects: snake_case, nulls written, as WorkOS does.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(MagicAuthDto))]
internal sealed partial class SignInFlowJsonContext : JsonSerializerContext;
