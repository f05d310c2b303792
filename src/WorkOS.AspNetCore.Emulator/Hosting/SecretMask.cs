namespace WorkOS.AspNetCore.Emulator.Hosting;

/// <summary>Hides secret field values in the request log.</summary>
internal static class SecretMask
{
    public const string Masked = "***";

    private static readonly HashSet<string> SecretNames = new(StringComparer.OrdinalIgnoreCase)
    {
        "client_secret",
        "value",
        "api_key",
        "password",
    };

    public static bool IsSecret(string name) => SecretNames.Contains(name);

    public static IReadOnlyDictionary<string, string> Mask(IReadOnlyDictionary<string, string> fields) =>
        fields.ToDictionary(f => f.Key, f => IsSecret(f.Key) ? Masked : f.Value, StringComparer.Ordinal);
}
