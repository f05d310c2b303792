using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using WorkOS.AspNetCore.Testing;
using WorkOS.AspNetCore.Testing.Redis;
using WorkOS.AspNetCore.Tests.Infrastructure;

namespace WorkOS.AspNetCore.StackExchangeRedis.Tests;

/// <summary>
/// Instances of one app behind a load balancer: each its own host, clock and memory, sharing one WorkOS (the emulator,
/// on <see cref="Clock"/>) and one Redis, and nothing else: the key ring too comes from Redis.
/// </summary>
internal sealed class RedisInstances : IAsyncDisposable
{
    public const string HealthPath = "/health";
    public static readonly TimeSpan IntoBuffer = TimeSpan.FromMinutes(4) + TimeSpan.FromSeconds(45);

    private readonly List<AuthKitTestApp> _apps = [];

    public RedisInstances(RedisServerProcess redis, Action<WorkOSEmulatorOptions>? configureEmulator = null)
    {
        Redis = redis;
        Emulator = WorkOSEmulator.CreateInProcess(options =>
        {
            options.TimeProvider = Clock;
            configureEmulator?.Invoke(options);
        });
    }

    public RedisServerProcess Redis { get; }

    /// <summary>The emulator's clock; each instance has its own, moved in step by <see cref="Advance"/>.</summary>
    public FakeTimeProvider Clock { get; } = TestClock.StartingNow();

    public WorkOSEmulator Emulator { get; }

    /// <summary>Every key and channel of this test starts with it, so tests sharing a server share nothing else.</summary>
    public string KeyPrefix { get; } = "test-" + Guid.NewGuid().ToString("N")[..12] + ":";

    public IReadOnlyList<AuthKitTestApp> Apps => _apps;

    /// <summary>Starts an instance: <c>AddWorkOSStackExchangeRedis</c> on the shared Redis, the health check at <see cref="HealthPath"/>.</summary>
    public async Task<AuthKitTestApp> StartAsync(Action<WorkOSRedisOptions>? configure = null, Action<WebApplication>? map = null)
    {
        var app = await AuthKitTestApp.StartAsync(sharedEmulator: Emulator, services: services =>
        {
            services.RemoveAll<IDataProtectionProvider>(); // the test host's private key ring: these instances share Redis's
            services.AddWorkOSStackExchangeRedis(options =>
            {
                options.Configuration = Redis.Configuration;
                options.KeyPrefix = KeyPrefix;
                options.ApplicationName = "WorkOS.AspNetCore.StackExchangeRedis.Tests";
                configure?.Invoke(options);
            });
            services.AddHealthChecks().AddWorkOSRedis();
        }, map: web =>
        {
            web.MapHealthChecks(HealthPath);
            map?.Invoke(web);
        });
        if (app.Clock.GetUtcNow() < Clock.GetUtcNow())
        {
            app.Clock.SetUtcNow(Clock.GetUtcNow());
        }

        _apps.Add(app);
        return app;
    }

    /// <summary>Moves WorkOS's clock and every instance's by <paramref name="by"/>.</summary>
    public void Advance(TimeSpan by)
    {
        Clock.Advance(by);
        foreach (var app in _apps)
        {
            app.Clock.Advance(by);
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var app in _apps)
        {
            await app.DisposeAsync();
        }

        await Emulator.DisposeAsync();
    }
}
