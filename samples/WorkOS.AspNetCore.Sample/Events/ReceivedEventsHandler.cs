using WorkOS.AspNetCore.Webhooks;

namespace WorkOS.AspNetCore.Sample.Events;

/// <summary>Keeps every verified event for the events page.</summary>
public sealed class ReceivedEventsHandler(ReceivedEvents events) : IWorkOSEventHandler
{
    public Task HandleAsync(WorkOSEvent workOSEvent, CancellationToken cancellationToken) => events.AddAsync(workOSEvent, cancellationToken);
}
