using System.Text.Json.Serialization;

namespace WorkOS.AspNetCore.Api;

/// <summary>The body of <c>POST /user_management/authenticate</c>: the code and refresh grants, and the grants of custom sign-in pages.</summary>
internal sealed class AuthenticateRequest
{
    [JsonPropertyName("grant_type")] public required string GrantType { get; init; }
    [JsonPropertyName("client_id")] public required string ClientId { get; init; }
    [JsonPropertyName("client_secret")] public required string ClientSecret { get; init; }
    [JsonPropertyName("code")] public string? Code { get; init; }
    [JsonPropertyName("code_verifier")] public string? CodeVerifier { get; init; }
    [JsonPropertyName("refresh_token")] public string? RefreshToken { get; init; }
    [JsonPropertyName("organization_id")] public string? OrganizationId { get; init; }
    [JsonPropertyName("ip_address")] public string? IpAddress { get; init; }
    [JsonPropertyName("user_agent")] public string? UserAgent { get; init; }
    [JsonPropertyName("email")] public string? Email { get; init; }
    [JsonPropertyName("password")] public string? Password { get; init; }
    [JsonPropertyName("pending_authentication_token")] public string? PendingAuthenticationToken { get; init; }
    [JsonPropertyName("authentication_challenge_id")] public string? AuthenticationChallengeId { get; init; }
    [JsonPropertyName("invitation_token")] public string? InvitationToken { get; init; }
}
