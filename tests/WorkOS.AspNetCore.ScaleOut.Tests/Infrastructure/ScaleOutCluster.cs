using WorkOS.AspNetCore.Testing.Redis;

namespace WorkOS.AspNetCore.ScaleOut.Tests.Infrastructure;

/// <summary>
/// A load-balanced app on real processes: redis-server on a free loopback port, the standalone WorkOS emulator, and
/// several instances of the scale-out app sharing both. Everything it started is killed when it is disposed, whether
/// the tests passed or not.
/// </summary>
public abstract class ScaleOutCluster : IAsyncLifetime
{
    /// <summary>How long a process may take to start on a busy machine.</summary>
    internal static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    /// <summary>How long one HTTP request may take.</summary>
    internal static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(30);

    /// <summary>The emulator's access token lifetime: short, so that a test sees several expiries.</summary>
    internal static readonly TimeSpan TokenLifetime = TimeSpan.FromSeconds(5);

    /// <summary>The instances refresh a token in its last second.</summary>
    internal static readonly TimeSpan RefreshBuffer = TimeSpan.FromSeconds(1);

    private readonly List<AppInstance> _instances = [];

    internal RedisServerProcess Redis { get; private set; } = default!;

    internal EmulatorProcess Emulator { get; private set; } = default!;

    /// <summary>The instances, in the order they started.</summary>
    internal IReadOnlyList<AppInstance> Instances => _instances;

    /// <summary>How many instances to run.</summary>
    protected virtual int InstanceCount => 3;

    /// <summary>Whether Redis keeps its data on disk (and so across a restart), as a production Redis holding a key ring does.</summary>
    protected virtual bool PersistentRedis => false;

    public async Task InitializeAsync()
    {
        try
        {
            Redis = await RedisServerProcess.StartNewAsync(PersistentRedis);
            Emulator = await EmulatorProcess.StartAsync(TokenLifetime);

            // One after the other: the first creates the shared key ring, the others load it.
            for (var i = 0; i < InstanceCount; i++)
            {
                _instances.Add(await AppInstance.StartAsync(((char)('a' + i)).ToString(), Emulator, Redis.Configuration));
            }
        }
        catch
        {
            await DisposeAsync();
            throw;
        }
    }

    /// <summary>Starts one more instance on the same Redis and emulator (it loads the key ring from Redis).</summary>
    internal async Task<AppInstance> StartInstanceAsync(string name)
    {
        var instance = await AppInstance.StartAsync(name, Emulator, Redis.Configuration);
        _instances.Add(instance);
        return instance;
    }

    /// <summary>A new browser (its own cookies, so its own user) that sends its requests to the instances in turn.</summary>
    internal RoundRobinBrowser NewBrowser() => new(Instances, Emulator);

    public async Task DisposeAsync()
    {
        foreach (var instance in _instances)
        {
            instance.Dispose();
        }

        Emulator?.Dispose();
        if (Redis is not null)
        {
            await Redis.DisposeAsync();
        }
    }
}

/// <summary>Three instances on a Redis without persistence.</summary>
public sealed class ThreeInstanceCluster : ScaleOutCluster;

/// <summary>Two instances on a Redis that keeps its data on disk, for restarting it.</summary>
public sealed class PersistentRedisCluster : ScaleOutCluster
{
    protected override int InstanceCount => 2;

    protected override bool PersistentRedis => true;
}
