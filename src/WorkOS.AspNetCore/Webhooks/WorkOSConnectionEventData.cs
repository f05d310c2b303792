using System.Text.Json.Serialization;

namespace WorkOS.AspNetCore.Webhooks;

/// <summary>The data of <c>connection.activated</c>, <c>.deactivated</c> and <c>.deleted</c>: the SSO connection.</summary>
public sealed class WorkOSConnectionEventData
{
    /// <summary>The connection id (<c>conn_...</c>).</summary>
    [JsonPropertyName("id")] public string Id { get; init; } = string.Empty;

    /// <summary>The connection's organization.</summary>
    [JsonPropertyName("organization_id")] public string? OrganizationId { get; init; }

    /// <summary>The identity provider's kind, such as <c>OktaSAML</c> or <c>GoogleOAuth</c>.</summary>
    [JsonPropertyName("connection_type")] public string? ConnectionType { get; init; }

    /// <summary>The connection's name.</summary>
    [JsonPropertyName("name")] public string? Name { get; init; }

    /// <summary>The connection's state, such as <c>active</c> or <c>inactive</c>.</summary>
    [JsonPropertyName("state")] public string? State { get; init; }
}
