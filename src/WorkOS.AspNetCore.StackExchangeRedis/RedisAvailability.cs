using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace WorkOS.AspNetCore.StackExchangeRedis;

/// <summary>
/// Whether Redis answers, as the package's operations find it: the first failure after a success is logged (2101),
/// every operation that falls back is counted (<c>workos.redis.unavailable</c> on the <c>WorkOS.AspNetCore</c> meter),
/// and the first success after an outage is logged (2102) and announced through <see cref="Restored"/>.
/// </summary>
internal sealed class RedisAvailability
{
    /// <summary>The counter of operations that fell back because Redis was unavailable.</summary>
    internal const string UnavailableInstrument = "workos.redis.unavailable";

    private readonly Counter<long> _unavailable;
    private readonly ILogger<RedisAvailability> _logger;
    private int _down;

    public RedisAvailability(IMeterFactory meterFactory, ILogger<RedisAvailability> logger)
    {
        _logger = logger;
        _unavailable = meterFactory.Create(WorkOSAuthKitDefaults.MeterName).CreateCounter<long>(UnavailableInstrument, "{operation}",
            "Operations of the Redis package that fell back to this instance because Redis was unavailable.");
    }

    /// <summary>Raised (once) when Redis answers again after an outage.</summary>
    public event Action? Restored;

    /// <summary>Whether the last operation found Redis unavailable.</summary>
    public bool IsDown => Volatile.Read(ref _down) == 1;

    /// <summary>
    /// Whether <paramref name="exception"/> means Redis cannot be used now (refused, dropped, timing out, loading its
    /// data, without a primary), as opposed to a bug.
    /// </summary>
    public static bool IsUnavailable(Exception exception) => exception switch
    {
        RedisConnectionException or TimeoutException => true,
        RedisServerException server => server.Message.StartsWith("LOADING", StringComparison.Ordinal)
            || server.Message.StartsWith("MASTERDOWN", StringComparison.Ordinal)
            || server.Message.StartsWith("TRYAGAIN", StringComparison.Ordinal)
            || server.Message.StartsWith("BUSY", StringComparison.Ordinal),
        _ => false,
    };

    /// <summary>An operation fell back because Redis was unavailable.</summary>
    public void Unavailable(string operation, Exception exception)
    {
        _unavailable.Add(1, new KeyValuePair<string, object?>("workos.redis.operation", operation));
        if (Interlocked.Exchange(ref _down, 1) == 0)
        {
            _logger.RedisUnavailable(operation, exception);
        }
    }

    /// <summary>An operation succeeded.</summary>
    public void Available()
    {
        if (Volatile.Read(ref _down) == 1 && Interlocked.Exchange(ref _down, 0) == 1)
        {
            _logger.RedisRecovered();
            Restored?.Invoke();
        }
    }
}
