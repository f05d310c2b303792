using System.Security.Cryptography;
using System.Text;

namespace WorkOS.AspNetCore.Tests.Webhooks;

/// <summary>Signs test deliveries the way WorkOS does, independently of the library: HMAC-SHA256 over <c>t + "." + body</c>.</summary>
internal static class WebhookSigner
{
    public static string Signature(string secret, long unixMilliseconds, string body) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{unixMilliseconds}.{body}")));

    /// <summary>The <c>WorkOS-Signature</c> header WorkOS would send for <paramref name="body"/> at <paramref name="at"/>.</summary>
    public static string Header(string secret, DateTimeOffset at, string body)
    {
        var t = at.ToUnixTimeMilliseconds();
        return $"t={t}, v1={Signature(secret, t, body)}";
    }

    public static string Event(string id, string type, string data = """{"id":"x"}""") =>
        $$"""{"object":"event","id":"{{id}}","event":"{{type}}","data":{{data}},"created_at":"2026-12-01T10:00:00.000Z"}""";

    public static string SessionData(string sessionId, string userId) =>
        $$"""{"object":"session","id":"{{sessionId}}","user_id":"{{userId}}","organization_id":"org_01ACME","status":"revoked","ip_address":"198.51.100.7","user_agent":"Mozilla/5.0","ended_at":"2026-12-01T10:00:00.000Z"}""";
}
