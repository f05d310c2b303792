using System.Text.Json.Serialization;

namespace WorkOS.AspNetCore.Emulator.Wire;

/// <summary>Reads <see cref="EmulatorSeed"/> JSON files (snake_case, lenient).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    PropertyNameCaseInsensitive = true,
    ReadCommentHandling = System.Text.Json.JsonCommentHandling.Skip,
    AllowTrailingCommas = true)]
[JsonSerializable(typeof(EmulatorSeed))]
internal sealed partial class SeedJsonContext : JsonSerializerContext;
