using System.Text.Json.Serialization;

namespace WorkOS.AspNetCore.Api;

/// <summary>The body of <c>POST /user_management/authenticate</c> for the code and refresh grants.</summary>
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
}
