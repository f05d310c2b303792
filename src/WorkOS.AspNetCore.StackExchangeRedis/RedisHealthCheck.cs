using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace WorkOS.AspNetCore.StackExchangeRedis;

/// <summary>Healthy when Redis answers a PING on the package's connection; unhealthy (with why) otherwise.</summary>
internal sealed class RedisHealthCheck(RedisConnection connection, RedisAvailability availability) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var redis = await connection.GetAsync().WaitAsync(cancellationToken).ConfigureAwait(false);
            var latency = await redis.GetDatabase().PingAsync().WaitAsync(cancellationToken).ConfigureAwait(false);
            availability.Available();
            return HealthCheckResult.Healthy($"Redis answered in {latency.TotalMilliseconds:0.#} ms.");
        }
        catch (Exception ex) when (RedisAvailability.IsUnavailable(ex))
        {
            availability.Unavailable("health-check", ex);
            return new HealthCheckResult(context.Registration.FailureStatus,
                "Redis is unavailable: refreshes coordinate per instance and sign-outs on other instances wait for its return.", ex);
        }
    }
}
