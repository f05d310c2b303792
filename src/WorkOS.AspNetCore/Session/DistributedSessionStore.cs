using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.Caching.Distributed;

namespace WorkOS.AspNetCore.Session;

/// <summary>
/// Server-side sessions: the cookie holds only a random key; the session (sealed the same way a session cookie is)
/// lives in the app's <see cref="IDistributedCache"/>. For huge JWT templates, or to end sessions from the server by
/// removing their entry.
/// </summary>
internal sealed class DistributedSessionStore(IDistributedCache cache, SessionTicketFormat format, TimeProvider timeProvider,
    string keyPrefix = "workos:") : ITicketStore
{
    private readonly string _prefix = keyPrefix + "session:";
    private static readonly TimeSpan DefaultLifetime = TimeSpan.FromDays(30);

    public async Task<string> StoreAsync(AuthenticationTicket ticket)
    {
        var key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        await RenewAsync(key, ticket).ConfigureAwait(false);
        return key;
    }

    public Task RenewAsync(string key, AuthenticationTicket ticket)
    {
        var expires = ticket.Properties.ExpiresUtc ?? timeProvider.GetUtcNow() + DefaultLifetime;
        return cache.SetAsync(_prefix + key, Encoding.UTF8.GetBytes(format.Protect(ticket)),
            new DistributedCacheEntryOptions { AbsoluteExpiration = expires });
    }

    public async Task<AuthenticationTicket?> RetrieveAsync(string key)
    {
        var bytes = await cache.GetAsync(_prefix + key).ConfigureAwait(false);
        return bytes is null ? null : format.Unprotect(Encoding.UTF8.GetString(bytes));
    }

    public Task RemoveAsync(string key) => cache.RemoveAsync(_prefix + key);
}
