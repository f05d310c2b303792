using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace WorkOS.AspNetCore.Webhooks;

/// <summary>Registers the handlers verified WorkOS events are given, returned by <c>AddWorkOSWebhooks()</c>.</summary>
public sealed class WorkOSWebhookBuilder
{
    internal WorkOSWebhookBuilder(IServiceCollection services) => Services = services;

    /// <summary>The app's services.</summary>
    public IServiceCollection Services { get; }

    /// <summary>
    /// Runs <paramref name="handler"/> for each event of type <paramref name="eventType"/>, with its data read as
    /// <typeparamref name="TData"/>: <see cref="WorkOSSessionEventData"/>, <see cref="Api.WorkOSUser"/>,
    /// <see cref="WorkOSOrganizationMembershipEventData"/>, <see cref="WorkOSOrganizationEventData"/>,
    /// <see cref="WorkOSDirectoryUserEventData"/>, <see cref="WorkOSDirectoryGroupEventData"/>,
    /// <see cref="WorkOSDirectoryGroupMembershipEventData"/>, <see cref="WorkOSRoleEventData"/>,
    /// <see cref="WorkOSInvitationEventData"/>, <see cref="WorkOSAuthenticationEventData"/> or
    /// <see cref="WorkOSConnectionEventData"/>. For other types, use the <see cref="WorkOSEvent"/> overload and read
    /// <see cref="WorkOSEvent.Data"/>.
    /// </summary>
    /// <exception cref="ArgumentException"><typeparamref name="TData"/> is not one of the event data types above.</exception>
    public WorkOSWebhookBuilder On<TData>(string eventType, Func<TData, CancellationToken, Task> handler)
        where TData : class
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(eventType);
        ArgumentNullException.ThrowIfNull(handler);
        if (typeof(TData) == typeof(WorkOSEvent) || WebhookJsonContext.Default.GetTypeInfo(typeof(TData)) is not JsonTypeInfo<TData> typeInfo)
        {
            throw new ArgumentException($"{typeof(TData).Name} is not a WorkOS event data type; use On(eventType, (WorkOSEvent e, CancellationToken ct) => ...) and read e.Data.", nameof(TData));
        }

        return Add(new WebhookHandlerRegistration(eventType, $"{eventType} ({typeof(TData).Name})", (_, e, ct) =>
            handler(e.Data.Deserialize(typeInfo) ?? throw new JsonException($"The data of {e.Event} is null."), ct)));
    }

    /// <summary>Runs <paramref name="handler"/> for each event of type <paramref name="eventType"/>, known to the library or not.</summary>
    public WorkOSWebhookBuilder On(string eventType, Func<WorkOSEvent, CancellationToken, Task> handler)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(eventType);
        ArgumentNullException.ThrowIfNull(handler);
        return Add(new WebhookHandlerRegistration(eventType, eventType, (_, e, ct) => handler(e, ct)));
    }

    /// <summary>Runs <paramref name="handler"/> for every event, including types this library does not know.</summary>
    public WorkOSWebhookBuilder OnAny(Func<WorkOSEvent, CancellationToken, Task> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        return Add(new WebhookHandlerRegistration(null, "any event", (_, e, ct) => handler(e, ct)));
    }

    /// <summary>Gives every event to <typeparamref name="THandler"/>, resolved (scoped) from the app's services for each event.</summary>
    public WorkOSWebhookBuilder AddHandler<THandler>()
        where THandler : class, IWorkOSEventHandler
    {
        Services.TryAddScoped<THandler>();
        return Add(new WebhookHandlerRegistration(null, typeof(THandler).Name, (services, e, ct) =>
            services.GetRequiredService<THandler>().HandleAsync(e, ct)));
    }

    private WorkOSWebhookBuilder Add(WebhookHandlerRegistration registration)
    {
        Services.AddSingleton(registration);
        return this;
    }
}
