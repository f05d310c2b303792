using System.Text.Json.Serialization;

namespace WorkOS.AspNetCore.Actions;

/// <summary>The details of a user who does not exist yet, in a user registration action.</summary>
public sealed class WorkOSActionUserData
{
    /// <summary>The email address signing up.</summary>
    [JsonPropertyName("email")] public string Email { get; init; } = string.Empty;

    /// <summary>The first name given, when there is one.</summary>
    [JsonPropertyName("first_name")] public string? FirstName { get; init; }

    /// <summary>The last name given, when there is one.</summary>
    [JsonPropertyName("last_name")] public string? LastName { get; init; }
}
