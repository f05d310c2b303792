using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.Logging;

namespace WorkOS.AspNetCore.StackExchangeRedis;

/// <summary>
/// Server-side sessions on Redis: the library's session store over the package's Redis cache. While Redis is
/// unavailable a session cannot be read: the request is anonymous (the cookie is kept and reads again once Redis is
/// back), never a 500; a renewal that cannot be written keeps the stored session as it was.
/// </summary>
internal sealed class RedisTicketStore(ITicketStore inner, RedisAvailability availability, ILogger<RedisTicketStore> logger) : ITicketStore
{
    public async Task<string> StoreAsync(AuthenticationTicket ticket)
    {
        try
        {
            var key = await inner.StoreAsync(ticket).ConfigureAwait(false);
            availability.Available();
            return key;
        }
        catch (Exception ex) when (RedisAvailability.IsUnavailable(ex))
        {
            availability.Unavailable("session-store", ex);
            throw;
        }
    }

    public async Task RenewAsync(string key, AuthenticationTicket ticket)
    {
        try
        {
            await inner.RenewAsync(key, ticket).ConfigureAwait(false);
            availability.Available();
        }
        catch (Exception ex) when (RedisAvailability.IsUnavailable(ex))
        {
            availability.Unavailable("session-renew", ex);
        }
    }

    public async Task<AuthenticationTicket?> RetrieveAsync(string key)
    {
        try
        {
            var ticket = await inner.RetrieveAsync(key).ConfigureAwait(false);
            availability.Available();
            return ticket;
        }
        catch (Exception ex) when (RedisAvailability.IsUnavailable(ex))
        {
            availability.Unavailable("session-read", ex);
            logger.SessionUnreadable();
            return null;
        }
    }

    public async Task RemoveAsync(string key)
    {
        try
        {
            await inner.RemoveAsync(key).ConfigureAwait(false);
            availability.Available();
        }
        catch (Exception ex) when (RedisAvailability.IsUnavailable(ex))
        {
            availability.Unavailable("session-remove", ex); // the revoked-session list still refuses its session
        }
    }
}
