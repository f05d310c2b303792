using WorkOS.AspNetCore.Testing.Redis;

namespace WorkOS.AspNetCore.StackExchangeRedis.Tests;

/// <summary>One real redis-server for the tests that leave it running; each test keeps to a key prefix of its own.</summary>
public sealed class RedisServerFixture : IAsyncLifetime
{
    public RedisServerProcess Server { get; private set; } = null!;

    public async Task InitializeAsync() => Server = await RedisServerProcess.StartNewAsync();

    public async Task DisposeAsync() => await Server.DisposeAsync();
}

[CollectionDefinition(Name)]
public sealed class RedisCollection : ICollectionFixture<RedisServerFixture>
{
    public const string Name = "redis";
}
