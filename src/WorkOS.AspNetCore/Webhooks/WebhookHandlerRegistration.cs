namespace WorkOS.AspNetCore.Webhooks;

/// <summary>One handler: the event type it is for (null for every type), a name for logs, and how to run it.</summary>
internal sealed record WebhookHandlerRegistration(
    string? EventType,
    string Name,
    Func<IServiceProvider, WorkOSEvent, CancellationToken, Task> InvokeAsync)
{
    public bool Handles(string eventType) => EventType is null || string.Equals(EventType, eventType, StringComparison.Ordinal);
}
