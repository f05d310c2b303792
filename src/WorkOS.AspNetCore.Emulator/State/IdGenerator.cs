using System.Buffers.Text;
using System.Security.Cryptography;

namespace WorkOS.AspNetCore.Emulator.State;

/// <summary>Makes WorkOS-style ids (<c>prefix_</c> + ULID) and unguessable opaque tokens.</summary>
internal static class IdGenerator
{
    private const string Crockford = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    /// <summary>A prefixed ULID such as <c>session_01HQSXZGF8FHF7A9ZZFCW4387R</c>.</summary>
    public static string NewId(string prefix, DateTimeOffset now) => prefix + NewUlid(now);

    /// <summary>A 26-character ULID: 48 bits of Unix milliseconds, then 80 random bits, in Crockford base32.</summary>
    public static string NewUlid(DateTimeOffset now)
    {
        Span<byte> bytes = stackalloc byte[16];
        var ms = (ulong)Math.Max(0, now.ToUnixTimeMilliseconds());
        for (var i = 0; i < 6; i++)
        {
            bytes[i] = (byte)(ms >> (8 * (5 - i)));
        }

        RandomNumberGenerator.Fill(bytes[6..]);
        var value = new UInt128(
            (ulong)bytes[0] << 56 | (ulong)bytes[1] << 48 | (ulong)bytes[2] << 40 | (ulong)bytes[3] << 32
                | (ulong)bytes[4] << 24 | (ulong)bytes[5] << 16 | (ulong)bytes[6] << 8 | bytes[7],
            (ulong)bytes[8] << 56 | (ulong)bytes[9] << 48 | (ulong)bytes[10] << 40 | (ulong)bytes[11] << 32
                | (ulong)bytes[12] << 24 | (ulong)bytes[13] << 16 | (ulong)bytes[14] << 8 | bytes[15]);

        Span<char> chars = stackalloc char[26];
        for (var i = 25; i >= 0; i--)
        {
            chars[i] = Crockford[(int)(value & 31)];
            value >>= 5;
        }

        return new string(chars);
    }

    /// <summary>An opaque, URL-safe random token (codes and refresh tokens).</summary>
    public static string NewToken(int bytes = 24) =>
        Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(bytes));
}
