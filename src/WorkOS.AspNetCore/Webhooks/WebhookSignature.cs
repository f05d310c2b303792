using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace WorkOS.AspNetCore.Webhooks;

/// <summary>
/// The <c>WorkOS-Signature</c> header (<c>t=&lt;unix ms&gt;, v1=&lt;hex&gt;</c>) and its check: HMAC-SHA256 over
/// <c>t + "." + raw body</c> with each configured secret, compared in constant time.
/// </summary>
internal sealed class WebhookSignature
{
    public const string HeaderName = "WorkOS-Signature";
    private const int HashSize = 32;

    private WebhookSignature(string timestamp, long unixMilliseconds, List<byte[]> signatures)
    {
        Timestamp = timestamp;
        UnixMilliseconds = unixMilliseconds;
        Signatures = signatures;
    }

    /// <summary>The timestamp exactly as sent: it is what was signed.</summary>
    public string Timestamp { get; }

    public long UnixMilliseconds { get; }

    public IReadOnlyList<byte[]> Signatures { get; }

    /// <summary>
    /// Parses the header tolerantly: parts in any order, spaces around them, unknown parts ignored, several
    /// <c>v1</c> values kept. Null (with a reason) when there is no single numeric <c>t</c> or no well-formed <c>v1</c>.
    /// </summary>
    public static WebhookSignature? Parse(string? header, out string reason)
    {
        reason = string.Empty;
        if (string.IsNullOrWhiteSpace(header))
        {
            reason = "no WorkOS-Signature header";
            return null;
        }

        string? timestamp = null;
        var signatures = new List<byte[]>();
        foreach (var part in header.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var equals = part.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                continue;
            }

            var key = part[..equals].Trim();
            var value = part[(equals + 1)..].Trim();
            if (key == "t")
            {
                if (timestamp is not null)
                {
                    reason = "more than one timestamp in WorkOS-Signature";
                    return null;
                }

                timestamp = value;
            }
            else if (key == "v1" && value.Length == HashSize * 2 && IsHex(value))
            {
                signatures.Add(Convert.FromHexString(value));
            }
        }

        if (timestamp is null || timestamp.Length is 0 or > 19 || !timestamp.All(char.IsAsciiDigit)
            || !long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var unixMilliseconds))
        {
            reason = "no numeric timestamp in WorkOS-Signature";
            return null;
        }

        if (signatures.Count == 0)
        {
            reason = "no well-formed v1 signature in WorkOS-Signature";
            return null;
        }

        return new WebhookSignature(timestamp, unixMilliseconds, signatures);
    }

    /// <summary>
    /// The lowercase hex HMAC-SHA256 of <c>timestamp + "." + body</c> under <paramref name="secret"/>: the scheme WorkOS
    /// signs its requests with, and the one an AuthKit Actions response is signed with.
    /// </summary>
    public static string Sign(string secret, string timestamp, ReadOnlySpan<byte> body) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), SignedMessage(timestamp, body)));

    /// <summary>Whether any of the header's signatures is the HMAC of the timestamp and these bytes under any of the secrets.</summary>
    public bool Matches(ReadOnlySpan<byte> body, IEnumerable<string> secrets)
    {
        var message = SignedMessage(Timestamp, body);
        Span<byte> expected = stackalloc byte[HashSize];
        var matched = false;
        foreach (var secret in secrets)
        {
            HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), message, expected);
            foreach (var signature in Signatures)
            {
                // Every pair is compared, so the time taken says nothing about which secret or value matched.
                matched |= CryptographicOperations.FixedTimeEquals(expected, signature);
            }
        }

        return matched;
    }

    private static byte[] SignedMessage(string timestamp, ReadOnlySpan<byte> body)
    {
        var prefix = Encoding.ASCII.GetBytes(timestamp + ".");
        var message = new byte[prefix.Length + body.Length];
        prefix.CopyTo(message, 0);
        body.CopyTo(message.AsSpan(prefix.Length));
        return message;
    }

    private static bool IsHex(string value) => value.All(char.IsAsciiHexDigit);
}
