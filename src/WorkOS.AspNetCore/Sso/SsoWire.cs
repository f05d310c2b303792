using System.Text.Json.Serialization;

namespace WorkOS.AspNetCore.Sso;

/// <summary>The answer of <c>POST /sso/token</c>.</summary>
internal sealed class SsoTokenResponse
{
    [JsonPropertyName("access_token")]
    public string? AccessToken { get; init; }

    [JsonPropertyName("profile")]
    public WorkOSSsoProfile? Profile { get; init; }
}

/// <summary>The body of <c>POST /sso/logout/authorize</c>.</summary>
internal sealed class SsoLogoutRequest
{
    [JsonPropertyName("profile_id")]
    public required string ProfileId { get; init; }
}

/// <summary>The answer of <c>POST /sso/logout/authorize</c>.</summary>
internal sealed class SsoLogoutResponse
{
    [JsonPropertyName("logout_token")]
    public string? LogoutToken { get; init; }

    [JsonPropertyName("token")]
    public string? Token { get; init; }
}

/// <summary>The body of <c>POST /passwordless/sessions</c>.</summary>
internal sealed class PasswordlessSessionRequest
{
    [JsonPropertyName("email")]
    public required string Email { get; init; }

    [JsonPropertyName("type")]
    public string Type { get; init; } = "MagicLink";

    [JsonPropertyName("redirect_uri")]
    public string? RedirectUri { get; init; }

    [JsonPropertyName("state")]
    public string? State { get; init; }

    [JsonPropertyName("expires_in")]
    public int? ExpiresIn { get; init; }
}

/// <summary>A passwordless session as WorkOS answers it.</summary>
internal sealed class PasswordlessSessionResponse
{
    [JsonPropertyName("id")]
    public string? Id { get; init; }

    [JsonPropertyName("email")]
    public string? Email { get; init; }

    [JsonPropertyName("expires_at")]
    public DateTimeOffset? ExpiresAt { get; init; }

    [JsonPropertyName("link")]
    public string? Link { get; init; }
}

/// <summary>Source-generated JSON metadata of the SSO and passwordless payloads.</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(SsoTokenResponse))]
[JsonSerializable(typeof(SsoLogoutRequest))]
[JsonSerializable(typeof(SsoLogoutResponse))]
[JsonSerializable(typeof(PasswordlessSessionRequest))]
[JsonSerializable(typeof(PasswordlessSessionResponse))]
[JsonSerializable(typeof(System.Text.Json.JsonElement))]
internal sealed partial class SsoJsonContext : JsonSerializerContext;
