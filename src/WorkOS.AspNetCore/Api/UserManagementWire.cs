using System.Text.Json.Serialization;

namespace WorkOS.AspNetCore.Api;

/// <summary>The body of <c>POST /user_management/magic_auth</c>.</summary>
internal sealed class MagicAuthRequest
{
    [JsonPropertyName("email")] public required string Email { get; init; }
    [JsonPropertyName("invitation_token")] public string? InvitationToken { get; init; }
}

/// <summary>The body of <c>POST /user_management/users</c>.</summary>
internal sealed class CreateUserRequest
{
    [JsonPropertyName("email")] public required string Email { get; init; }
    [JsonPropertyName("password")] public required string Password { get; init; }
    [JsonPropertyName("first_name")] public string? FirstName { get; init; }
    [JsonPropertyName("last_name")] public string? LastName { get; init; }
}

/// <summary>The body of <c>POST /user_management/users/{id}/auth_factors</c>.</summary>
internal sealed class EnrollFactorRequest
{
    [JsonPropertyName("type")] public string Type { get; init; } = "totp";
    [JsonPropertyName("totp_issuer")] public string? TotpIssuer { get; init; }
    [JsonPropertyName("totp_user")] public string? TotpUser { get; init; }
}

/// <summary>The answer of <c>POST /user_management/users/{id}/auth_factors</c>: the factor and a first challenge of it.</summary>
internal sealed class EnrollFactorResponse
{
    [JsonPropertyName("authentication_factor")] public AuthenticationFactor? Factor { get; init; }
    [JsonPropertyName("authentication_challenge")] public AuthenticationChallenge? Challenge { get; init; }
}

/// <summary>An authentication factor (<c>auth_factor_...</c>).</summary>
internal sealed class AuthenticationFactor
{
    [JsonPropertyName("id")] public string? Id { get; init; }
    [JsonPropertyName("type")] public string? Type { get; init; }
    [JsonPropertyName("totp")] public TotpDetails? Totp { get; init; }
}

/// <summary>The TOTP details of a factor as enrolled.</summary>
internal sealed class TotpDetails
{
    [JsonPropertyName("qr_code")] public string? QrCode { get; init; }
    [JsonPropertyName("secret")] public string? Secret { get; init; }
    [JsonPropertyName("uri")] public string? Uri { get; init; }
}

/// <summary>A challenge of an authentication factor (<c>auth_challenge_...</c>), from <c>POST /auth/factors/{id}/challenge</c>.</summary>
internal sealed class AuthenticationChallenge
{
    [JsonPropertyName("id")] public string? Id { get; init; }
    [JsonPropertyName("authentication_factor_id")] public string? FactorId { get; init; }
}

/// <summary>The body of <c>POST /user_management/password_reset</c>.</summary>
internal sealed class PasswordResetRequest
{
    [JsonPropertyName("email")] public required string Email { get; init; }
}

/// <summary>The body of <c>POST /user_management/password_reset/confirm</c>.</summary>
internal sealed class PasswordResetConfirmRequest
{
    [JsonPropertyName("token")] public required string Token { get; init; }
    [JsonPropertyName("new_password")] public required string NewPassword { get; init; }
}

/// <summary>The answer of <c>POST /user_management/password_reset/confirm</c>.</summary>
internal sealed class PasswordResetConfirmResponse
{
    [JsonPropertyName("user")] public WorkOSUser? User { get; init; }
}

/// <summary>An invitation, from <c>GET /user_management/invitations/by_token/{token}</c>.</summary>
internal sealed class InvitationResponse
{
    [JsonPropertyName("id")] public string? Id { get; init; }
    [JsonPropertyName("email")] public string? Email { get; init; }
    [JsonPropertyName("state")] public string? State { get; init; }
    [JsonPropertyName("organization_id")] public string? OrganizationId { get; init; }
    [JsonPropertyName("expires_at")] public DateTimeOffset? ExpiresAt { get; init; }
}

/// <summary>Source-generated JSON metadata of the user management calls of custom sign-in pages.</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(MagicAuthRequest))]
[JsonSerializable(typeof(CreateUserRequest))]
[JsonSerializable(typeof(EnrollFactorRequest))]
[JsonSerializable(typeof(EnrollFactorResponse))]
[JsonSerializable(typeof(AuthenticationChallenge))]
[JsonSerializable(typeof(PasswordResetRequest))]
[JsonSerializable(typeof(PasswordResetConfirmRequest))]
[JsonSerializable(typeof(PasswordResetConfirmResponse))]
[JsonSerializable(typeof(InvitationResponse))]
[JsonSerializable(typeof(WorkOSUser))]
[JsonSerializable(typeof(System.Text.Json.JsonElement))]
internal sealed partial class UserManagementJsonContext : JsonSerializerContext;
