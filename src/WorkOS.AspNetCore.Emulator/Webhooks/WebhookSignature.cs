using System.Security.Cryptography;
using System.Text;

namespace WorkOS.AspNetCore.Emulator.Webhooks;

/// <summary>WorkOS's <c>WorkOS-Signature</c> header: <c>t=&lt;unix ms&gt;, v1=&lt;hex HMAC-SHA256(secret, t + "." + body)&gt;</c>.</summary>
internal static class WebhookSignature
{
    public const string HeaderName = "WorkOS-Signature";

    public static string Create(string secret, long unixMilliseconds, string body)
    {
        var t = unixMilliseconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(t + "." + body));
        return $"t={t}, v1={Convert.ToHexStringLower(mac)}";
    }
}
