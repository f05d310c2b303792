using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Caching.Distributed;
using WorkOS.AspNetCore;
using WorkOS.AspNetCore.Session;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Keeps WorkOS sessions on the server instead of in the cookie.</summary>
public static class WorkOSServerSideSessionExtensions
{
    /// <summary>
    /// Stores sessions in the registered <see cref="IDistributedCache"/> (register one first, for example
    /// <c>AddDistributedMemoryCache()</c> or a shared cache for several instances); the cookie then holds only a key.
    /// </summary>
    /// <param name="builder">The authentication builder returned by <c>AddWorkOSAuthKit</c>.</param>
    /// <param name="cookieScheme">The session cookie scheme. Defaults to <see cref="WorkOSAuthKitDefaults.CookieScheme"/>.</param>
    /// <returns>The builder.</returns>
    public static AuthenticationBuilder AddWorkOSServerSideSessions(this AuthenticationBuilder builder, string cookieScheme = WorkOSAuthKitDefaults.CookieScheme)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<CookieAuthenticationOptions>(cookieScheme)
            .Configure<IDistributedCache, IDataProtectionProvider, TimeProvider>((options, cache, dataProtection, timeProvider) =>
                options.SessionStore = new DistributedSessionStore(cache,
                    new SessionTicketFormat(dataProtection.CreateProtector("WorkOS.AspNetCore.ServerSession", cookieScheme, "v1")), timeProvider));
        return builder;
    }
}
