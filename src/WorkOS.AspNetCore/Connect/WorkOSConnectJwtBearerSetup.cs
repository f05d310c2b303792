using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using WorkOS.AspNetCore.Bearer;
using WorkOS.AspNetCore.Diagnostics;
using WorkOS.AspNetCore.Tokens;

namespace WorkOS.AspNetCore.Connect;

/// <summary>
/// Configures the <see cref="JwtBearerOptions"/> of a Connect scheme from its <see cref="WorkOSConnectOptions"/>: the
/// domain's configuration manager, issuer and audiences, RS256 only, lifetimes on the app's <see cref="TimeProvider"/>,
/// no inbound claim mapping, and the Connect events around the app's.
/// </summary>
internal sealed class WorkOSConnectJwtBearerSetup(string scheme, IServiceProvider services) : IConfigureNamedOptions<JwtBearerOptions>
{
    public void Configure(JwtBearerOptions options) => Configure(Options.DefaultName, options);

    public void Configure(string? name, JwtBearerOptions options)
    {
        if (!string.Equals(name, scheme, StringComparison.Ordinal))
        {
            return;
        }

        var connect = services.GetRequiredService<IOptionsMonitor<WorkOSConnectOptions>>().Get(scheme);
        var time = services.GetRequiredService<TimeProvider>();
        var loggerFactory = services.GetRequiredService<ILoggerFactory>();
        var logger = loggerFactory.CreateLogger<ConnectTokenHandler>();
        var retriever = new HttpClientFactoryDocumentRetriever(services.GetRequiredService<IHttpClientFactory>(), time, services.GetService<WorkOSMetrics>());
        var domain = connect.Domain.TrimEnd('/');
        var manager = new ConnectConfigurationManager(domain, retriever, time, connect.RefreshInterval, connect.AutomaticRefreshInterval, logger);
        var skew = connect.ClockSkew;

        options.ConfigurationManager = manager;
        options.TimeProvider = time;
        WorkOSJwtBearerSetup.Apply(options, connect, new ConnectTokenHandler(manager, logger), new ConnectJwtBearerEvents(connect.Events ?? new JwtBearerEvents(),
            connect, manager, services.GetRequiredService<ConnectIntrospector>(), logger), new TokenValidationParameters
        {
            ValidIssuer = domain,
            ValidateIssuer = true,
            ValidAudiences = [.. connect.Audiences],
            ValidateAudience = true,
            ValidAlgorithms = [SecurityAlgorithms.RsaSha256],
            RequireExpirationTime = true,
            RequireSignedTokens = true,
            ValidateLifetime = true,
            ClockSkew = skew,
            LifetimeValidator = (notBefore, expires, _, _) =>
            {
                var now = time.GetUtcNow().UtcDateTime;
                return expires is { } exp && exp + skew > now && (notBefore is not { } nbf || nbf - skew <= now);
            },
            NameClaimType = "sub",
            RoleClaimType = "role",
            TryAllIssuerSigningKeys = false,
        });
    }
}
