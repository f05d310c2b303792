using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using StackExchange.Redis;
using WorkOS.AspNetCore.Testing;
using WorkOS.AspNetCore.Tests.Infrastructure;

namespace WorkOS.AspNetCore.StackExchangeRedis.Tests;

/// <summary>What <c>AddWorkOSStackExchangeRedis</c> connects through, and what it refuses to start without.</summary>
[Collection(RedisCollection.Name)]
public sealed class RedisRegistrationTests(RedisServerFixture redis)
{
    [Fact]
    public void Without_anything_to_connect_with_the_options_fail_validation_and_say_what_to_set()
    {
        var services = new ServiceCollection().AddWorkOSStackExchangeRedis(_ => { }).BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<WorkOSRedisOptions>>().Value);

        Assert.Contains("Configuration, ConfigurationOptions or ConnectionMultiplexerFactory", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_key_prefix_fails_validation()
    {
        var services = new ServiceCollection().AddWorkOSStackExchangeRedis(o =>
        {
            o.Configuration = "127.0.0.1:1";
            o.KeyPrefix = "";
        }).BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<WorkOSRedisOptions>>().Value);

        Assert.Contains("KeyPrefix", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_apps_own_connection_multiplexer_is_the_one_everything_goes_through()
    {
        await using var appsConnection = await ConnectionMultiplexer.ConnectAsync(redis.Server.Configuration);
        await using var instances = new RedisInstances(redis.Server);
        var a = await instances.StartAsync(o => o.Configuration = null, services: s => s.AddSingleton<IConnectionMultiplexer>(appsConnection));
        var b = await instances.StartAsync(o => o.Configuration = null, services: s => s.AddSingleton<IConnectionMultiplexer>(appsConnection));
        using var browser = a.CreateBrowser();
        await browser.SignInAsync("alice@acme.com");
        var cookie = browser.GetCookie(WorkOSAuthKitDefaults.SessionCookieName)!;
        await browser.SubmitFormAsync("/auth/sign-out", new Dictionary<string, string>());

        using var replay = b.CreateBrowser();
        replay.Cookies.Add(new Cookie(WorkOSAuthKitDefaults.SessionCookieName, cookie, "/", "localhost"));
        var response = await replay.GetAsync("/protected", r => r.Headers.Accept.ParseAdd("application/json"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode); // the sign-out went through the app's connection
        Assert.True(await appsConnection.GetDatabase().KeyExistsAsync(instances.KeyPrefix + "DataProtection-Keys"));
    }

    [Fact]
    public async Task HybridCache_keeps_its_second_level_in_redis_under_the_prefix_even_when_a_memory_cache_was_registered_first()
    {
        await using var instances = new RedisInstances(redis.Server);
        var a = await instances.StartAsync(services: s => s.AddDistributedMemoryCache().AddHybridCache()); // as Razor Pages and MVC do
        var cache = a.Services.GetRequiredService<Microsoft.Extensions.Caching.Hybrid.HybridCache>();

        await cache.SetAsync("report-42", "shared by the instances");

        await using var client = await ConnectionMultiplexer.ConnectAsync(redis.Server.Configuration);
        Assert.True(await client.GetDatabase().KeyExistsAsync(instances.KeyPrefix + "report-42"));
    }
}
