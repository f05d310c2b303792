using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace WorkOS.AspNetCore.Tests.Actions;

/// <summary>
/// Action contexts as WorkOS sends them, and a check of the app's answer written from WorkOS's documentation, independent
/// of the library: HMAC-SHA256 with the secret over <c>payload.timestamp + "." + the payload JSON as sent</c>.
/// </summary>
internal static class ActionMessages
{
    public static string Authentication(string id = "action_01AUTH", string email = "alice@acme.test") =>
        $$$"""
        {"id":"{{{id}}}","object":"authentication_action_context","user":{"object":"user","id":"user_01ALICE","email":"{{{email}}}","first_name":"Alice","last_name":"Ng","email_verified":true,"profile_picture_url":null,"created_at":"2026-11-01T10:00:00.000Z","updated_at":"2026-11-01T10:00:00.000Z"},"organization":{"object":"organization","id":"org_01ACME","name":"Acme","external_id":"acme-1"},"organization_membership":{"object":"organization_membership","id":"om_01ALICE","user_id":"user_01ALICE","organization_id":"org_01ACME","status":"active","role":{"slug":"admin"}},"authentication_method":"Password","ip_address":"198.51.100.7","user_agent":"Mozilla/5.0 (X11; Linux x86_64)","device_fingerprint":"fp_01DEVICE","issuer":"https://auth.acme.test"}
        """;

    public static string UserRegistration(string id = "action_01REG", string email = "bob@acme.test") =>
        $$$"""
        {"id":"{{{id}}}","object":"user_registration_action_context","user_data":{"object":"user_data","email":"{{{email}}}","first_name":"Bob","last_name":"Lee"},"invitation":{"object":"invitation","id":"invitation_01BOB","email":"{{{email}}}","state":"pending","organization_id":"org_01ACME","inviter_user_id":"user_01ALICE","expires_at":"2026-12-08T10:00:00.000Z"},"authentication_method":"GoogleOAuth","ip_address":"203.0.113.9","user_agent":"Mozilla/5.0 (Macintosh)","device_fingerprint":"fp_01BOB"}
        """;

    /// <summary>
    /// Checks an answer the way WorkOS does and returns its payload: 200 JSON with the expected object, a payload whose
    /// signature under <paramref name="secret"/> matches the payload's exact text, and a timestamp in milliseconds.
    /// </summary>
    public static async Task<JsonElement> VerifiedPayloadAsync(HttpResponseMessage response, string expectedObject, string secret)
    {
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var text = await response.Content.ReadAsStringAsync();
        using var document = JsonDocument.Parse(text);
        var root = document.RootElement;
        Assert.Equal(expectedObject, root.GetProperty("object").GetString());
        var payload = root.GetProperty("payload");
        var payloadText = payload.GetRawText();
        var timestamp = payload.GetProperty("timestamp").GetInt64();
        var expected = Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{timestamp}.{payloadText}")));
        Assert.Equal(expected, root.GetProperty("signature").GetString());
        return payload.Clone();
    }
}
