using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using WorkOS.AspNetCore.Webhooks;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the WorkOS webhook endpoint's services and the handlers of verified events.</summary>
public static class WorkOSWebhookServiceCollectionExtensions
{
    /// <summary>
    /// Adds what <c>MapWorkOSWebhooks</c> needs: options bound from <c>WorkOS:Webhooks</c> (and <c>WORKOS_WEBHOOK_SECRET</c>),
    /// validated at start, the bounded handler queue and the hosted service that drains it, and an in-memory
    /// <c>IDistributedCache</c> for event deduplication unless the app registered its own.
    /// </summary>
    /// <returns>A builder for the handlers: <see cref="WorkOSWebhookBuilder.On{TData}"/>, <see cref="WorkOSWebhookBuilder.AddHandler{THandler}"/>.</returns>
    public static WorkOSWebhookBuilder AddWorkOSWebhooks(this IServiceCollection services, Action<WorkOSWebhookOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton<WebhookEndpointEnabled>();
        return services.AddWorkOSEventHandlers(configure);
    }

    /// <summary>
    /// What every source of events shares (the webhook endpoint and the events reader): the options, the handler queue
    /// and its dispatcher, the deduplication cache and the built-in handlers. Idempotent.
    /// </summary>
    internal static WorkOSWebhookBuilder AddWorkOSEventHandlers(this IServiceCollection services, Action<WorkOSWebhookOptions>? configure)
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IConfigureOptions<WorkOSWebhookOptions>, WorkOSWebhookOptionsSetup>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<WorkOSWebhookOptions>, WorkOSWebhookOptionsValidator>());
        var optionsBuilder = services.AddOptions<WorkOSWebhookOptions>().ValidateOnStart();
        if (configure is not null)
        {
            optionsBuilder.Configure(configure);
        }

        services.TryAddSingleton(TimeProvider.System);
        services.AddDistributedMemoryCache();
        services.TryAddSingleton<IWebhookEventClaim, DistributedCacheWebhookEventClaim>();
        services.TryAddSingleton<WebhookQueue>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, WebhookDispatcher>());
        SessionRevocationHandler.Register(services);
        return new WorkOSWebhookBuilder(services);
    }
}
