using StackExchange.Redis;

namespace WorkOS.AspNetCore.StackExchangeRedis;

/// <summary>
/// Options of <c>AddWorkOSStackExchangeRedis</c>: where Redis is, the prefix of every key and channel, and what the
/// instances share through it.
/// </summary>
public sealed class WorkOSRedisOptions
{
    /// <summary>The default <see cref="KeyPrefix"/>.</summary>
    public const string DefaultKeyPrefix = "workos:";

    /// <summary>
    /// A StackExchange.Redis configuration string, for example <c>127.0.0.1:6379</c>. Used when neither
    /// <see cref="ConfigurationOptions"/> nor <see cref="ConnectionMultiplexerFactory"/> is set and the app registered no
    /// <see cref="IConnectionMultiplexer"/>. The connection it makes never aborts on a failed connect and fails commands
    /// fast while Redis is away, so an outage degrades at once instead of stalling requests.
    /// </summary>
    public string? Configuration { get; set; }

    /// <summary>The connection's configuration, used as given; wins over <see cref="Configuration"/>.</summary>
    public ConfigurationOptions? ConfigurationOptions { get; set; }

    /// <summary>
    /// Makes the connection; wins over every other setting. Without it the app's registered
    /// <see cref="IConnectionMultiplexer"/> is used when there is one. One connection serves everything the package does.
    /// </summary>
    public Func<Task<IConnectionMultiplexer>>? ConnectionMultiplexerFactory { get; set; }

    /// <summary>
    /// The start of every key and channel the package uses (the key ring, refresh results and claims, the revoked-session
    /// list, server-side sessions, the app's distributed-cache entries). Defaults to <c>workos:</c>; give each app sharing
    /// one Redis its own.
    /// </summary>
    public string KeyPrefix { get; set; } = DefaultKeyPrefix;

    /// <summary>
    /// The DataProtection application name every instance uses, so they all read one another's cookies. Defaults to the
    /// host's application name (the entry assembly's), which is the same on every instance of one app and unlike the
    /// framework's default does not depend on the content root path.
    /// </summary>
    public string? ApplicationName { get; set; }

    /// <summary>Whether the DataProtection key ring is kept in Redis (on by default). Redis must then persist its data.</summary>
    public bool PersistKeys { get; set; } = true;

    /// <summary>
    /// Whether sessions are kept in Redis (<c>ITicketStore</c>) and the cookie holds only a key. Off by default: while
    /// Redis is away, a server-side session cannot be read (its requests are anonymous, the cookie is kept, and it
    /// reads again when Redis is back), whereas a session in the cookie keeps working.
    /// </summary>
    public bool ServerSideSessions { get; set; }

    /// <summary>The cookie scheme whose sessions <see cref="ServerSideSessions"/> moves to Redis. Defaults to the AuthKit cookie scheme.</summary>
    public string CookieScheme { get; set; } = WorkOSAuthKitDefaults.CookieScheme;

    /// <summary>
    /// How long an instance waits for the refresh another instance is making before it refreshes itself. Defaults to
    /// 5 seconds, on the app's <see cref="TimeProvider"/>; the wait normally ends far sooner, when the other instance
    /// announces its result.
    /// </summary>
    public TimeSpan RefreshWaitLimit { get; set; } = TimeSpan.FromSeconds(5);
}
