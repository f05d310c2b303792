using System.Text.Json.Serialization;

namespace WorkOS.AspNetCore.Api;

/// <summary>Source-generated JSON metadata for every WorkOS payload the library reads or writes.</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(AuthenticateRequest))]
[JsonSerializable(typeof(WorkOSAuthenticationResponse))]
[JsonSerializable(typeof(WorkOSErrorBody))]
[JsonSerializable(typeof(WorkOSList<WorkOSSessionInfo>))]
[JsonSerializable(typeof(RevokeSessionRequest))]
[JsonSerializable(typeof(ApiKeyValidationRequest))]
[JsonSerializable(typeof(ApiKeyValidationResponse))]
[JsonSerializable(typeof(System.Text.Json.JsonElement))]
internal sealed partial class WorkOSJsonContext : JsonSerializerContext;
