using WorkOS.AspNetCore.Emulator;

namespace WorkOS.AspNetCore.Benchmarks.FaultLoad;

/// <summary>
/// What the emulator does wrong, in turn, each for <see cref="FaultLoadSettings.FaultLength"/> with healthy time
/// between: refreshes answered 500; refreshes answered only after the app's <c>RefreshTimeout</c> (the refresh is
/// done upstream, the answer comes too late); a burst of 429s with <c>Retry-After</c>; the JWKS answering 503 while
/// the signing key is rotated, so refreshed tokens carry a key the app cannot fetch until it comes back.
/// </summary>
internal static class FaultPhases
{
    private const string Authenticate = "/user_management/authenticate";

    public static IReadOnlyList<(string Name, Action<WorkOSEmulator> Start)> All(FaultLoadSettings settings) =>
    [
        ("refreshes answered 500", e => e.InjectFault("POST", Authenticate, 500, count: -1)),
        ($"refreshes answered after {settings.RefreshTimeout.TotalSeconds + 1:0.#} s (timeout {settings.RefreshTimeout.TotalSeconds:0.#} s)",
            e => e.InjectFault("POST", Authenticate, 0, latency: settings.RefreshTimeout + TimeSpan.FromSeconds(1), count: -1)),
        ("429 burst, Retry-After: 1", e => e.InjectFault("POST", Authenticate, 429, """{"code":"rate_limit_exceeded","message":"Too many requests"}""",
            count: Math.Max(10, settings.Browsers / 2), headers: new Dictionary<string, string> { ["Retry-After"] = "1" })),
        ("JWKS 503, signing key rotated", e =>
        {
            e.InjectFault("GET", "/sso/jwks/*", 503, count: -1);
            e.RotateSigningKey();
        }),
    ];

    /// <summary>Runs the phases in turn until <paramref name="stop"/>; returns how often each ran.</summary>
    public static async Task<Dictionary<string, int>> RunAsync(WorkOSEmulator emulator, FaultLoadSettings settings, CancellationToken stop)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        var phases = All(settings);
        try
        {
            for (var i = 0; !stop.IsCancellationRequested; i++)
            {
                await Task.Delay(settings.FaultLength, stop);
                var (name, start) = phases[i % phases.Count];
                start(emulator);
                Console.WriteLine($"{DateTimeOffset.UtcNow:HH:mm:ss.fff} fault: {name}");
                counts[name] = counts.GetValueOrDefault(name) + 1;
                try
                {
                    await Task.Delay(settings.FaultLength, stop);
                }
                finally
                {
                    emulator.ClearFaults();
                    Console.WriteLine($"{DateTimeOffset.UtcNow:HH:mm:ss.fff} healthy");
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }

        return counts;
    }
}
