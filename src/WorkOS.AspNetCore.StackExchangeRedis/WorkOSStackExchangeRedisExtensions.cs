using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.StackExchangeRedis;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.StackExchangeRedis;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using WorkOS.AspNetCore.Session;
using WorkOS.AspNetCore.StackExchangeRedis;
using WorkOS.AspNetCore.Webhooks;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Runs several instances of a WorkOS.AspNetCore app on one Redis.</summary>
public static class WorkOSStackExchangeRedisExtensions
{
    /// <summary>The name of the health check <see cref="AddWorkOSRedis"/> registers by default.</summary>
    public const string HealthCheckName = "workos-redis";

    /// <summary>
    /// Shares through Redis what the instances of the app must share, over one connection: the DataProtection key ring
    /// (under one application name), refresh coordination (an atomic claim per refresh token, and the result handed to
    /// the instances waiting for it), the revoked-session list, the webhook event claim (an atomic
    /// <c>SET NX</c> per event id, so an event delivered to several instances is handled once), the app's <see cref="IDistributedCache"/> (so
    /// <c>AddHybridCache</c> has Redis as its second level) and, when <see cref="WorkOSRedisOptions.ServerSideSessions"/>
    /// is set, the sessions themselves. Call it with or after <c>AddWorkOSAuthKit</c>.
    /// While Redis is unavailable no one is signed out: refreshes are single flight per instance, this instance's own
    /// sign-outs are honoured here and written to Redis when it is back, other sessions are accepted on their verified
    /// access tokens, the <c>workos-redis</c> health check is unhealthy, and the package logs (2101) and counts
    /// (<c>workos.redis.unavailable</c>) the outage. It recovers by itself when Redis returns.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="configure">Sets where Redis is and what is shared.</param>
    /// <returns>The services.</returns>
    public static IServiceCollection AddWorkOSStackExchangeRedis(this IServiceCollection services, Action<WorkOSRedisOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);

        services.AddOptions<WorkOSRedisOptions>().Configure(configure).Validate<IServiceProvider>(HasConnection,
                "AddWorkOSStackExchangeRedis needs Configuration, ConfigurationOptions or ConnectionMultiplexerFactory, or an IConnectionMultiplexer registered by the app.")
            .Validate(o => !string.IsNullOrEmpty(o.KeyPrefix), "WorkOSRedisOptions.KeyPrefix must not be empty.")
            .Validate(o => o.RefreshWaitLimit > TimeSpan.Zero && o.RefreshWaitLimit <= TimeSpan.FromMinutes(1),
                "WorkOSRedisOptions.RefreshWaitLimit must be more than zero and at most a minute.")
            .ValidateOnStart();
        services.AddMetrics();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<RedisConnection>();
        services.TryAddSingleton<RedisAvailability>();
        services.TryAddSingleton<RefreshSignals>();
        services.TryAddSingleton(sp => new RedisSharedCache(new RedisCache(sp.GetRequiredService<IOptions<RedisCacheOptions>>())));

        // The app's distributed cache, and so HybridCache's second level.
        services.AddStackExchangeRedisCache(_ => { });
        services.AddOptions<RedisCacheOptions>().Configure<RedisConnection>((cache, connection) =>
        {
            cache.InstanceName = connection.KeyPrefix;
            cache.ConnectionMultiplexerFactory = connection.GetAsync;
        });

        // One key ring, one application name.
        services.AddDataProtection();
        services.AddOptions<DataProtectionOptions>().Configure<IOptions<WorkOSRedisOptions>, IServiceProvider>((dataProtection, options, sp) =>
        {
            if (options.Value.ApplicationName is { Length: > 0 } name)
            {
                dataProtection.ApplicationDiscriminator = name;
            }
            else if (dataProtection.ApplicationDiscriminator is null && sp.GetService<IHostEnvironment>()?.ApplicationName is { Length: > 0 } hostName)
            {
                dataProtection.ApplicationDiscriminator = hostName; // unless the app set one itself (SetApplicationName)
            }
        });
        services.AddOptions<KeyManagementOptions>().Configure<IOptions<WorkOSRedisOptions>, RedisConnection>((keys, options, connection) =>
        {
            if (options.Value.PersistKeys)
            {
                keys.XmlRepository = new RedisXmlRepository(() => connection.Database, connection.KeyPrefix + "DataProtection-Keys");
            }
        });

        // Refresh coordination and the revoked-session list (replacing the in-process ones, and any registered before).
        services.TryAddSingleton(sp => new MemoryRevokedSessionStore(sp.GetRequiredService<TimeProvider>()));
        services.Replace(ServiceDescriptor.Singleton<ISessionRefreshCoordinator, RedisSessionRefreshCoordinator>());
        services.Replace(ServiceDescriptor.Singleton<IRevokedSessionStore, RedisRevokedSessionStore>());

        // The webhook event claim: atomic across instances (used when the app adds AddWorkOSWebhooks).
        services.Replace(ServiceDescriptor.Singleton<IWebhookEventClaim, RedisWebhookEventClaim>());

        // Server-side sessions, when asked for.
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IConfigureOptions<CookieAuthenticationOptions>, RedisSessionStoreSetup>());
        return services;
    }

    /// <summary>
    /// Adds the <c>workos-redis</c> health check: healthy while Redis answers a PING on the connection
    /// <c>AddWorkOSStackExchangeRedis</c> uses, <paramref name="failureStatus"/> (unhealthy by default) while it does not.
    /// </summary>
    /// <param name="builder">The health checks builder.</param>
    /// <param name="name">The check's name.</param>
    /// <param name="failureStatus">What the check reports while Redis is unavailable; unhealthy by default.</param>
    /// <param name="tags">The check's tags.</param>
    /// <returns>The builder.</returns>
    public static IHealthChecksBuilder AddWorkOSRedis(this IHealthChecksBuilder builder, string name = HealthCheckName,
        HealthStatus? failureStatus = null, IEnumerable<string>? tags = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrEmpty(name);
        return builder.Add(new HealthCheckRegistration(name, sp => ActivatorUtilities.CreateInstance<RedisHealthCheck>(sp), failureStatus, tags));
    }

    private static bool HasConnection(WorkOSRedisOptions options, IServiceProvider services) =>
        services.GetService<StackExchange.Redis.IConnectionMultiplexer>() is not null || options.ConnectionMultiplexerFactory is not null || options.ConfigurationOptions is not null || !string.IsNullOrWhiteSpace(options.Configuration);
}
