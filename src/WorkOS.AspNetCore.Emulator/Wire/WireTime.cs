using System.Globalization;

namespace WorkOS.AspNetCore.Emulator.Wire;

/// <summary>Formats timestamps like WorkOS: ISO 8601, UTC, milliseconds, <c>Z</c>.</summary>
internal static class WireTime
{
    public static string Format(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    public static string? Format(DateTimeOffset? value) => value is { } v ? Format(v) : null;
}
