using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using WorkOS.AspNetCore;
using WorkOS.AspNetCore.Api;
using WorkOS.AspNetCore.Authorization;
using WorkOS.AspNetCore.Fga;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers WorkOS authorization: permission-named policies, WorkOS requirements and fine-grained checks.</summary>
public static class WorkOSAuthorizationServiceCollectionExtensions
{
    /// <summary>
    /// Adds WorkOS authorization and configures it. <c>AddWorkOSAuthKit</c> already adds it; call this to change the
    /// options, or in an app that only accepts WorkOS bearer tokens. Unregistered policy names shaped like a
    /// permission (<c>posts:write</c>) become permission policies; the app's other policies, default and fallback
    /// policy are unchanged. An <see cref="IAuthorizationPolicyProvider"/> the app registered before this call is
    /// kept and consulted first.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="configure">Configures the options.</param>
    /// <returns>The services.</returns>
    public static IServiceCollection AddWorkOSAuthorization(this IServiceCollection services, Action<WorkOSAuthorizationOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddWorkOSAuthorizationCore();
        if (configure is not null)
        {
            services.Configure(configure);
        }

        return services;
    }

    /// <summary>The services behind WorkOS authorization; safe to call more than once.</summary>
    internal static IServiceCollection AddWorkOSAuthorizationCore(this IServiceCollection services)
    {
        if (services.Any(d => d.ServiceType == typeof(WorkOSAuthorizationMarker)))
        {
            return services;
        }

        services.AddSingleton<WorkOSAuthorizationMarker>();
        services.AddAuthorizationCore();
        services.AddHttpContextAccessor();
        services.AddWorkOSHttpClient();
        WorkOSClientOptionsSetup.Register(services);
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<WorkOSAuthorizationOptions>()
            .Validate(o => o.CheckTimeout > TimeSpan.Zero, "WorkOSAuthorizationOptions.CheckTimeout must be positive.")
            .Validate(o => o.MembershipCacheDuration >= TimeSpan.Zero, "WorkOSAuthorizationOptions.MembershipCacheDuration must not be negative.")
            .Validate(o => o.Events is not null, "WorkOSAuthorizationOptions.Events is required.")
            .ValidateOnStart();
        services.AddOptions<FgaOptions>().Configure<IOptions<WorkOSAuthorizationOptions>>((fga, authorization) =>
        {
            var options = authorization.Value;
            fga.CheckTimeout = options.CheckTimeout;
            fga.MembershipCacheDuration = options.MembershipCacheDuration;
            fga.CheckFailed = options.Events.CheckFailed;
        });
        if (!services.Any(d => d.ServiceType == typeof(IHybridCacheSerializer<MembershipAnswer>)))
        {
            services.AddHybridCache().AddSerializer<MembershipAnswer, MembershipAnswerSerializer>();
        }

        services.TryAddSingleton<MembershipCache>();
        services.TryAddSingleton<WorkOSFgaClient>();
        services.TryAddSingleton<WorkOSCheckEvaluator>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IAuthorizationHandler, WorkOSAuthorizationHandler>());
        DecoratePolicyProvider(services);
        return services;
    }

    /// <summary>
    /// Puts <see cref="WorkOSAuthorizationPolicyProvider"/> in front of the registered policy provider (ASP.NET's
    /// default when none is registered yet), with the same lifetime, so <c>AddAuthorization()</c> called later keeps it.
    /// </summary>
    private static void DecoratePolicyProvider(IServiceCollection services)
    {
        var existing = services.LastOrDefault(d => d.ServiceType == typeof(IAuthorizationPolicyProvider) && !d.IsKeyedService);
        services.RemoveAll<IAuthorizationPolicyProvider>();
        services.Add(ServiceDescriptor.Describe(typeof(IAuthorizationPolicyProvider), sp => new WorkOSAuthorizationPolicyProvider(
                CreateInner(sp, existing),
                sp.GetRequiredService<IOptions<WorkOSAuthorizationOptions>>(),
                sp.GetRequiredService<ILogger<WorkOSAuthorizationPolicyProvider>>(),
                sp.GetServices<IPolicyNameConvention>()),
            existing?.Lifetime ?? ServiceLifetime.Singleton));
    }

    private static IAuthorizationPolicyProvider CreateInner(IServiceProvider services, ServiceDescriptor? descriptor) => descriptor switch
    {
        null => ActivatorUtilities.CreateInstance<DefaultAuthorizationPolicyProvider>(services),
        { ImplementationInstance: IAuthorizationPolicyProvider instance } => instance,
        { ImplementationFactory: { } factory } => (IAuthorizationPolicyProvider)factory(services),
        { ImplementationType: { } type } => (IAuthorizationPolicyProvider)ActivatorUtilities.CreateInstance(services, type),
        _ => ActivatorUtilities.CreateInstance<DefaultAuthorizationPolicyProvider>(services),
    };

    /// <summary>Marks the services as added.</summary>
    private sealed class WorkOSAuthorizationMarker;
}
