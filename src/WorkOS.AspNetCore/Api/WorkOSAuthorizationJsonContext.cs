using System.Text.Json.Serialization;

namespace WorkOS.AspNetCore.Api;

/// <summary>Source-generated JSON metadata for the fine-grained authorization payloads.</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(AuthorizationCheckRequest))]
[JsonSerializable(typeof(AuthorizationCheckResponse))]
[JsonSerializable(typeof(WorkOSList<WorkOSOrganizationMembership>))]
internal sealed partial class WorkOSAuthorizationJsonContext : JsonSerializerContext;
