using System.Text.Json.Serialization;

namespace WorkOS.AspNetCore.Api;

/// <summary>
/// The body of <c>POST /authorization/organization_memberships/{id}/check</c>: a permission and the resource, by
/// WorkOS id or by external id and resource type.
/// </summary>
internal sealed class AuthorizationCheckRequest
{
    [JsonPropertyName("permission_slug")] public required string PermissionSlug { get; init; }
    [JsonPropertyName("resource_id")] public string? ResourceId { get; init; }
    [JsonPropertyName("resource_external_id")] public string? ResourceExternalId { get; init; }
    [JsonPropertyName("resource_type_slug")] public string? ResourceTypeSlug { get; init; }
}

/// <summary>The answer of an access check: <c>{"authorized": true|false}</c>.</summary>
internal sealed class AuthorizationCheckResponse
{
    /// <summary>Null when WorkOS left the field out, which the client treats as an invalid answer, never as allowed.</summary>
    [JsonPropertyName("authorized")] public bool? Authorized { get; set; }
}
