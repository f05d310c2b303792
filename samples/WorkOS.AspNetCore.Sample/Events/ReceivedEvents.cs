using System.Text.Json;
using WorkOS.AspNetCore.Webhooks;

namespace WorkOS.AspNetCore.Sample.Events;

/// <summary>One event the sample's webhook endpoint received: what the events page shows.</summary>
public sealed record ReceivedEvent(string Type, string Id, DateTimeOffset CreatedAt, string Summary);

/// <summary>The last <see cref="Capacity"/> events received, newest first, in memory (a real app would store what it needs).</summary>
public sealed class ReceivedEvents
{
    public const int Capacity = 50;

    private readonly LinkedList<ReceivedEvent> _events = new();

    public IReadOnlyList<ReceivedEvent> Latest()
    {
        lock (_events)
        {
            return [.. _events];
        }
    }

    public Task AddAsync(WorkOSEvent workOSEvent, CancellationToken cancellationToken)
    {
        var received = new ReceivedEvent(workOSEvent.Event, workOSEvent.Id, workOSEvent.CreatedAt, Summarize(workOSEvent.Data));
        lock (_events)
        {
            _events.AddFirst(received);
            if (_events.Count > Capacity)
            {
                _events.RemoveLast();
            }
        }

        return Task.CompletedTask;
    }

    /// <summary>A line about the object the event is about: its id, and whom it concerns when the data says.</summary>
    private static string Summarize(JsonElement data)
    {
        if (data.ValueKind != JsonValueKind.Object)
        {
            return "";
        }

        string? Text(string name) => data.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
        var parts = new[]
        {
            Text("object"),
            Text("id") ?? Text("slug"),
            Text("email") is { } email ? $"email {email}" : null,
            Text("user_id") is { } user ? $"user {user}" : null,
            Text("organization_id") is { } organization ? $"organization {organization}" : null,
            (Text("status") ?? Text("state")) is { } status ? status : null,
        };
        return string.Join(" · ", parts.Where(p => !string.IsNullOrEmpty(p)));
    }
}
