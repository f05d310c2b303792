using System.Globalization;

namespace WorkOS.AspNetCore.Tests.Reliability;

/// <summary>
/// The fuzzer's seed and case count. Both are fixed by default, so every run (CI included) tries the same mutations;
/// <c>WORKOS_FUZZ_SEED</c> and <c>WORKOS_FUZZ_CASES</c> change them for a local run. Each case draws from its own
/// generator, made from the seed, the target and the case number, so one failing case replays alone with the same seed.
/// </summary>
internal static class FuzzSettings
{
    public const int DefaultSeed = 20261201;

    public const int DefaultCases = 1500;

    public static int Seed { get; } = Read("WORKOS_FUZZ_SEED", DefaultSeed);

    public static int Cases { get; } = Math.Max(1, Read("WORKOS_FUZZ_CASES", DefaultCases));

    public static Random ForCase(int target, int index) => new(unchecked((Seed * 1_000_003) + (target * 100_003) + index));

    private static int Read(string variable, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(variable), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)
            ? value
            : fallback;
}
