using WorkOS.AspNetCore.Api;
using WorkOS.AspNetCore.Tokens;

namespace WorkOS.AspNetCore.Session;

/// <summary>
/// What the session code needs from the scheme whose sessions it keeps: where WorkOS is, how refreshed tokens are
/// checked, the refresh timings, and the refresh events. Built by the scheme from its options, so the session code
/// never reads them.
/// </summary>
internal sealed record SessionSettings(
    string? SignInScheme,
    WorkOSApiSettings Api,
    AccessTokenChecks TokenChecks,
    string JwksUrl,
    TimeSpan JwksRefreshInterval,
    TimeSpan JwksAutomaticRefreshInterval,
    TimeSpan? RefreshBuffer,
    TimeSpan RefreshTimeout,
    TimeSpan RefreshGracePeriod,
    TimeSpan RefreshRetryDelay,
    SessionRefreshEvents Events);

/// <summary>The scheme's refresh events, raised once per refresh however many requests wait for it.</summary>
internal sealed record SessionRefreshEvents(
    Func<SessionRefreshingContext, Task> Refreshing,
    Func<SessionRefreshedContext, Task> Refreshed,
    Func<SessionRefreshFailedContext, Task> RefreshFailed);

/// <summary>The <see cref="SessionSettings"/> of a scheme, by the scheme's name.</summary>
internal interface ISessionSettingsSource
{
    SessionSettings Get(string authKitScheme);
}
