using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using WorkOS.AspNetCore;
using WorkOS.AspNetCore.Api;
using WorkOS.AspNetCore.Sso;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers standalone WorkOS SSO sign-in (and Magic Link) for apps with their own users.</summary>
public static class WorkOSSsoAuthenticationBuilderExtensions
{
    /// <summary>
    /// Adds the WorkOS SSO scheme named <see cref="WorkOSSsoDefaults.AuthenticationScheme"/>. The signed-in profile goes
    /// to the app's default sign-in scheme (usually its cookie) unless <see cref="RemoteAuthenticationOptions.SignInScheme"/>
    /// is set. The client settings come from <see cref="WorkOSClientOptions"/>; values set on the scheme override them.
    /// </summary>
    /// <param name="builder">The authentication builder.</param>
    /// <param name="configure">Configures the scheme.</param>
    /// <returns>The authentication builder.</returns>
    public static AuthenticationBuilder AddWorkOSSso(this AuthenticationBuilder builder, Action<WorkOSSsoOptions>? configure = null) =>
        builder.AddWorkOSSso(WorkOSSsoDefaults.AuthenticationScheme, configure);

    /// <summary>
    /// Adds a WorkOS SSO scheme with a custom name. Also registers <see cref="WorkOSMagicLink"/> for it (as a keyed
    /// service named for the scheme, and unkeyed for the first scheme added).
    /// </summary>
    /// <param name="builder">The authentication builder.</param>
    /// <param name="authenticationScheme">The scheme name.</param>
    /// <param name="configure">Configures the scheme.</param>
    /// <returns>The authentication builder.</returns>
    public static AuthenticationBuilder AddWorkOSSso(this AuthenticationBuilder builder, string authenticationScheme, Action<WorkOSSsoOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrEmpty(authenticationScheme);
        var services = builder.Services;
        services.AddWorkOSHttpClient();
        WorkOSClientOptionsSetup.Register(services);
        WorkOSClientOptionsSetup.FollowClientOptions<WorkOSSsoOptions>(services, authenticationScheme);
        services.TryAddSingleton(TimeProvider.System);
        services.AddHttpContextAccessor();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IPostConfigureOptions<WorkOSSsoOptions>, WorkOSSsoPostConfigureOptions>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<WorkOSSsoOptions>, WorkOSSsoOptionsValidator>());
        services.AddOptions<WorkOSSsoOptions>(authenticationScheme).ValidateOnStart();
        services.AddKeyedSingleton(authenticationScheme, (sp, _) => CreateMagicLink(sp, authenticationScheme));
        services.TryAddSingleton(sp => CreateMagicLink(sp, authenticationScheme));
        return builder.AddRemoteScheme<WorkOSSsoOptions, WorkOSSsoHandler>(authenticationScheme, WorkOSSsoDefaults.DisplayName, configure);
    }

    private static WorkOSMagicLink CreateMagicLink(IServiceProvider services, string scheme) =>
        new(scheme, services.GetRequiredService<IOptionsMonitor<WorkOSSsoOptions>>(), services.GetRequiredService<IHttpClientFactory>(),
            services.GetService<IHttpContextAccessor>(), services.GetService<TimeProvider>(), services.GetService<ILoggerFactory>());
}
