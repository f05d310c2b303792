using System.Text.Json.Serialization;

namespace WorkOS.AspNetCore.Emulator.Endpoints;

/// <summary>The AuthKit domain's discovery document (OpenID Connect Discovery and RFC 8414 share it).</summary>
internal sealed record ConnectDiscoveryDto(
    string Issuer,
    string AuthorizationEndpoint,
    string TokenEndpoint,
    string JwksUri,
    string IntrospectionEndpoint,
    string[] ResponseTypesSupported,
    string[] GrantTypesSupported,
    string[] SubjectTypesSupported,
    string[] IdTokenSigningAlgValuesSupported,
    string[] TokenEndpointAuthMethodsSupported,
    string[] IntrospectionEndpointAuthMethodsSupported,
    string[] CodeChallengeMethodsSupported);

/// <summary>A successful token response (RFC 6749 section 5.1).</summary>
internal sealed record ConnectTokenDto(string AccessToken, string TokenType, long ExpiresIn, string Scope);

/// <summary>An introspection response (RFC 7662 section 2.2); an inactive token carries only <c>active</c>.</summary>
internal sealed record ConnectIntrospectionDto(
    bool Active,
    string? Scope = null,
    string? ClientId = null,
    string? Sub = null,
    string? Aud = null,
    string? Iss = null,
    long? Exp = null,
    long? Iat = null,
    string? Jti = null,
    string? OrgId = null,
    string? Sid = null,
    string? TokenType = null);

/// <summary>The control API body that revokes a Connect token.</summary>
internal sealed record ConnectRevokeRequestDto(string? Token);

/// <summary>The emulator's Connect JSON: snake_case, nulls left out (an inactive introspection answer is <c>{"active":false}</c>).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ConnectDiscoveryDto))]
[JsonSerializable(typeof(ConnectTokenDto))]
[JsonSerializable(typeof(ConnectIntrospectionDto))]
[JsonSerializable(typeof(ConnectRevokeRequestDto))]
[JsonSerializable(typeof(SeedM2MApplication))]
internal sealed partial class ConnectJsonContext : JsonSerializerContext;
