using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text;
using Microsoft.Extensions.Time.Testing;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using WorkOS.AspNetCore.Emulator;
using WorkOS.AspNetCore.Tests.Infrastructure;

namespace WorkOS.AspNetCore.Tests.Bearer;

/// <summary>Genuine and forged access tokens for the bearer tests.</summary>
internal static class TestTokens
{
    public static Dictionary<string, object> AliceClaims() => new(StringComparer.Ordinal)
    {
        ["sub"] = "user_alice",
        ["sid"] = "session_test_alice",
        ["org_id"] = "org_acme",
        ["role"] = "admin",
        ["roles"] = new[] { "admin" },
        ["permissions"] = new[] { "posts:read", "posts:write", "posts:delete", "users:manage", "reports:view" },
        ["entitlements"] = new[] { "audit-logs", "sso" },
        ["feature_flags"] = new[] { "new-dashboard" },
    };

    /// <summary>Alice's claims with the times and issuer a genuine token has, for forgeries.</summary>
    public static Dictionary<string, object> ForgeryClaims(WorkOSEmulator emulator, FakeTimeProvider clock)
    {
        var claims = AliceClaims();
        var now = clock.GetUtcNow();
        claims["iss"] = emulator.Options.Issuer!;
        claims["iat"] = now.ToUnixTimeSeconds();
        claims["exp"] = (now + TimeSpan.FromMinutes(5)).ToUnixTimeSeconds();
        claims["jti"] = Guid.NewGuid().ToString("N");
        return claims;
    }

    /// <summary>An RSA key WorkOS never published (made once: key generation is slow).</summary>
    private static readonly Lazy<RSAParameters> ForeignKey = new(() =>
    {
        using var rsa = RSA.Create(2048);
        return rsa.ExportParameters(includePrivateParameters: true);
    });

    /// <summary>Signs with a key WorkOS never published, under any key id.</summary>
    public static string SignWithForeignKey(IDictionary<string, object> claims, string kid, IDictionary<string, object>? extraHeader = null) =>
        new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
        {
            Claims = claims,
            AdditionalHeaderClaims = extraHeader,
            SigningCredentials = new SigningCredentials(new RsaSecurityKey(ForeignKey.Value) { KeyId = kid }, SecurityAlgorithms.RsaSha256),
        });

    /// <summary>HMAC-signed with a shared secret (the classic "public key as HMAC secret" confusion when the secret is public).</summary>
    public static string SignHs256(IDictionary<string, object> claims, byte[] secret, string kid) =>
        new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
        {
            Claims = claims,
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(secret) { KeyId = kid }, SecurityAlgorithms.HmacSha256),
        });

    /// <summary>An unsigned token: <c>{"alg": alg}</c>, the payload, and an empty signature.</summary>
    public static string Unsigned(IDictionary<string, object> claims, string alg, string kid, string signature = "") =>
        $"{Encode(new Dictionary<string, object> { ["alg"] = alg, ["typ"] = "JWT", ["kid"] = kid })}.{Encode(claims)}.{signature}";

    /// <summary>A genuine token whose payload was replaced, keeping the original header and signature.</summary>
    public static string WithPayload(string token, IDictionary<string, object> claims)
    {
        var parts = token.Split('.');
        return $"{parts[0]}.{Encode(claims)}.{parts[2]}";
    }

    public static JsonElement Header(string token) => JsonDocument.Parse(Base64Url.DecodeFromChars(token.Split('.')[0])).RootElement.Clone();

    /// <summary>The public keys the emulator publishes: the JWKS document and each key as PEM.</summary>
    public static async Task<(string JwksJson, JsonWebKeySet Keys)> JwksAsync(WorkOSEmulator emulator)
    {
        using var http = emulator.CreateClient();
        var json = await http.GetStringAsync($"/sso/jwks/{emulator.ClientId}");
        return (json, new JsonWebKeySet(json));
    }

    public static string PublicKeyPem(JsonWebKey key)
    {
        using var rsa = RSA.Create(new RSAParameters { Modulus = Base64Url.DecodeFromChars(key.N), Exponent = Base64Url.DecodeFromChars(key.E) });
        return rsa.ExportSubjectPublicKeyInfoPem();
    }

    private static string Encode(IDictionary<string, object> value) =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(value)));
}
