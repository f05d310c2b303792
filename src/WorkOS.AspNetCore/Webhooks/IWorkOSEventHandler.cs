namespace WorkOS.AspNetCore.Webhooks;

/// <summary>
/// Handles verified WorkOS events after the webhook endpoint answered. Registered with
/// <c>AddWorkOSWebhooks().AddHandler&lt;T&gt;()</c>; resolved in a scope per event, and given every event type.
/// </summary>
public interface IWorkOSEventHandler
{
    /// <summary>Handles one event. An exception makes the event be retried, up to <see cref="WorkOSWebhookOptions.MaxAttempts"/>.</summary>
    Task HandleAsync(WorkOSEvent workOSEvent, CancellationToken cancellationToken);
}
