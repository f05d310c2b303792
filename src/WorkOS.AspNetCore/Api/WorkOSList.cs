using System.Text.Json.Serialization;

namespace WorkOS.AspNetCore.Api;

/// <summary>A page of a WorkOS list endpoint.</summary>
internal sealed class WorkOSList<T>
{
    [JsonPropertyName("data")] public List<T> Data { get; set; } = [];
    [JsonPropertyName("list_metadata")] public WorkOSListMetadata? ListMetadata { get; set; }
}

/// <summary>The cursors of a WorkOS list page.</summary>
internal sealed class WorkOSListMetadata
{
    [JsonPropertyName("before")] public string? Before { get; set; }
    [JsonPropertyName("after")] public string? After { get; set; }
}

/// <summary>The body of <c>POST /user_management/sessions/revoke</c>.</summary>
internal sealed class RevokeSessionRequest
{
    [JsonPropertyName("session_id")] public required string SessionId { get; init; }
}
