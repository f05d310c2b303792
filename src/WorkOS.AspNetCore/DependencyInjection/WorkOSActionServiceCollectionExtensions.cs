using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using WorkOS.AspNetCore.Actions;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers what the AuthKit Actions endpoint needs.</summary>
public static class WorkOSActionServiceCollectionExtensions
{
    /// <summary>
    /// Adds what <c>MapWorkOSActions</c> needs: options bound from <c>WorkOS:Actions</c> (and <c>WORKOS_ACTIONS_SECRET</c>),
    /// validated at start: outside Development the app does not start without a secret.
    /// </summary>
    public static IServiceCollection AddWorkOSActions(this IServiceCollection services, Action<WorkOSActionOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IConfigureOptions<WorkOSActionOptions>, WorkOSActionOptionsSetup>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<WorkOSActionOptions>, WorkOSActionOptionsValidator>());
        var optionsBuilder = services.AddOptions<WorkOSActionOptions>().ValidateOnStart();
        if (configure is not null)
        {
            optionsBuilder.Configure(configure);
        }

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ActionEndpoint>();
        return services;
    }
}
