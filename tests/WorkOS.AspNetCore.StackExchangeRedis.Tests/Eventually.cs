namespace WorkOS.AspNetCore.StackExchangeRedis.Tests;

/// <summary>
/// Waits for something a real process does in its own time (redis-server restarting, the connection coming back):
/// checks the condition until it holds, and fails with <paramref name="what"/> if it never does within a generous
/// guard. Nothing is asserted about how long it took.
/// </summary>
internal static class Eventually
{
    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(60);

    public static async Task HoldsAsync(Func<Task<bool>> condition, string what)
    {
        using var guard = new CancellationTokenSource(Guard);
        while (!await condition())
        {
            if (guard.IsCancellationRequested)
            {
                Assert.Fail($"Never happened: {what}.");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(25), CancellationToken.None);
        }
    }

    public static Task HoldsAsync(Func<bool> condition, string what) => HoldsAsync(() => Task.FromResult(condition()), what);

    /// <summary>Awaits <paramref name="task"/>, failing instead of hanging when it never completes (a wait that nothing wakes).</summary>
    public static async Task<T> CompletesAsync<T>(Task<T> task, string what)
    {
        try
        {
            return await task.WaitAsync(Guard);
        }
        catch (TimeoutException)
        {
            Assert.Fail($"Never completed: {what}.");
            throw;
        }
    }
}
