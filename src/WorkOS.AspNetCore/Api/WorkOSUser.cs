using System.Text.Json.Serialization;

namespace WorkOS.AspNetCore.Api;

/// <summary>A WorkOS user as returned by the authenticate endpoint.</summary>
public sealed class WorkOSUser
{
    /// <summary>The user id (<c>user_...</c>).</summary>
    [JsonPropertyName("id")] public string Id { get; init; } = string.Empty;

    /// <summary>The user's email address.</summary>
    [JsonPropertyName("email")] public string Email { get; init; } = string.Empty;

    /// <summary>The user's first name, when known.</summary>
    [JsonPropertyName("first_name")] public string? FirstName { get; init; }

    /// <summary>The user's last name, when known.</summary>
    [JsonPropertyName("last_name")] public string? LastName { get; init; }

    /// <summary>Whether the email address was verified.</summary>
    [JsonPropertyName("email_verified")] public bool EmailVerified { get; init; }

    /// <summary>The URL of the user's profile picture, when known.</summary>
    [JsonPropertyName("profile_picture_url")] public string? ProfilePictureUrl { get; init; }
}
