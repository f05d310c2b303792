using System.Text.Json.Serialization;

namespace WorkOS.AspNetCore.Api;

/// <summary>The response of <c>POST /user_management/authenticate</c> (code exchange or refresh).</summary>
public sealed class WorkOSAuthenticationResponse
{
    /// <summary>The signed-in user.</summary>
    [JsonPropertyName("user")] public WorkOSUser User { get; init; } = new();

    /// <summary>The organization the session is scoped to, when any.</summary>
    [JsonPropertyName("organization_id")] public string? OrganizationId { get; init; }

    /// <summary>The access token (a short-lived RS256 JWT).</summary>
    [JsonPropertyName("access_token")] public string AccessToken { get; init; } = string.Empty;

    /// <summary>The single-use refresh token.</summary>
    [JsonPropertyName("refresh_token")] public string RefreshToken { get; init; } = string.Empty;

    /// <summary>The impersonator, while a WorkOS dashboard user impersonates this user.</summary>
    [JsonPropertyName("impersonator")] public WorkOSImpersonator? Impersonator { get; init; }

    /// <summary>How the user authenticated (Password, SSO, GoogleOAuth, Impersonation, ...).</summary>
    [JsonPropertyName("authentication_method")] public string? AuthenticationMethod { get; init; }
}
