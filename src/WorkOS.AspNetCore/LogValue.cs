using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;

namespace WorkOS.AspNetCore;

/// <summary>
/// Makes a value someone outside the app chose (a query parameter, a form field, a token header, an upstream error)
/// safe to log: it cannot start a new log line, hide or reorder text, or flood the log.
/// </summary>
internal static class LogValue
{
    /// <summary>The most characters of a value that are logged; the rest is cut and its length noted.</summary>
    public const int MaxLength = 200;

    /// <summary>
    /// Escapes control characters visibly (<c>\r</c>, <c>\n</c>, <c>\t</c>, <c>\\</c>, other C0 and C1 characters and
    /// DEL as <c>\u00XX</c>), and so line and paragraph separators, bidirectional controls and lone surrogates
    /// (<c>\uXXXX</c>); cuts the result at <see cref="MaxLength"/> characters, noting the original length.
    /// </summary>
    [return: NotNullIfNotNull(nameof(value))]
    public static string? Caller(string? value) => Caller(value, MaxLength);

    /// <summary>As <see cref="Caller(string?)"/>, cut at <paramref name="maxLength"/> characters (for messages a client reads).</summary>
    [return: NotNullIfNotNull(nameof(value))]
    public static string? Caller(string? value, int maxLength)
    {
        if (value is null || (value.Length <= maxLength && !value.AsSpan().ContainsAnyExceptInRange(' ', '~') && !value.Contains('\\', StringComparison.Ordinal)))
        {
            return value;
        }

        var builder = new StringBuilder(Math.Min(value.Length, maxLength) + 24);
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            var pair = char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]);
            var piece = pair ? value.Substring(i, 2) : Escape(c);
            if (builder.Length + piece.Length > maxLength)
            {
                builder.Append("...(").Append(value.Length.ToString(CultureInfo.InvariantCulture)).Append(" chars)");
                break;
            }

            builder.Append(piece);
            i += pair ? 1 : 0;
        }

        return builder.ToString();
    }

    private static string Escape(char c) => c switch
    {
        '\r' => "\\r",
        '\n' => "\\n",
        '\t' => "\\t",
        '\\' => "\\\\",
        _ when IsUnsafe(c) => "\\u" + ((int)c).ToString("X4", CultureInfo.InvariantCulture),
        _ => c.ToString(),
    };

    private static bool IsUnsafe(char c) =>
        char.IsControl(c) // C0, DEL, C1
        || char.IsSurrogate(c) // a lone half (a whole pair never gets here)
        || c is '\u2028' or '\u2029' // line and paragraph separators
        || c is '\u061C' or '\u200E' or '\u200F' or (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069'); // bidi controls
}
