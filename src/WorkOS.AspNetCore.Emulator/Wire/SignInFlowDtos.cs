using System.Text.Json.Serialization;

namespace WorkOS.AspNetCore.Emulator.Wire;

/// <summary>The <c>magic_auth</c> object.</summary>
internal sealed record MagicAuthDto(string Object, string Id, string UserId, string Email, string ExpiresAt, string Code, string CreatedAt, string UpdatedAt);

/// <summary>The <c>totp</c> of an authentication factor; the secret, QR code and URI only right after enrollment.</summary>
internal sealed record TotpDto(
    string Issuer,
    string User,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? QrCode = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Secret = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Uri = null);

/// <summary>The <c>authentication_factor</c> object.</summary>
internal sealed record AuthenticationFactorDto(string Object, string Id, string CreatedAt, string UpdatedAt, string Type, TotpDto Totp, string? UserId);

/// <summary>The <c>authentication_challenge</c> object (a TOTP challenge carries no code).</summary>
internal sealed record AuthenticationChallengeDto(string Object, string Id, string CreatedAt, string UpdatedAt, string ExpiresAt, string AuthenticationFactorId);

/// <summary>The answer of <c>POST /user_management/users/{id}/auth_factors</c>.</summary>
internal sealed record UserFactorEnrollmentDto(AuthenticationFactorDto AuthenticationFactor, AuthenticationChallengeDto AuthenticationChallenge);

/// <summary>The answer of <c>POST /auth/challenges/{id}/verify</c>.</summary>
internal sealed record ChallengeVerificationDto(AuthenticationChallengeDto Challenge, bool Valid);

/// <summary><c>{"user": {...}}</c>, as email verification and password reset answer.</summary>
internal sealed record UserEnvelopeDto(UserDto User);

/// <summary>The <c>password_reset</c> object.</summary>
internal sealed record PasswordResetDto(string Object, string Id, string UserId, string Email, string PasswordResetToken, string PasswordResetUrl, string ExpiresAt, string CreatedAt);

/// <summary>The <c>invitation</c> object.</summary>
internal sealed record InvitationDto(
    string Object,
    string Id,
    string Email,
    string State,
    string? AcceptedAt,
    string? RevokedAt,
    string ExpiresAt,
    string? OrganizationId,
    string? InviterUserId,
    string? AcceptedUserId,
    string? RoleSlug,
    string Token,
    string AcceptInvitationUrl,
    string CreatedAt,
    string UpdatedAt);

/// <summary>Serializes the custom sign-in endpoints' objects: snake_case, nulls written, as WorkOS does.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(MagicAuthDto))]
[JsonSerializable(typeof(AuthenticationFactorDto))]
[JsonSerializable(typeof(UserFactorEnrollmentDto))]
[JsonSerializable(typeof(AuthenticationChallengeDto))]
[JsonSerializable(typeof(ChallengeVerificationDto))]
[JsonSerializable(typeof(ListDto<AuthenticationFactorDto>))]
[JsonSerializable(typeof(UserEnvelopeDto))]
[JsonSerializable(typeof(PasswordResetDto))]
[JsonSerializable(typeof(InvitationDto))]
[JsonSerializable(typeof(ListDto<InvitationDto>))]
internal sealed partial class SignInFlowJsonContext : JsonSerializerContext;
