using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using WorkOS.AspNetCore.Tokens;

namespace WorkOS.AspNetCore.HealthChecks;

/// <summary>
/// <c>workos-jwks</c>: WorkOS's signing keys can be fetched and hold a usable key. Asks the library's own signing-key
/// cache (the one that verifies tokens), which reuses its newest fetch for <see cref="WorkOSHealthCheckOptions.ResultLifetime"/>.
/// </summary>
internal sealed class WorkOSJwksHealthCheck(
    AccessTokenValidators validators,
    IOptionsMonitor<WorkOSClientOptions> client,
    IOptionsMonitor<WorkOSHealthCheckOptions> options,
    ILogger<WorkOSJwksHealthCheck> logger) : IHealthCheck
{
    // The schemes' defaults: the validator is shared by JWKS URL, and the first to ask creates it.
    private static readonly TimeSpan JwksRefreshInterval = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan JwksAutomaticRefreshInterval = TimeSpan.FromHours(12);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var settings = client.CurrentValue;
        if (string.IsNullOrEmpty(settings.ClientId))
        {
            logger.NotConfigured(context.Registration.Name, "client id");
            return new HealthCheckResult(context.Registration.FailureStatus, "No WorkOS client id is configured (WorkOS:ClientId).");
        }

        var jwksUrl = AccessTokenValidators.JwksUrl(settings.ApiBaseUrl, settings.ClientId);
        var validator = validators.GetByUrl(jwksUrl, JwksRefreshInterval, JwksAutomaticRefreshInterval);
        var probe = await validator.ProbeKeysAsync(options.CurrentValue.ResultLifetime, cancellationToken).ConfigureAwait(false);
        if (probe.Failure is { } failure)
        {
            logger.SigningKeysUnhealthy(context.Registration.Name, jwksUrl, failure);
            return new HealthCheckResult(context.Registration.FailureStatus, "The WorkOS signing keys could not be fetched or used.", failure);
        }

        return HealthCheckResult.Healthy($"The WorkOS signing keys were fetched ({probe.KeyCount} keys).",
            new Dictionary<string, object> { ["keys"] = probe.KeyCount });
    }
}
