using Microsoft.Extensions.Time.Testing;

namespace WorkOS.AspNetCore.Tests.Infrastructure;

/// <summary>The tests' clock: a <see cref="FakeTimeProvider"/> that moves (and fires its timers) only when a test advances it.</summary>
public static class TestClock
{
    /// <summary>
    /// Starts at the real time, to the second: cookie jars expire cookies by the real clock, and tokens carry whole
    /// seconds (FakeTimeProvider alone would start in 2000).
    /// </summary>
    public static FakeTimeProvider StartingNow() => new(DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds()));

    /// <summary>
    /// Moves every clock to the latest of them (clocks started a second apart, such as an emulator's and the apps' made
    /// after it, would otherwise disagree, and a fake clock cannot go back).
    /// </summary>
    public static void Align(params FakeTimeProvider[] clocks)
    {
        var latest = clocks.Max(c => c.GetUtcNow());
        foreach (var clock in clocks)
        {
            if (clock.GetUtcNow() < latest)
            {
                clock.SetUtcNow(latest);
            }
        }
    }
}
