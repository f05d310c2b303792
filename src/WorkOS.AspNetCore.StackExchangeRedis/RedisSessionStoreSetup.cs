using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using WorkOS.AspNetCore.Session;

namespace WorkOS.AspNetCore.StackExchangeRedis;

/// <summary>
/// Puts the sessions of <see cref="WorkOSRedisOptions.CookieScheme"/> in Redis when
/// <see cref="WorkOSRedisOptions.ServerSideSessions"/> is set: the library's session store (sealed as
/// <c>AddWorkOSServerSideSessions</c> seals it) over the package's Redis cache.
/// </summary>
internal sealed class RedisSessionStoreSetup(IOptions<WorkOSRedisOptions> options, RedisSharedCache cache, RedisAvailability availability,
    IDataProtectionProvider dataProtection, TimeProvider timeProvider, ILoggerFactory loggerFactory) : IConfigureNamedOptions<CookieAuthenticationOptions>
{
    public void Configure(string? name, CookieAuthenticationOptions cookie)
    {
        var redis = options.Value;
        if (!redis.ServerSideSessions || !string.Equals(name, redis.CookieScheme, StringComparison.Ordinal))
        {
            return;
        }

        var format = new SessionTicketFormat(dataProtection.CreateProtector("WorkOS.AspNetCore.ServerSession", redis.CookieScheme, "v1"));
        cookie.SessionStore = new RedisTicketStore(new DistributedSessionStore(cache.Cache, format, timeProvider, keyPrefix: string.Empty),
            availability, loggerFactory.CreateLogger<RedisTicketStore>());
    }

    public void Configure(CookieAuthenticationOptions options) => Configure(Options.DefaultName, options);
}
