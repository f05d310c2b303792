namespace WorkOS.AspNetCore.Emulator.Hosting;

/// <summary>Matches request paths: exactly, or by prefix when the pattern ends with <c>*</c>.</summary>
internal static class PathPattern
{
    public static bool Matches(string pattern, string path) =>
        pattern.EndsWith('*')
            ? path.StartsWith(pattern[..^1], StringComparison.Ordinal)
            : string.Equals(pattern, path, StringComparison.Ordinal);

    /// <summary>Matches a method (case-insensitive; <c>*</c> for any).</summary>
    public static bool MethodMatches(string pattern, string method) =>
        pattern == "*" || string.Equals(pattern, method, StringComparison.OrdinalIgnoreCase);
}
