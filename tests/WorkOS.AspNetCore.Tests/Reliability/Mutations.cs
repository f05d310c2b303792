using System.Buffers.Text;
using System.Text;

namespace WorkOS.AspNetCore.Tests.Reliability;

/// <summary>
/// Mutations of text values that always change what the server decodes. None of them produces an input equivalent to
/// the valid one (no whitespace a base64 decoder skips, no alternative spelling of the same character, no change to
/// the unused low bits of a base64url value's last character), so a mutated input that signs someone in is a finding,
/// never a no-op.
/// </summary>
internal static class Mutations
{
    private const string Base64UrlAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

    /// <summary>Query-string fragments that are not valid percent-encoding or not valid UTF-8 once decoded.</summary>
    private static readonly string[] BadEncodings =
        ["%", "%G", "%zz", "%C3%28", "%FF%FE", "%00", "%E2%82", "%F0%9F%98", "%ED%A0%80", "%C0%AF", "%2", "%%", "%u0041", "\u00e9", "\u202e"];

    /// <summary>Characters that are not base64url and not skipped by a base64 decoder.</summary>
    private static readonly string[] Foreign = ["%", "*", "!", ".", "=", "\u00e9", "\u00ff", "$", "~", "(", "\\"];

    public static T Pick<T>(this Random random, IReadOnlyList<T> items) => items[random.Next(items.Count)];

    /// <summary>Replaces one character (never the last, whose low bits may be unused) with another base64url one.</summary>
    public static string FlipChar(Random random, string value)
    {
        if (value.Length < 2)
        {
            return value + "A";
        }

        var index = random.Next(value.Length - 1);
        char replacement;
        do
        {
            replacement = Base64UrlAlphabet[random.Next(Base64UrlAlphabet.Length)];
        }
        while (replacement == value[index]);

        return string.Concat(value.AsSpan(0, index), replacement.ToString(), value.AsSpan(index + 1));
    }

    /// <summary>
    /// Decodes base64url, flips one bit, encodes again: the same length, a different payload. A value that is no
    /// longer base64url (an earlier mutation) gets a flipped character instead.
    /// </summary>
    public static string FlipDecodedBit(Random random, string base64Url)
    {
        if (!Base64Url.IsValid(base64Url))
        {
            return FlipChar(random, base64Url);
        }

        var bytes = Base64Url.DecodeFromChars(base64Url);
        if (bytes.Length == 0)
        {
            return "AA";
        }

        bytes[random.Next(bytes.Length)] ^= (byte)(1 << random.Next(8));
        return Base64Url.EncodeToString(bytes);
    }

    /// <summary>A strictly shorter prefix, possibly empty.</summary>
    public static string Truncate(Random random, string value) => value.Length == 0 ? value : value[..random.Next(value.Length)];

    /// <summary>The value with something inserted strictly inside it (not at either end).</summary>
    public static string InsertInside(Random random, string value, string insert) =>
        value.Length < 2 ? value + insert + "A" : value.Insert(1 + random.Next(value.Length - 1), insert);

    public static string BadEncoding(Random random) => random.Pick(BadEncodings);

    public static string ForeignChar(Random random) => random.Pick(Foreign);

    /// <summary>Between 5,000 and 40,000 characters of base64url-looking text.</summary>
    public static string Huge(Random random)
    {
        var builder = new StringBuilder(random.Next(5_000, 40_000));
        while (builder.Length < builder.Capacity)
        {
            builder.Append(Base64UrlAlphabet[random.Next(Base64UrlAlphabet.Length)]);
        }

        return builder.ToString();
    }

    /// <summary>A value shortened for a failure message (huge inputs are shown by their length and ends).</summary>
    public static string Show(string value) =>
        value.Length <= 600 ? value : $"{value[..300]}...({value.Length} chars)...{value[^200..]}";
}
