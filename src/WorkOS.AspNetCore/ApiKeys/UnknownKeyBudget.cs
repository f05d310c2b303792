using Microsoft.Extensions.Logging;

namespace WorkOS.AspNetCore.ApiKeys;

/// <summary>
/// How many answers about unknown keys a scheme stores: at most <see cref="WorkOSApiKeyOptions.CacheSizeLimit"/> per
/// <see cref="WorkOSApiKeyOptions.InvalidKeyCacheDuration"/>, so a flood of made-up keys cannot fill the app's memory
/// cache. Past the budget such keys are still refused, only asked about again. Valid answers need no budget: there are
/// only as many as WorkOS issued keys. Lock-free: a counter and the start of its window.
/// </summary>
internal sealed class UnknownKeyBudget
{
    private long _windowStart;
    private int _taken;
    private int _reported;

    /// <summary>Whether one more answer about an unknown key may be stored now.</summary>
    public bool TryTake(WorkOSApiKeyOptions options, DateTimeOffset now, ILogger logger)
    {
        var window = Math.Max(options.InvalidKeyCacheDuration.Ticks, 1);
        var start = Volatile.Read(ref _windowStart);
        if (now.UtcTicks - start >= window && Interlocked.CompareExchange(ref _windowStart, now.UtcTicks, start) == start)
        {
            Volatile.Write(ref _taken, 0);
            Volatile.Write(ref _reported, 0);
        }

        if (Interlocked.Increment(ref _taken) <= options.CacheSizeLimit)
        {
            return true;
        }

        if (Interlocked.Exchange(ref _reported, 1) == 0)
        {
            logger.CacheTrimmed(options.CacheSizeLimit);
        }

        return false;
    }
}
