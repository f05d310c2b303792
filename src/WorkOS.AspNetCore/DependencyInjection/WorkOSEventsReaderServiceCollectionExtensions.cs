using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using WorkOS.AspNetCore;
using WorkOS.AspNetCore.Api;
using WorkOS.AspNetCore.Events;
using WorkOS.AspNetCore.Webhooks;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the WorkOS Events API reader: events by polling, for apps that cannot receive webhooks.</summary>
public static class WorkOSEventsReaderServiceCollectionExtensions
{
    /// <summary>
    /// Adds a hosted service that polls WorkOS's <c>GET /events</c> with the API key of <see cref="WorkOSClientOptions"/>
    /// and gives each event to the handlers registered on the returned builder, the same handlers (deduplicated by event
    /// id, retried) the webhook endpoint of <c>AddWorkOSWebhooks</c> feeds. Options are bound from <c>WorkOS:Events</c>
    /// and validated at start. The cursor is kept by <see cref="IWorkOSEventCursorStore"/>: by default in the app's
    /// <c>IDistributedCache</c>, so with a shared cache (Redis) it survives restarts and is shared by instances; register
    /// your own store before or after this call to keep it elsewhere. Every instance polls; the deduplication store
    /// keeps each event handled once when the instances share the cache.
    /// </summary>
    /// <returns>A builder for the handlers: <see cref="WorkOSWebhookBuilder.On{TData}"/>, <see cref="WorkOSWebhookBuilder.AddHandler{THandler}"/>.</returns>
    public static WorkOSWebhookBuilder AddWorkOSEventsReader(this IServiceCollection services, Action<WorkOSEventsReaderOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddWorkOSHttpClient();
        WorkOSClientOptionsSetup.Register(services);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IConfigureOptions<WorkOSEventsReaderOptions>, WorkOSEventsReaderOptionsSetup>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<WorkOSEventsReaderOptions>, WorkOSEventsReaderOptionsValidator>());
        var optionsBuilder = services.AddOptions<WorkOSEventsReaderOptions>().ValidateOnStart();
        if (configure is not null)
        {
            optionsBuilder.Configure(configure);
        }

        var builder = services.AddWorkOSEventHandlers(null);
        services.TryAddSingleton<IWorkOSEventCursorStore, DistributedEventCursorStore>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, EventsReader>());
        return builder;
    }
}
