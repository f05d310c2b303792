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

        options.MapInboundClaims = false;
        options.TokenHandlers.Clear();
        options.TokenHandlers.Add(new WorkOSAccessTokenHandler(validator, checks, scheme, cache, services.GetService<IRevokedSessionStore>(), logger,
            services.GetService<WorkOSMetrics>()));
        options.TokenValidationParameters = new TokenValidationParameters
        {
            // Documentation of what the WorkOS token handler checks; it does not read these.
            ValidAlgorithms = [SecurityAlgorithms.RsaSha256],
            ValidIssuers = workOS.ValidIssuers,
            ValidateIssuer = workOS.ValidIssuers.Count > 0,
            ValidateAudience = false,
            ClockSkew = workOS.ClockSkew,
            RequireExpirationTime = true,
            RequireSignedTokens = true,
        };
        options.RefreshOnIssuerKeyNotFound = false; // the WorkOS key cache fetches unknown keys, with its throttle
        options.Events = new WorkOSJwtBearerEvents(workOS.Events ?? new JwtBearerEvents(), logger);
        options.ClaimsIssuer = workOS.ClaimsIssuer;
        options.ForwardDefault = workOS.ForwardDefault;
        options.ForwardAuthenticate = workOS.ForwardAuthenticate;
        options.ForwardChallenge = workOS.ForwardChallenge;
        options.ForwardForbid = workOS.ForwardForbid;
        options.ForwardSignIn = workOS.ForwardSignIn;
        options.ForwardSignOut = workOS.ForwardSignOut;
        options.ForwardDefaultSelector = workOS.ForwardDefaultSelector;
    }
}
