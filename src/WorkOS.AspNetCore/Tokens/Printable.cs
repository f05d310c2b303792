namespace WorkOS.AspNetCore.Tokens;

/// <summary>Attacker-chosen token values made safe for messages and logs.</summary>
internal static class Printable
{
    /// <summary>The value shortened to 64 characters and stripped of control characters.</summary>
    public static string Of(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return string.Empty;
        }

        var shortened = value.Length > 64 ? value[..64] + "..." : value;
        return string.Create(shortened.Length, shortened, static (span, source) =>
        {
            for (var i = 0; i < source.Length; i++)
            {
                span[i] = char.IsControl(source[i]) ? '?' : source[i];
            }
        });
    }
}
