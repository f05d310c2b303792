namespace WorkOS.AspNetCore.ScaleOut.Tests.Infrastructure;

/// <summary>Bounded waiting for something another process does in its own time (a reconnect), on real time.</summary>
internal static class Eventually
{
    private static readonly TimeSpan Pause = TimeSpan.FromMilliseconds(250);

    /// <summary>Checks <paramref name="condition"/> until it holds, for at most <paramref name="limit"/>; fails with <paramref name="what"/> otherwise.</summary>
    public static async Task HoldsAsync(Func<Task<bool>> condition, TimeSpan limit, string what)
    {
        var deadline = DateTime.UtcNow + limit;
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"Not within {limit.TotalSeconds:0} s: {what}");
            await Task.Delay(Pause);
        }
    }
}
