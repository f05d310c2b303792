using System.Runtime.CompilerServices;
using Microsoft.Extensions.Options;
using WorkOS.AspNetCore.Api;
using WorkOS.AspNetCore.Session;
using WorkOS.AspNetCore.Tokens;

namespace WorkOS.AspNetCore.Authentication;

/// <summary>
/// Hands the session code the settings of an AuthKit scheme, built once per options instance (a reload builds new
/// options, and so new settings). The events are read from the options at each refresh, as the scheme reads them.
/// </summary>
internal sealed class AuthKitSessionSettings(IOptionsMonitor<WorkOSAuthKitOptions> optionsMonitor) : ISessionSettingsSource
{
    private readonly ConditionalWeakTable<WorkOSAuthKitOptions, SessionSettings> _settings = new();

    public SessionSettings Get(string authKitScheme) =>
        _settings.GetValue(optionsMonitor.Get(authKitScheme), static options => From(options));

    private static SessionSettings From(WorkOSAuthKitOptions options) => new(
        options.SignInScheme,
        WorkOSApiSettings.From(options),
        new AccessTokenChecks(options.ClientId, options.ValidAudiences, options.ValidIssuers, options.TokenClockSkew),
        AccessTokenValidators.JwksUrl(options.ApiBaseUrl, options.ClientId),
        options.JwksRefreshInterval,
        options.JwksAutomaticRefreshInterval,
        options.RefreshBuffer,
        options.RefreshTimeout,
        options.RefreshGracePeriod,
        options.RefreshRetryDelay,
        new SessionRefreshEvents(
            context => options.Events.SessionRefreshing(context),
            context => options.Events.SessionRefreshed(context),
            context => options.Events.SessionRefreshFailed(context)));
}
