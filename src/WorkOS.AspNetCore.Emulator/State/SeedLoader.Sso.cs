namespace WorkOS.AspNetCore.Emulator.State;

internal static partial class SeedLoader
{
    private static void LoadConnections(EmulatorSeed seed, EmulatorStore store, DateTimeOffset now)
    {
        foreach (var connection in seed.Connections ?? [])
        {
            Check(() => store.AddConnectionUnlocked(connection, now));
        }
    }
}
