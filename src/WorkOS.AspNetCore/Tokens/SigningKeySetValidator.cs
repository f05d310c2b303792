using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Tokens;

namespace WorkOS.AspNetCore.Tokens;

/// <summary>
/// Accepts a fetched JWKS only when it holds at least one RSA signing key. The configuration manager then keeps the
/// keys it has when a refresh returns an empty or unusable set (a proxy's error page that parses, a truncated body),
/// instead of replacing good keys with none.
/// </summary>
internal sealed class SigningKeySetValidator : IConfigurationValidator<JsonWebKeySet>
{
    public static SigningKeySetValidator Instance { get; } = new();

    public ConfigurationValidationResult Validate(JsonWebKeySet configuration) =>
        HasRsaSigningKey(configuration)
            ? new ConfigurationValidationResult { Succeeded = true }
            : new ConfigurationValidationResult { Succeeded = false, ErrorMessage = "The JWKS holds no RSA signing key." };

    public static bool HasRsaSigningKey(JsonWebKeySet? keySet) =>
        keySet is not null && keySet.GetSigningKeys().Any(key => key is RsaSecurityKey
            || (key is JsonWebKey jwk && string.Equals(jwk.Kty, JsonWebAlgorithmsKeyTypes.RSA, StringComparison.Ordinal)));
}
