using System.Text.Json;
using WorkOS.AspNetCore.Emulator.State;
using WorkOS.AspNetCore.Emulator.Wire;

namespace WorkOS.AspNetCore.Emulator.Events;

/// <summary>
/// Every event the emulator raised, oldest first, for <c>GET /events</c>: the same envelope (and event id) its webhook
/// deliveries carry. Bounded: beyond <see cref="Capacity"/> events the oldest are dropped, as WorkOS drops events after
/// 30 days.
/// </summary>
internal sealed class EventLog(TimeProvider time)
{
    /// <summary>How many events are kept.</summary>
    public const int Capacity = 10_000;

    private readonly Lock _gate = new();
    private readonly List<LoggedEvent> _events = [];

    /// <summary>Builds the envelope of a new event, keeps it, and returns it for the webhook deliveries.</summary>
    public EventDto Append(string eventType, JsonElement data)
    {
        var now = time.GetUtcNow();
        var envelope = new EventDto("event", IdGenerator.NewId("event_", now), eventType, data, WireTime.Format(now));
        var organizationId = data.ValueKind == JsonValueKind.Object && data.TryGetProperty("organization_id", out var org)
            && org.ValueKind == JsonValueKind.String ? org.GetString() : null;
        lock (_gate)
        {
            _events.Add(new LoggedEvent(envelope, now, organizationId));
            if (_events.Count > Capacity)
            {
                _events.RemoveRange(0, _events.Count - Capacity);
            }
        }

        return envelope;
    }

    /// <summary>The events kept, oldest first.</summary>
    public IReadOnlyList<LoggedEvent> Snapshot()
    {
        lock (_gate)
        {
            return [.. _events];
        }
    }
}

/// <summary>An event as kept: its envelope, when it was raised, and the organization its data names, if any.</summary>
internal sealed record LoggedEvent(EventDto Envelope, DateTimeOffset CreatedAt, string? OrganizationId);
