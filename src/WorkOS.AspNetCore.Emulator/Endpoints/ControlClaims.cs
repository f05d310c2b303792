using System.Globalization;
using System.Text.Json;

namespace WorkOS.AspNetCore.Emulator.Endpoints;

/// <summary>
/// Turns the JSON claims of a control call into the values <see cref="WorkOSEmulator.CreateAccessToken"/> and
/// <see cref="WorkOSEmulator.SetSessionTokenClaims"/> take: strings, integers, numbers, booleans, lists and objects.
/// </summary>
internal static class ControlClaims
{
    /// <summary>The claims as token values; <see langword="null"/> with a reason when one is null or a name is blank.</summary>
    public static Dictionary<string, object>? Convert(Dictionary<string, JsonElement> claims, out string? reason)
    {
        var converted = new Dictionary<string, object>(StringComparer.Ordinal);
        foreach (var (name, value) in claims)
        {
            if (string.IsNullOrWhiteSpace(name))
            {
                reason = "claims must not have a blank name.";
                return null;
            }

            if (ToValue(value) is not { } token)
            {
                reason = $"claims.{name} must not be null; leave the claim out instead.";
                return null;
            }

            converted[name] = token;
        }

        reason = null;
        return converted;
    }

    private static object? ToValue(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString(),
        JsonValueKind.Number when value.TryGetInt64(out var integer) => integer,
        JsonValueKind.Number => double.Parse(value.GetRawText(), CultureInfo.InvariantCulture),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.Array => value.EnumerateArray().Select(ToValue).OfType<object>().ToList(),
        JsonValueKind.Object => value.EnumerateObject().Where(p => p.Value.ValueKind != JsonValueKind.Null)
            .ToDictionary(p => p.Name, p => ToValue(p.Value)!, StringComparer.Ordinal),
        _ => null,
    };
}
