using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Options;

namespace WorkOS.AspNetCore.StackExchangeRedis.Tests;

/// <summary>
/// The application name that scopes the shared key ring: the host's by default, but never in place of one the app set
/// itself with <c>SetApplicationName</c>, whichever it called first; <see cref="WorkOSRedisOptions.ApplicationName"/> wins.
/// </summary>
public sealed class RedisApplicationNameTests
{
    private static string? Discriminator(Action<IServiceCollection> register)
    {
        var services = new ServiceCollection();
        services.AddSingleton<IHostEnvironment>(new HostingEnvironment { ApplicationName = "host-app", EnvironmentName = Environments.Production });
        register(services);
        using var provider = services.BuildServiceProvider();
        return provider.GetRequiredService<IOptions<DataProtectionOptions>>().Value.ApplicationDiscriminator;
    }

    private static void Redis(IServiceCollection services, string? applicationName = null) =>
        services.AddWorkOSStackExchangeRedis(o =>
        {
            o.Configuration = "127.0.0.1:1";
            o.ApplicationName = applicationName;
        });

    [Fact]
    public void Without_a_name_from_the_app_the_key_ring_is_scoped_by_the_hosts_application_name() =>
        Assert.Equal("host-app", Discriminator(s => Redis(s)));

    [Fact]
    public void A_name_the_app_set_before_adding_redis_is_kept() =>
        Assert.Equal("orders", Discriminator(s =>
        {
            s.AddDataProtection().SetApplicationName("orders");
            Redis(s);
        }));

    [Fact]
    public void A_name_the_app_set_after_adding_redis_is_kept() =>
        Assert.Equal("orders", Discriminator(s =>
        {
            Redis(s);
            s.AddDataProtection().SetApplicationName("orders");
        }));

    [Fact]
    public void The_redis_options_application_name_is_the_one_used_when_set() =>
        Assert.Equal("shared-ring", Discriminator(s => Redis(s, "shared-ring")));
}
