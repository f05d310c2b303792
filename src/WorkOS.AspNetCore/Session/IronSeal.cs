using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace WorkOS.AspNetCore.Session;

/// <summary>Why a seal did not open.</summary>
internal enum IronUnsealStatus
{
    /// <summary>The seal opened: authentic, current, and sealed with a known password.</summary>
    Opened,

    /// <summary>Not an iron seal: wrong number of parts, wrong prefix or version, bad encoding, or too long.</summary>
    Malformed,

    /// <summary>Sealed with a password id this app does not have.</summary>
    UnknownPassword,

    /// <summary>The integrity check failed: tampered, or sealed with another password under the same id.</summary>
    BadIntegrity,

    /// <summary>Authentic, but past its expiration (plus the clock skew iron allows).</summary>
    Expired,
}

/// <summary>What opening a seal gave: its status and, once opened, the payload, the expiration and the password id it named.</summary>
internal readonly record struct IronUnsealed(IronUnsealStatus Status, byte[]? Payload = null, DateTimeOffset? Expires = null, string? PasswordId = null);

/// <summary>
/// Iron seals (<c>Fe26.2</c>), as the Node libraries of WorkOS write them (<c>iron-webcrypto</c>, used by
/// <c>@workos-inc/node</c> and <c>iron-session</c>):
/// <code>
/// Fe26.2*{password id}*{encryption salt}*{iv}*{ciphertext}*{expiration}*{integrity salt}*{hmac}~2
/// </code>
/// The payload is encrypted with AES-256-CBC (PKCS#7) and the first six parts authenticated with HMAC-SHA256, each under
/// a key derived from the password by PBKDF2 (HMAC-SHA1, one iteration, the salt being the UTF-8 of 64 random hex
/// digits), as iron specifies. The iv, ciphertext and hmac are unpadded base64url; the expiration is Unix milliseconds
/// or empty; <c>~2</c> is the Node libraries' format version. Opening checks the integrity (in constant time) before the
/// expiration and before decrypting.
/// </summary>
internal static class IronSeal
{
    public const string Prefix = "Fe26.2";
    public const string VersionSuffix = "~2";

    /// <summary>The shortest password iron accepts.</summary>
    public const int MinimumPasswordLength = 32;

    /// <summary>How far past its expiration a seal still opens, as iron allows for clock differences.</summary>
    public static readonly TimeSpan ClockSkew = TimeSpan.FromSeconds(60);

    private const int SaltBytes = 32, KeyBytes = 32, IvBytes = 16, MacBytes = 32;

    /// <summary>Seals <paramref name="payload"/> (the session JSON) with the password, expiring at <paramref name="expires"/> when set.</summary>
    public static string Seal(ReadOnlySpan<byte> payload, IronPassword password, DateTimeOffset? expires)
    {
        var encryptionSalt = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(SaltBytes));
        var iv = RandomNumberGenerator.GetBytes(IvBytes);
        byte[] ciphertext;
        using (var aes = Aes.Create())
        {
            aes.Key = DeriveKey(password.Secret, encryptionSalt);
            ciphertext = aes.EncryptCbc(payload, iv, PaddingMode.PKCS7);
        }

        var expiration = expires is { } at ? at.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture) : string.Empty;
        var macBase = string.Join('*', Prefix, password.Id, encryptionSalt, Base64Url.EncodeToString(iv),
            Base64Url.EncodeToString(ciphertext), expiration);
        var integritySalt = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(SaltBytes));
        var mac = HMACSHA256.HashData(DeriveKey(password.Secret, integritySalt), Encoding.UTF8.GetBytes(macBase));
        return macBase + "*" + integritySalt + "*" + Base64Url.EncodeToString(mac) + VersionSuffix;
    }

    /// <summary>
    /// Opens a seal of at most <paramref name="maxLength"/> characters with the password its id names, as of
    /// <paramref name="now"/>. A seal without the <c>~2</c> version (iron's own) opens too; one with another version does not.
    /// </summary>
    public static IronUnsealed Unseal(string sealedText, IronPasswordSet passwords, DateTimeOffset now, int maxLength)
    {
        if (sealedText.Length > maxLength)
        {
            return new(IronUnsealStatus.Malformed);
        }

        var seal = sealedText.EndsWith(VersionSuffix, StringComparison.Ordinal) ? sealedText[..^VersionSuffix.Length] : sealedText;
        var parts = seal.Split('*');
        if (parts.Length != 8 || parts[0] != Prefix)
        {
            return new(IronUnsealStatus.Malformed);
        }

        var (id, encryptionSalt, ivText, ciphertextText, expiration, integritySalt, macText) =
            (parts[1], parts[2], parts[3], parts[4], parts[5], parts[6], parts[7]);
        long? expiresAt = null;
        if (expiration.Length > 0)
        {
            if (expiration[0] is < '1' or > '9' || !long.TryParse(expiration, NumberStyles.None, CultureInfo.InvariantCulture, out var milliseconds)
                || milliseconds > DateTimeOffset.MaxValue.ToUnixTimeMilliseconds())
            {
                return new(IronUnsealStatus.Malformed);
            }

            expiresAt = milliseconds;
        }

        if (encryptionSalt.Length == 0 || integritySalt.Length == 0
            || !TryDecode(ivText, out var iv) || iv.Length != IvBytes
            || !TryDecode(ciphertextText, out var ciphertext) || ciphertext.Length == 0 || ciphertext.Length % IvBytes != 0
            || !TryDecode(macText, out var mac) || mac.Length != MacBytes)
        {
            return new(IronUnsealStatus.Malformed);
        }

        if (passwords.Find(id) is not { } secret)
        {
            return new(IronUnsealStatus.UnknownPassword);
        }

        var macBase = seal[..seal.LastIndexOf('*', seal.LastIndexOf('*') - 1)];
        var expected = HMACSHA256.HashData(DeriveKey(secret, integritySalt), Encoding.UTF8.GetBytes(macBase));
        if (!CryptographicOperations.FixedTimeEquals(expected, mac))
        {
            return new(IronUnsealStatus.BadIntegrity);
        }

        if (expiresAt is { } expires && expires <= (now - ClockSkew).ToUnixTimeMilliseconds())
        {
            return new(IronUnsealStatus.Expired);
        }

        using var aes = Aes.Create();
        aes.Key = DeriveKey(secret, encryptionSalt);
        byte[] payload;
        try
        {
            payload = aes.DecryptCbc(ciphertext, iv, PaddingMode.PKCS7);
        }
        catch (CryptographicException)
        {
            // Authentic yet undecryptable: sealed by a broken writer. Nothing of it is trusted.
            return new(IronUnsealStatus.Malformed);
        }

        return new(IronUnsealStatus.Opened, payload, expiresAt is { } ms ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : null, id);
    }

    /// <summary>iron's key: PBKDF2 (HMAC-SHA1, one iteration, 256 bits) of the password, salted with the salt text's UTF-8.</summary>
    private static byte[] DeriveKey(string password, string salt) =>
        Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), Encoding.UTF8.GetBytes(salt), 1, HashAlgorithmName.SHA1, KeyBytes);

    /// <summary>Decodes canonical unpadded base64url only, so no two texts of one seal part verify alike.</summary>
    private static bool TryDecode(string text, out byte[] bytes)
    {
        bytes = [];
        if (text.Length == 0 || !Base64Url.IsValid(text) || text.Contains('=', StringComparison.Ordinal))
        {
            return false;
        }

        bytes = Base64Url.DecodeFromChars(text);
        return Base64Url.EncodeToString(bytes) == text;
    }
}
