using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace WorkOS.AspNetCore.StackExchangeRedis;

/// <summary>
/// The one <see cref="IConnectionMultiplexer"/> the package uses for everything: the factory's, the app's registered
/// one, or one made from the options (and then owned and disposed here). Made on first use.
/// </summary>
internal sealed class RedisConnection : IAsyncDisposable
{
    private readonly Lazy<Task<IConnectionMultiplexer>> _connection;
    private IConnectionMultiplexer? _owned;

    public RedisConnection(IOptions<WorkOSRedisOptions> options, IServiceProvider services)
    {
        _connection = new(() => ConnectAsync(options.Value, services), LazyThreadSafetyMode.ExecutionAndPublication);
        KeyPrefix = options.Value.KeyPrefix;
    }

    /// <summary>The prefix of every key and channel.</summary>
    public string KeyPrefix { get; }

    /// <summary>The connection (connected or reconnecting: it never gives up on Redis).</summary>
    public Task<IConnectionMultiplexer> GetAsync() => _connection.Value;

    /// <summary>The database, for the framework's synchronous callers (the key ring).</summary>
    public IDatabase Database => GetAsync().GetAwaiter().GetResult().GetDatabase();

    private async Task<IConnectionMultiplexer> ConnectAsync(WorkOSRedisOptions options, IServiceProvider services)
    {
        if (options.ConnectionMultiplexerFactory is { } factory)
        {
            return await factory().ConfigureAwait(false);
        }

        if (services.GetService<IConnectionMultiplexer>() is { } registered)
        {
            return registered;
        }

        var configuration = options.ConfigurationOptions ?? Defaults(ConfigurationOptions.Parse(options.Configuration!));
        _owned = await ConnectionMultiplexer.ConnectAsync(configuration).ConfigureAwait(false);
        return _owned;
    }

    /// <summary>Keeps trying to reach Redis, and fails commands at once while it is away rather than queueing them.</summary>
    private static ConfigurationOptions Defaults(ConfigurationOptions configuration)
    {
        configuration.AbortOnConnectFail = false;
        configuration.BacklogPolicy = BacklogPolicy.FailFast;
        return configuration;
    }

    public async ValueTask DisposeAsync()
    {
        if (_owned is { } owned)
        {
            await owned.DisposeAsync().ConfigureAwait(false);
        }
    }
}
