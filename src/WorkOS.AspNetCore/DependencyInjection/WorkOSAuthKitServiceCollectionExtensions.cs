using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using WorkOS.AspNetCore;
using WorkOS.AspNetCore.Api;
using WorkOS.AspNetCore.Authentication;
using WorkOS.AspNetCore.Session;
using WorkOS.AspNetCore.SignIn;
using WorkOS.AspNetCore.Tokens;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers WorkOS AuthKit sign-in.</summary>
public static class WorkOSAuthKitServiceCollectionExtensions
{
    /// <summary>
    /// Adds WorkOS AuthKit sign-in with the default scheme names, binding the scheme's settings from the <c>WorkOS</c>
    /// configuration section (CallbackPath, RedirectUri, Cookie, ...; <c>WORKOS_REDIRECT_URI</c> when RedirectUri is
    /// unset). The client settings (ClientId, ApiKey, ApiBaseUrl, ...) come from <see cref="WorkOSClientOptions"/>, bound
    /// from the same section and the <c>WORKOS_*</c> variables. Makes the session cookie the default scheme and AuthKit
    /// the challenge.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="configuration">The app configuration.</param>
    /// <param name="configure">Further configuration, applied after the configuration values.</param>
    /// <returns>The authentication builder, to add more schemes.</returns>
    public static AuthenticationBuilder AddWorkOSAuthKit(this IServiceCollection services, IConfiguration configuration,
        Action<WorkOSAuthKitOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(WorkOSAuthKitDefaults.ConfigurationSection);
        WorkOSClientOptionsSetup.Register(services, configuration);
        var builder = services.AddWorkOSAuthKit(options =>
        {
            WorkOSSchemeConfigurationBinder<WorkOSAuthKitOptions>.Bind(section, options);
            configure?.Invoke(options);
        });

        // After the library's cookie defaults, so configured values win; HttpOnly stays on whatever is configured.
        services.AddOptions<CookieAuthenticationOptions>(WorkOSAuthKitDefaults.CookieScheme)
            .Configure(cookie =>
            {
                section.GetSection("Cookie").Bind(cookie.Cookie);
                cookie.Cookie.HttpOnly = true;
            });
        return builder;
    }

    /// <summary>
    /// Adds WorkOS AuthKit sign-in with the default scheme names. The client settings come from
    /// <see cref="WorkOSClientOptions"/> (the <c>WorkOS</c> section and <c>WORKOS_*</c> variables of the app's
    /// configuration); values set on the scheme override them. Makes the session cookie the default scheme and AuthKit
    /// the challenge.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="configure">Configures the scheme.</param>
    /// <returns>The authentication builder, to add more schemes.</returns>
    public static AuthenticationBuilder AddWorkOSAuthKit(this IServiceCollection services, Action<WorkOSAuthKitOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var builder = services.AddAuthentication(options =>
        {
            options.DefaultScheme = WorkOSAuthKitDefaults.CookieScheme;
            options.DefaultSignInScheme = WorkOSAuthKitDefaults.CookieScheme;
            options.DefaultChallengeScheme = WorkOSAuthKitDefaults.AuthenticationScheme;
        });
        return builder.AddWorkOSAuthKit(WorkOSAuthKitDefaults.AuthenticationScheme, WorkOSAuthKitDefaults.CookieScheme, configure);
    }

    /// <summary>
    /// Adds the WorkOS AuthKit remote scheme and the cookie scheme that holds its sessions, with custom names.
    /// Sets no default schemes. The client settings come from <see cref="WorkOSClientOptions"/>; values set on the
    /// scheme override them. Also registers <see cref="WorkOSSignInManager"/> for the scheme (as a keyed service named for
    /// the scheme, and unkeyed for the first scheme added).
    /// </summary>
    /// <param name="builder">The authentication builder.</param>
    /// <param name="authenticationScheme">The name of the remote (AuthKit) scheme.</param>
    /// <param name="cookieScheme">The name of the session cookie scheme.</param>
    /// <param name="configure">Configures the remote scheme.</param>
    /// <param name="configureCookie">Configures the session cookie scheme, after the library's defaults.</param>
    /// <returns>The authentication builder.</returns>
    public static AuthenticationBuilder AddWorkOSAuthKit(this AuthenticationBuilder builder, string authenticationScheme,
        string cookieScheme, Action<WorkOSAuthKitOptions>? configure = null, Action<CookieAuthenticationOptions>? configureCookie = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrEmpty(authenticationScheme);
        ArgumentException.ThrowIfNullOrEmpty(cookieScheme);
        var services = builder.Services;

        services.AddWorkOSHttpClient();
        WorkOSClientOptionsSetup.Register(services);
        WorkOSClientOptionsSetup.FollowClientOptions<WorkOSAuthKitOptions>(services, authenticationScheme);
        services.AddWorkOSAuthorizationCore();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<AccessTokenValidators>();
        services.TryAddSingleton<IHostedSignInSteps, HostedSignInSteps>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IPostConfigureOptions<WorkOSAuthKitOptions>, WorkOSAuthKitPostConfigureOptions>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<WorkOSAuthKitOptions>, WorkOSAuthKitOptionsValidator>());
        services.AddOptions<WorkOSAuthKitOptions>(authenticationScheme).ValidateOnStart();

        services.TryAddSingleton<ISessionRefreshCoordinator>(sp => new InProcessSessionRefreshCoordinator(
            new RefreshResultStore(sp.GetRequiredService<IDataProtectionProvider>(), sp.GetRequiredService<TimeProvider>())));
        services.TryAddSingleton<ISessionSettingsSource, AuthKitSessionSettings>();
        RevokedSessionStoreRegistration.TryAdd(services);
        services.TryAddSingleton<SessionRevoker>();
        services.TryAddSingleton<SessionRefresher>();
        services.TryAddSingleton<SessionCookieValidator>();
        services.TryAddSingleton<SessionOperations>();
        WorkOS.AspNetCore.Widgets.WidgetRegistration.TryAdd(services);
        services.AddHttpContextAccessor();
        services.AddAntiforgery(); // sign-out and organization switch always check it, whether or not the app uses antiforgery
        services.TryAddScoped<IWorkOSAccessTokenProvider, HttpContextAccessTokenProvider>();
        services.TryAddSingleton(sp => new WorkOSSessionService(sp.GetRequiredService<IHttpClientFactory>(),
            sp.GetRequiredService<IOptionsMonitor<WorkOSClientOptions>>(), sp.GetRequiredService<SessionRevoker>(),
            sp.GetService<ILogger<WorkOSSessionService>>(), sp.GetService<TimeProvider>()));
        services.AddSingleton(sp => new SessionCookieConfigurator(cookieScheme, authenticationScheme,
            sp.GetRequiredService<IDataProtectionProvider>(), sp.GetRequiredService<SessionCookieValidator>(), sp.GetService<IHostEnvironment>(),
            sp.GetService<ILogger<SessionTicketFormat>>(), sp.GetService<IOptionsMonitor<WorkOSAuthKitOptions>>(), sp.GetService<TimeProvider>()));
        services.AddSingleton<IConfigureOptions<CookieAuthenticationOptions>>(sp => sp.GetServices<SessionCookieConfigurator>().First(c => c.CookieScheme == cookieScheme));
        services.AddSingleton<IPostConfigureOptions<CookieAuthenticationOptions>>(sp => sp.GetServices<SessionCookieConfigurator>().First(c => c.CookieScheme == cookieScheme));
        services.AddKeyedSingleton(authenticationScheme, (sp, _) => CreateSignInManager(sp, authenticationScheme));
        services.TryAddSingleton(sp => sp.GetRequiredKeyedService<WorkOSSignInManager>(authenticationScheme));
        builder.AddCookie(cookieScheme, configureCookie ?? (_ => { }));
        services.AddOptions<CookieAuthenticationOptions>(cookieScheme)
            .Validate(cookie => cookie.TicketDataFormat is not IronSessionTicketFormat || cookie.SessionStore is null,
                "WorkOS SessionCookieFormat Iron keeps the session in the one cookie the Node libraries read; it does not combine with "
                + "server-side sessions (AddWorkOSServerSideSessions or CookieAuthenticationOptions.SessionStore): use one or the other.")
            .ValidateOnStart();
        return builder.AddRemoteScheme<WorkOSAuthKitOptions, WorkOSAuthKitHandler>(authenticationScheme, WorkOSAuthKitDefaults.DisplayName, options =>
        {
            options.SignInScheme = cookieScheme;
            configure?.Invoke(options);
        });
    }

    private static WorkOSSignInManager CreateSignInManager(IServiceProvider services, string scheme) =>
        new(new SignInFlows(scheme, services.GetRequiredService<IOptionsMonitor<WorkOSAuthKitOptions>>(), services.GetRequiredService<IHttpClientFactory>(),
            services.GetRequiredService<IDataProtectionProvider>(), services.GetRequiredService<AccessTokenValidators>(),
            services.GetRequiredService<WorkOS.AspNetCore.Diagnostics.WorkOSMetrics>(), services.GetRequiredService<IAuthenticationSchemeProvider>(),
            services.GetRequiredService<TimeProvider>(), (ILogger?)services.GetService<ILoggerFactory>()?.CreateLogger<WorkOSSignInManager>() ?? Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance));
}
