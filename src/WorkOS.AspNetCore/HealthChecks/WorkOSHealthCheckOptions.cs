namespace WorkOS.AspNetCore;

/// <summary>Options of the WorkOS health checks added by <c>AddWorkOSHealthChecks()</c>.</summary>
public sealed class WorkOSHealthCheckOptions
{
    /// <summary>
    /// How long a check's result is reused before WorkOS is asked again, so frequent probes (a load balancer, an
    /// orchestrator) make at most one call to WorkOS per check in this time. Default: 30 seconds. Zero asks every time.
    /// </summary>
    public TimeSpan ResultLifetime { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long the API-key check waits for WorkOS before reporting degraded. Default: 5 seconds.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(5);
}
