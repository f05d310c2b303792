using System.Buffers.Binary;
using System.Buffers.Text;
using System.Security.Claims;
using System.Text;
using Microsoft.AspNetCore.Authentication;

namespace WorkOS.AspNetCore.Session;

/// <summary>
/// The session cookie's sealed payload, in a compact binary layout (before DataProtection):
/// <code>
/// format byte (0x81)
/// identity:   scheme, authentication type, access token, profile claims   (the part claims derive from)
/// properties: count, then each item as a well-known key code or a key string, and its value
/// </code>
/// Strings are UTF-8 with a 7-bit encoded length (as <see cref="BinaryWriter"/> writes them). The access token is
/// stored as its three segments' raw bytes (base64url decoded: a quarter smaller), or as text when it is not a
/// canonically encoded three-part JWT. Items written as a well-known code: the cookie handler's and the token store's
/// keys; the issue and expiry times as Unix seconds. A future layout takes another format byte.
/// </summary>
internal static class CompactSessionTicket
{
    public const byte Format = 0x81;

    private const byte TokenSegments = 0, TokenText = 1;
    private const byte CustomKey = 0, IssuedSeconds = 0xF0, ExpiresSeconds = 0xF1;
    private const byte BooleanValue = 1, CustomValueType = 2, CustomIssuer = 4;
    private const byte CustomClaimType = 0xFF;
    private const string TokenNames = ".TokenNames", AccessTokenItem = ".Token." + SessionTokens.AccessToken;
    private const string RefreshTokenItem = ".Token." + SessionTokens.RefreshToken;
    private const string BothTokenNames = SessionTokens.AccessToken + ";" + SessionTokens.RefreshToken;

    // Append only: the index is stored. Code n + 1 stands for WellKnownKeys[n].
    private static readonly string[] WellKnownKeys =
        [".issued", ".expires", ".persistent", TokenNames, RefreshTokenItem, ".allowrefresh", ".redirect"];

    private static readonly string[] WellKnownValues = [BothTokenNames, SessionTokens.AccessToken, string.Empty];

    // Append only: the index is stored.
    private static readonly string[] ProfileClaimTypes =
    [
        Claims.WorkOSClaimTypes.Email, Claims.WorkOSClaimTypes.EmailVerified, Claims.WorkOSClaimTypes.GivenName,
        Claims.WorkOSClaimTypes.FamilyName, Claims.WorkOSClaimTypes.Name, Claims.WorkOSClaimTypes.Picture,
        Claims.WorkOSClaimTypes.AuthenticationMethod, Claims.WorkOSClaimTypes.ImpersonatorReason,
    ];

    public static byte[] Write(AuthenticationTicket ticket, string accessToken, IEnumerable<Claim> profileClaims, string? authenticationType)
    {
        using var stream = new MemoryStream(2048);
        using var writer = new BinaryWriter(stream, Encoding.UTF8);
        writer.Write(Format);
        writer.Write(ticket.AuthenticationScheme);
        writer.Write(authenticationType ?? string.Empty);
        WriteToken(writer, accessToken);

        var claims = profileClaims as ICollection<Claim> ?? profileClaims.ToList();
        writer.Write7BitEncodedInt(claims.Count);
        foreach (var claim in claims)
        {
            var code = Array.IndexOf(ProfileClaimTypes, claim.Type);
            writer.Write(code < 0 ? CustomClaimType : (byte)code);
            if (code < 0)
            {
                writer.Write(claim.Type);
            }

            var flags = (byte)((claim.ValueType == ClaimValueTypes.Boolean ? BooleanValue : 0)
                | (claim.ValueType is ClaimValueTypes.Boolean or ClaimValueTypes.String ? 0 : CustomValueType)
                | (claim.Issuer == ClaimsIdentity.DefaultIssuer ? 0 : CustomIssuer));
            writer.Write(flags);
            writer.Write(claim.Value);
            if ((flags & CustomValueType) != 0)
            {
                writer.Write(claim.ValueType);
            }

            if ((flags & CustomIssuer) != 0)
            {
                writer.Write(claim.Issuer);
            }
        }

        var items = ticket.Properties.Items;
        var count = 0;
        foreach (var item in items)
        {
            count += item.Key == AccessTokenItem ? 0 : 1;
        }

        writer.Write7BitEncodedInt(count);
        foreach (var (key, item) in items)
        {
            if (key == AccessTokenItem)
            {
                continue; // stored with the identity
            }

            var value = item ?? string.Empty; // as the framework's format writes it

            if ((key is ".issued" or ".expires") && Seconds(value) is { } seconds)
            {
                writer.Write(key == ".issued" ? IssuedSeconds : ExpiresSeconds);
                writer.Write(seconds);
                continue;
            }

            var code = Array.IndexOf(WellKnownKeys, key);
            writer.Write((byte)(code + 1));
            if (code < 0)
            {
                writer.Write(key);
            }

            var valueCode = Array.IndexOf(WellKnownValues, value);
            writer.Write((byte)(valueCode + 1));
            if (valueCode < 0)
            {
                writer.Write(value);
            }
        }

        writer.Flush();
        return stream.ToArray();
    }

    /// <summary>A ticket time written by the framework ("r", second precision) as Unix seconds, when it reads back the same.</summary>
    private static long? Seconds(string value) =>
        DateTimeOffset.TryParseExact(value, "r", System.Globalization.CultureInfo.InvariantCulture,
            System.Globalization.DateTimeStyles.AdjustToUniversal, out var time)
        && Time(time.ToUnixTimeSeconds()) == value
            ? time.ToUnixTimeSeconds()
            : null;

    private static string Time(long seconds) =>
        DateTimeOffset.FromUnixTimeSeconds(seconds).ToString("r", System.Globalization.CultureInfo.InvariantCulture);

    private static void WriteToken(BinaryWriter writer, string accessToken)
    {
        var parts = accessToken.Split('.');
        if (parts.Length == 3 && Array.TrueForAll(parts, IsCanonical))
        {
            writer.Write(TokenSegments);
            foreach (var part in parts)
            {
                var bytes = Base64Url.DecodeFromChars(part);
                writer.Write7BitEncodedInt(bytes.Length);
                writer.Write(bytes);
            }

            return;
        }

        writer.Write(TokenText);
        writer.Write(accessToken);
    }

    private static bool IsCanonical(string segment) =>
        segment.Length > 0 && Base64Url.IsValid(segment) && Base64Url.EncodeToString(Base64Url.DecodeFromChars(segment)) == segment;

    /// <summary>Reads the layout. Every length is checked against the payload; a malformed one throws <see cref="FormatException"/>.</summary>
    public ref struct Reader(ReadOnlySpan<byte> payload)
    {
        private readonly ReadOnlySpan<byte> _payload = payload;
        private int _position = 1; // past the format byte

        public int Position => _position;

        public ReadOnlySpan<byte> Slice(int start) => _payload[start.._position];

        public byte ReadByte() => _position < _payload.Length ? _payload[_position++] : throw Malformed();

        public long ReadInt64()
        {
            var value = BinaryPrimitives.ReadInt64LittleEndian(Take(sizeof(long)));
            return value;
        }

        public int ReadLength()
        {
            var result = 0;
            for (var shift = 0; shift < 35; shift += 7)
            {
                var b = ReadByte();
                result |= (b & 0x7F) << shift;
                if (b < 0x80)
                {
                    return result >= 0 ? result : throw Malformed();
                }
            }

            throw Malformed();
        }

        public ReadOnlySpan<byte> ReadBytes() => Take(ReadLength());

        public string ReadString() => Encoding.UTF8.GetString(ReadBytes());

        public void SkipString() => Take(ReadLength());

        /// <summary>Skips the identity part; <see cref="ReadIdentity"/> reads it.</summary>
        public void SkipIdentity()
        {
            SkipString();
            SkipString();
            if (ReadByte() == TokenSegments)
            {
                SkipString();
                SkipString();
                SkipString();
            }
            else
            {
                SkipString();
            }

            for (var count = ReadLength(); count > 0; count--)
            {
                if (ReadByte() == CustomClaimType)
                {
                    SkipString();
                }

                var flags = ReadByte();
                SkipString();
                if ((flags & CustomValueType) != 0)
                {
                    SkipString();
                }

                if ((flags & CustomIssuer) != 0)
                {
                    SkipString();
                }
            }
        }

        public (string Scheme, string? AuthenticationType, string AccessToken, List<Claim> ProfileClaims) ReadIdentity()
        {
            var scheme = ReadString();
            var authenticationType = ReadString();
            var accessToken = ReadByte() switch
            {
                TokenSegments => Join(ReadBytes(), ReadBytes(), ReadBytes()),
                TokenText => ReadString(),
                _ => throw Malformed(),
            };

            var count = ReadLength();
            var claims = new List<Claim>(Math.Min(count, 16));
            for (; count > 0; count--)
            {
                var code = ReadByte();
                var type = code == CustomClaimType ? ReadString()
                    : code < ProfileClaimTypes.Length ? ProfileClaimTypes[code] : throw Malformed();
                var flags = ReadByte();
                var value = ReadString();
                var valueType = (flags & CustomValueType) != 0 ? ReadString()
                    : (flags & BooleanValue) != 0 ? ClaimValueTypes.Boolean : ClaimValueTypes.String;
                var issuer = (flags & CustomIssuer) != 0 ? ReadString() : ClaimsIdentity.DefaultIssuer;
                claims.Add(new Claim(type, value, valueType, issuer));
            }

            return (scheme, authenticationType.Length == 0 ? null : authenticationType, accessToken, claims);
        }

        public Dictionary<string, string?> ReadItems(string accessToken)
        {
            var count = ReadLength();
            var items = new Dictionary<string, string?>(count + 1, StringComparer.Ordinal) { [AccessTokenItem] = accessToken };
            for (; count > 0; count--)
            {
                var code = ReadByte();
                switch (code)
                {
                    case IssuedSeconds:
                        items[".issued"] = Time(ReadInt64());
                        continue;
                    case ExpiresSeconds:
                        items[".expires"] = Time(ReadInt64());
                        continue;
                }

                var key = code == CustomKey ? ReadString()
                    : code <= WellKnownKeys.Length ? WellKnownKeys[code - 1] : throw Malformed();
                var valueCode = ReadByte();
                items[key] = valueCode == 0 ? ReadString()
                    : valueCode <= WellKnownValues.Length ? WellKnownValues[valueCode - 1] : throw Malformed();
            }

            return _position == _payload.Length ? items : throw Malformed();
        }

        private ReadOnlySpan<byte> Take(int length)
        {
            if (length < 0 || length > _payload.Length - _position)
            {
                throw Malformed();
            }

            var span = _payload.Slice(_position, length);
            _position += length;
            return span;
        }

        private static string Join(ReadOnlySpan<byte> header, ReadOnlySpan<byte> payload, ReadOnlySpan<byte> signature)
        {
            var length = Base64Url.GetEncodedLength(header.Length) + Base64Url.GetEncodedLength(payload.Length)
                + Base64Url.GetEncodedLength(signature.Length) + 2;
            var chars = length <= 4096 ? stackalloc char[length] : new char[length];
            var written = Base64Url.EncodeToChars(header, chars);
            chars[written++] = '.';
            written += Base64Url.EncodeToChars(payload, chars[written..]);
            chars[written++] = '.';
            written += Base64Url.EncodeToChars(signature, chars[written..]);
            return new string(chars[..written]);
        }

        private static FormatException Malformed() => new("The session ticket is malformed.");
    }
}
