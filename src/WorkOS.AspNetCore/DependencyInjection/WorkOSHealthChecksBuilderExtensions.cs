using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using WorkOS.AspNetCore;
using WorkOS.AspNetCore.Api;
using WorkOS.AspNetCore.HealthChecks;
using WorkOS.AspNetCore.Tokens;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Adds the WorkOS health checks to an app's <see cref="IHealthChecksBuilder"/>.</summary>
public static class WorkOSHealthChecksBuilderExtensions
{
    /// <summary>
    /// Adds <c>workos-jwks</c> (<see cref="WorkOSAuthKitDefaults.JwksHealthCheckName"/>: WorkOS's signing keys can be
    /// fetched and hold a usable key; unhealthy otherwise) and <c>workos-api-key</c>
    /// (<see cref="WorkOSAuthKitDefaults.ApiKeyHealthCheckName"/>: WorkOS accepts the API key of
    /// <see cref="WorkOSClientOptions"/>; unhealthy when it refuses the key or none is configured, degraded when WorkOS
    /// cannot be asked). Both read the WorkOS client options, reuse their result for
    /// <see cref="WorkOSHealthCheckOptions.ResultLifetime"/>, and carry the tag <c>workos</c>
    /// (<see cref="WorkOSAuthKitDefaults.HealthCheckTag"/>) plus <paramref name="tags"/>.
    /// </summary>
    /// <param name="builder">The app's health checks.</param>
    /// <param name="configure">Configures the checks' options.</param>
    /// <param name="tags">More tags for both checks (such as <c>ready</c>).</param>
    /// <returns>The builder.</returns>
    public static IHealthChecksBuilder AddWorkOSHealthChecks(this IHealthChecksBuilder builder, Action<WorkOSHealthCheckOptions>? configure = null,
        IEnumerable<string>? tags = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddWorkOSHttpClient();
        services.TryAddSingleton<AccessTokenValidators>();
        var options = services.AddOptions<WorkOSHealthCheckOptions>()
            .Validate(o => o.ResultLifetime >= TimeSpan.Zero, "WorkOSHealthCheckOptions.ResultLifetime must not be negative.")
            .Validate(o => o.Timeout > TimeSpan.Zero && o.Timeout != Timeout.InfiniteTimeSpan, "WorkOSHealthCheckOptions.Timeout must be positive and finite.");
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.TryAddSingleton<WorkOSJwksHealthCheck>();
        services.TryAddSingleton<WorkOSApiKeyHealthCheck>();
        string[] allTags = [WorkOSAuthKitDefaults.HealthCheckTag, .. tags ?? []];
        return builder
            .AddCheck<WorkOSJwksHealthCheck>(WorkOSAuthKitDefaults.JwksHealthCheckName, failureStatus: null, tags: allTags)
            .AddCheck<WorkOSApiKeyHealthCheck>(WorkOSAuthKitDefaults.ApiKeyHealthCheckName, failureStatus: null, tags: allTags);
    }
}
