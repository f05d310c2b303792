using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using WorkOS.AspNetCore.Session;
using WorkOS.AspNetCore.Tokens;

using WorkOS.AspNetCore.Diagnostics;

namespace WorkOS.AspNetCore.Bearer;

/// <summary>
/// Configures the <see cref="JwtBearerOptions"/> of a WorkOS bearer scheme from its <see cref="WorkOSBearerOptions"/>:
/// the WorkOS token handler (keys shared with the AuthKit scheme of the same client), no inbound claim mapping, the
/// WorkOS events around the app's, and the scheme options (forwarding, claims issuer) the app set.
/// </summary>
internal sealed class WorkOSJwtBearerSetup(string scheme, IServiceProvider services) : IConfigureNamedOptions<JwtBearerOptions>
{
    /// <summary>How long fetched signing keys are used before being fetched again, when this scheme creates the key cache.</summary>
    private static readonly TimeSpan AutomaticKeyRefresh = TimeSpan.FromHours(12);

    public void Configure(JwtBearerOptions options) => Configure(Options.DefaultName, options);

    public void Configure(string? name, JwtBearerOptions options)
    {
        if (!string.Equals(name, scheme, StringComparison.Ordinal))
        {
            return;
        }

        var workOS = services.GetRequiredService<IOptionsMonitor<WorkOSBearerOptions>>().Get(scheme);
        var loggerFactory = services.GetRequiredService<ILoggerFactory>();
        var timeProvider = services.GetRequiredService<TimeProvider>();
        var validator = services.GetRequiredService<AccessTokenValidators>().Get(workOS.ApiBaseUrl ?? string.Empty, workOS.ClientId,
            workOS.JwksRefreshInterval, AutomaticKeyRefresh);
        var checks = new AccessTokenChecks(workOS.ClientId, workOS.ValidAudiences, workOS.ValidIssuers, workOS.ClockSkew);
        var cache = workOS.ValidatedTokenCacheSize > 0 ? new ValidatedTokenCache(workOS.ValidatedTokenCacheSize, timeProvider) : null;
        var logger = loggerFactory.CreateLogger<WorkOSAccessTokenHandler>();

        Apply(options, workOS, new WorkOSAccessTokenHandler(validator, checks, scheme, cache, services.GetService<IRevokedSessionStore>(), logger,
            services.GetService<WorkOSMetrics>()), new WorkOSJwtBearerEvents(workOS.Events ?? new JwtBearerEvents(), logger), new TokenValidationParameters
        {
            // Documentation of what the WorkOS token handler checks; it does not read these.
            ValidAlgorithms = [SecurityAlgorithms.RsaSha256],
            ValidIssuers = workOS.ValidIssuers,
            ValidateIssuer = workOS.ValidIssuers.Count > 0,
            ValidateAudience = false,
            ClockSkew = workOS.ClockSkew,
            RequireExpirationTime = true,
            RequireSignedTokens = true,
        });
    }

    /// <summary>
    /// What every WorkOS scheme on <c>JwtBearer</c> sets: its one token handler (which fetches unknown keys itself, with
    /// its throttle), no inbound claim mapping, its events and parameters, and the scheme options (forwarding, claims
    /// issuer) the app set on the WorkOS options.
    /// </summary>
    internal static void Apply(JwtBearerOptions options, AuthenticationSchemeOptions scheme, TokenHandler handler, JwtBearerEvents events,
        TokenValidationParameters parameters)
    {
        options.MapInboundClaims = false;
        options.TokenHandlers.Clear();
        options.TokenHandlers.Add(handler);
        options.TokenValidationParameters = parameters;
        options.RefreshOnIssuerKeyNotFound = false;
        options.Events = events;
        options.ClaimsIssuer = scheme.ClaimsIssuer;
        options.ForwardDefault = scheme.ForwardDefault;
        options.ForwardAuthenticate = scheme.ForwardAuthenticate;
        options.ForwardChallenge = scheme.ForwardChallenge;
        options.ForwardForbid = scheme.ForwardForbid;
        options.ForwardSignIn = scheme.ForwardSignIn;
        options.ForwardSignOut = scheme.ForwardSignOut;
        options.ForwardDefaultSelector = scheme.ForwardDefaultSelector;
    }
}
