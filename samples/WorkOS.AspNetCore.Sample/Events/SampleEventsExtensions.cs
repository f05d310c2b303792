using Microsoft.Extensions.Options;
using WorkOS.AspNetCore.Webhooks;

namespace WorkOS.AspNetCore.Sample.Events;

/// <summary>The sample's events: the webhook endpoint's handler, the last events received, and the registration with the local emulator.</summary>
public static class SampleEventsExtensions
{
    /// <summary>
    /// Adds WorkOS webhooks with a handler that keeps every event for the events page; against the local emulator, this
    /// run's generated secret is accepted and the endpoint is registered with the emulator once the app has started.
    /// </summary>
    public static IServiceCollection AddSampleEvents(this IServiceCollection services, LocalEmulatorWebhook localEmulator)
    {
        services.AddSingleton(localEmulator);
        services.AddSingleton<ReceivedEvents>();
        services.AddWorkOSWebhooks().AddHandler<ReceivedEventsHandler>();
        services.AddOptions<WorkOSWebhookOptions>().PostConfigure<IServiceProvider, IOptions<WorkOSClientOptions>>((options, sp, client) =>
        {
            if (localEmulator.AgainstEmulator(sp, client.Value) && !options.Secrets.Contains(localEmulator.Secret))
            {
                options.Secrets.Add(localEmulator.Secret);
            }
        });
        services.AddHostedService<EmulatorWebhookRegistration>();
        return services;
    }
}
