using System.Buffers.Text;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using WorkOS.AspNetCore.Emulator;

namespace WorkOS.AspNetCore.Tests.Emulator;

/// <summary>Reads and verifies access tokens the way a relying party would.</summary>
internal static class Jwt
{
    public static JsonElement Payload(string token) => Part(token, 1);

    public static JsonElement Header(string token) => Part(token, 0);

    public static string[] Strings(JsonElement payload, string claim) =>
        [.. payload.GetProperty(claim).EnumerateArray().Select(e => e.GetString()!)];

    public static async Task<JsonWebKeySet> FetchJwksAsync(HttpClient http, WorkOSEmulator emulator)
    {
        var json = await http.GetStringAsync($"/sso/jwks/{emulator.ClientId}");
        return new JsonWebKeySet(json);
    }

    public static async Task<TokenValidationResult> ValidateAsync(string token, JsonWebKeySet jwks, WorkOSEmulator emulator) =>
        await new JsonWebTokenHandler().ValidateTokenAsync(token, new TokenValidationParameters
        {
            IssuerSigningKeys = jwks.GetSigningKeys(),
            ValidIssuer = emulator.Options.Issuer,
            ValidateAudience = false,
            ValidAlgorithms = [SecurityAlgorithms.RsaSha256],
        });

    private static JsonElement Part(string token, int index)
    {
        var bytes = Base64Url.DecodeFromChars(token.Split('.')[index]);
        using var document = JsonDocument.Parse(bytes);
        return document.RootElement.Clone();
    }
}
