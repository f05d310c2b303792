using System.Text.Json.Serialization;

namespace WorkOS.AspNetCore.Api;

/// <summary>The WorkOS dashboard user impersonating the signed-in user.</summary>
public sealed class WorkOSImpersonator
{
    /// <summary>The impersonator's email address.</summary>
    [JsonPropertyName("email")] public string Email { get; init; } = string.Empty;

    /// <summary>The reason the impersonator gave, when any.</summary>
    [JsonPropertyName("reason")] public string? Reason { get; init; }
}
