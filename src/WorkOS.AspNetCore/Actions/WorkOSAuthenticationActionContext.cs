using System.Text.Json.Serialization;
using WorkOS.AspNetCore.Api;
using WorkOS.AspNetCore.Webhooks;

namespace WorkOS.AspNetCore.Actions;

/// <summary>
/// What WorkOS sends an authentication action (<c>authentication_action_context</c>): the user who has just proved who
/// they are, before AuthKit sends them back to the app.
/// </summary>
public sealed class WorkOSAuthenticationActionContext
{
    /// <summary>The action request's id.</summary>
    [JsonPropertyName("id")] public string Id { get; init; } = string.Empty;

    /// <summary>The user signing in.</summary>
    [JsonPropertyName("user")] public WorkOSUser User { get; init; } = new();

    /// <summary>The organization the user is signing in to, when there is one.</summary>
    [JsonPropertyName("organization")] public WorkOSOrganizationEventData? Organization { get; init; }

    /// <summary>The user's membership of <see cref="Organization"/>, when there is one.</summary>
    [JsonPropertyName("organization_membership")] public WorkOSOrganizationMembershipEventData? OrganizationMembership { get; init; }

    /// <summary>How the user authenticated, such as <c>Password</c>, <c>MagicAuth</c>, <c>SSO</c> or <c>GoogleOAuth</c>.</summary>
    [JsonPropertyName("authentication_method")] public string? AuthenticationMethod { get; init; }

    /// <summary>The IP address of the user's browser, as WorkOS saw it.</summary>
    [JsonPropertyName("ip_address")] public string? IpAddress { get; init; }

    /// <summary>The user agent of the user's browser.</summary>
    [JsonPropertyName("user_agent")] public string? UserAgent { get; init; }

    /// <summary>WorkOS's fingerprint of the user's device, when it has one.</summary>
    [JsonPropertyName("device_fingerprint")] public string? DeviceFingerprint { get; init; }

    /// <summary>The identity provider or AuthKit domain that authenticated the user, when WorkOS sends it.</summary>
    [JsonPropertyName("issuer")] public string? Issuer { get; init; }
}
