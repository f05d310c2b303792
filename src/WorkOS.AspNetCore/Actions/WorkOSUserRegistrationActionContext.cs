using System.Text.Json.Serialization;

namespace WorkOS.AspNetCore.Actions;

/// <summary>
/// What WorkOS sends a user registration action (<c>user_registration_action_context</c>): who is signing up, before
/// WorkOS creates the user.
/// </summary>
public sealed class WorkOSUserRegistrationActionContext
{
    /// <summary>The action request's id.</summary>
    [JsonPropertyName("id")] public string Id { get; init; } = string.Empty;

    /// <summary>What the person signing up gave: email address and name.</summary>
    [JsonPropertyName("user_data")] public WorkOSActionUserData UserData { get; init; } = new();

    /// <summary>The invitation the person is signing up with, when there is one.</summary>
    [JsonPropertyName("invitation")] public WorkOSActionInvitation? Invitation { get; init; }

    /// <summary>How the person is signing up, such as <c>Password</c>, <c>MagicAuth</c>, <c>SSO</c> or <c>GoogleOAuth</c>.</summary>
    [JsonPropertyName("authentication_method")] public string? AuthenticationMethod { get; init; }

    /// <summary>The IP address of the person's browser, as WorkOS saw it.</summary>
    [JsonPropertyName("ip_address")] public string? IpAddress { get; init; }

    /// <summary>The user agent of the person's browser.</summary>
    [JsonPropertyName("user_agent")] public string? UserAgent { get; init; }

    /// <summary>WorkOS's fingerprint of the person's device, when it has one.</summary>
    [JsonPropertyName("device_fingerprint")] public string? DeviceFingerprint { get; init; }
}
