using System.Text.Json;

namespace WorkOS.AspNetCore.Emulator;

public sealed partial class WorkOSEmulator
{
    /// <summary>
    /// Raises an event as if the emulator's data had changed: it is kept for <c>GET /events</c> and delivered to the
    /// webhook endpoints. For tests of event types the emulator does not raise itself, and of long event lists.
    /// </summary>
    /// <returns>The event id.</returns>
    internal string RaiseEvent(string eventType, JsonElement data)
    {
        var envelope = _core.Events.Append(eventType, data);
        _core.Webhooks.Publish(envelope);
        return envelope.Id;
    }
}
