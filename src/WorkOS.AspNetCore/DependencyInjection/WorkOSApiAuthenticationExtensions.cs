using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using WorkOS.AspNetCore;
using WorkOS.AspNetCore.Api;
using WorkOS.AspNetCore.ApiKeys;
using WorkOS.AspNetCore.Bearer;
using WorkOS.AspNetCore.Tokens;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the schemes that authenticate API calls: AuthKit access tokens and WorkOS API keys.</summary>
public static class WorkOSApiAuthenticationExtensions
{
    /// <summary>
    /// Adds the bearer scheme (<see cref="WorkOSBearerDefaults.AuthenticationScheme"/>): ASP.NET's <c>JwtBearer</c> handler
    /// accepting AuthKit access tokens sent as <c>Authorization: Bearer</c>, verified against the client's cached JWKS
    /// (shared with the AuthKit scheme), with the same claims as a session. Binds the scheme's settings from the
    /// <c>WorkOS</c> configuration section and <c>WorkOS:Bearer</c>; the client id, base URL and issuers left unset come
    /// from <see cref="WorkOSClientOptions"/>, in whatever order the schemes are added and with or without AuthKit.
    /// </summary>
    /// <param name="builder">The authentication builder.</param>
    /// <param name="configure">Configures the scheme, after configuration values.</param>
    /// <returns>The builder.</returns>
    public static AuthenticationBuilder AddWorkOSBearer(this AuthenticationBuilder builder, Action<WorkOSBearerOptions>? configure = null) =>
        builder.AddWorkOSBearer(WorkOSBearerDefaults.AuthenticationScheme, configure);

    /// <summary>Adds the bearer scheme under a custom name. See <see cref="AddWorkOSBearer(AuthenticationBuilder, Action{WorkOSBearerOptions}?)"/>.</summary>
    /// <param name="builder">The authentication builder.</param>
    /// <param name="authenticationScheme">The scheme name.</param>
    /// <param name="configure">Configures the scheme, after configuration values.</param>
    /// <returns>The builder.</returns>
    public static AuthenticationBuilder AddWorkOSBearer(this AuthenticationBuilder builder, string authenticationScheme,
        Action<WorkOSBearerOptions>? configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrEmpty(authenticationScheme);
        var services = builder.Services;
        AddShared(services);
        services.TryAddSingleton<AccessTokenValidators>();
        services.AddSingleton<IConfigureOptions<WorkOSBearerOptions>>(sp =>
            new WorkOSSchemeConfigurationBinder<WorkOSBearerOptions>(sp, authenticationScheme, WorkOSBearerDefaults.ConfigurationSection));
        WorkOSClientOptionsSetup.FollowClientOptions<WorkOSBearerOptions>(services, authenticationScheme);
        WorkOSClientOptionsSetup.FollowClientOptions<JwtBearerOptions>(services, authenticationScheme);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IPostConfigureOptions<WorkOSBearerOptions>, WorkOSBearerPostConfigure>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<WorkOSBearerOptions>, WorkOSBearerOptionsValidator>());
        var bearerOptions = services.AddOptions<WorkOSBearerOptions>(authenticationScheme);
        if (configure is not null)
        {
            bearerOptions.Configure(configure);
        }

        bearerOptions.ValidateOnStart();
        services.AddSingleton<IConfigureOptions<JwtBearerOptions>>(sp => new WorkOSJwtBearerSetup(authenticationScheme, sp));
        return builder.AddJwtBearer(authenticationScheme, WorkOSBearerDefaults.DisplayName, _ => { });
    }

    /// <summary>
    /// Adds the API key scheme (<see cref="WorkOSApiKeyDefaults.AuthenticationScheme"/>): keys WorkOS issued to your
    /// customers, sent in <c>X-Api-Key</c> or as <c>Authorization: Bearer</c>, checked with WorkOS and cached by hash.
    /// The principal carries the owner (<c>org_id</c> or <c>sub</c>) and the key's permissions under the same claim types
    /// as a user's token. Binds the scheme's settings from the <c>WorkOS</c> configuration section and
    /// <c>WorkOS:ApiKeys</c>; the API key and base URL left unset come from <see cref="WorkOSClientOptions"/>.
    /// </summary>
    /// <param name="builder">The authentication builder.</param>
    /// <param name="configure">Configures the scheme, after configuration values.</param>
    /// <returns>The builder.</returns>
    public static AuthenticationBuilder AddWorkOSApiKey(this AuthenticationBuilder builder, Action<WorkOSApiKeyOptions>? configure = null) =>
        builder.AddWorkOSApiKey(WorkOSApiKeyDefaults.AuthenticationScheme, configure);

    /// <summary>Adds the API key scheme under a custom name. See <see cref="AddWorkOSApiKey(AuthenticationBuilder, Action{WorkOSApiKeyOptions}?)"/>.</summary>
    /// <param name="builder">The authentication builder.</param>
    /// <param name="authenticationScheme">The scheme name.</param>
    /// <param name="configure">Configures the scheme, after configuration values.</param>
    /// <returns>The builder.</returns>
    public static AuthenticationBuilder AddWorkOSApiKey(this AuthenticationBuilder builder, string authenticationScheme,
        Action<WorkOSApiKeyOptions>? configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrEmpty(authenticationScheme);
        var services = builder.Services;
        AddShared(services);
        if (!services.Any(d => d.ServiceType == typeof(IHybridCacheSerializer<ApiKeyAnswer>)))
        {
            services.AddHybridCache().AddSerializer<ApiKeyAnswer, ApiKeyAnswerSerializer>();
        }

        services.TryAddSingleton<ApiKeyValidators>();
        services.AddSingleton<IConfigureOptions<WorkOSApiKeyOptions>>(sp =>
            new WorkOSSchemeConfigurationBinder<WorkOSApiKeyOptions>(sp, authenticationScheme, WorkOSApiKeyDefaults.ConfigurationSection));
        WorkOSClientOptionsSetup.FollowClientOptions<WorkOSApiKeyOptions>(services, authenticationScheme);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IPostConfigureOptions<WorkOSApiKeyOptions>, WorkOSApiKeyPostConfigure>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<WorkOSApiKeyOptions>, WorkOSApiKeyOptionsValidator>());
        services.AddOptions<WorkOSApiKeyOptions>(authenticationScheme).ValidateOnStart();
        return builder.AddScheme<WorkOSApiKeyOptions, WorkOSApiKeyHandler>(authenticationScheme, WorkOSApiKeyDefaults.DisplayName, configure);
    }

    /// <summary>
    /// Adds the bearer and API key schemes, and the policy scheme <see cref="WorkOSBearerDefaults.ApiAuthenticationScheme"/>
    /// that sends each request to the right one: the API key header, or a bearer credential that is not a JWT, to the
    /// API key scheme; a JWT to the bearer scheme. Protect endpoints that accept either with
    /// <c>[Authorize(AuthenticationSchemes = WorkOSBearerDefaults.ApiAuthenticationScheme)]</c>.
    /// </summary>
    /// <param name="builder">The authentication builder.</param>
    /// <param name="configureBearer">Configures the bearer scheme.</param>
    /// <param name="configureApiKey">Configures the API key scheme.</param>
    /// <param name="sessionScheme">
    /// A cookie scheme (such as <see cref="WorkOSAuthKitDefaults.CookieScheme"/>) to use for requests that carry neither
    /// credential but do carry its cookie, so the app's own pages can call the same endpoints. Off by default: endpoints
    /// that accept cookies need antiforgery protection for unsafe methods.
    /// </param>
    /// <returns>The builder.</returns>
    public static AuthenticationBuilder AddWorkOSApiSchemes(this AuthenticationBuilder builder, Action<WorkOSBearerOptions>? configureBearer = null,
        Action<WorkOSApiKeyOptions>? configureApiKey = null, string? sessionScheme = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddWorkOSBearer(configureBearer);
        builder.AddWorkOSApiKey(configureApiKey);
        return builder.AddPolicyScheme(WorkOSBearerDefaults.ApiAuthenticationScheme, "WorkOS access token or API key", options =>
        {
            options.ForwardDefault = WorkOSBearerDefaults.AuthenticationScheme;
            options.ForwardDefaultSelector = context => ApiSchemeSelector.Select(context, WorkOSBearerDefaults.AuthenticationScheme,
                WorkOSApiKeyDefaults.AuthenticationScheme, sessionScheme);
        });
    }

    private static void AddShared(IServiceCollection services)
    {
        services.AddWorkOSHttpClient();
        WorkOSClientOptionsSetup.Register(services);
        services.TryAddSingleton(TimeProvider.System);
    }
}
