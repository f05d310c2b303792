namespace WorkOS.AspNetCore.Emulator;

/// <summary>A snapshot of one event's delivery to one webhook endpoint.</summary>
/// <param name="EventId">The event id (<c>event_...</c>).</param>
/// <param name="EventType">The event type, such as <c>session.created</c>.</param>
/// <param name="EndpointId">The endpoint id (<c>we_...</c>).</param>
/// <param name="EndpointUrl">The URL the event is POSTed to.</param>
/// <param name="Attempts">How many times the emulator has tried so far.</param>
/// <param name="LastStatusCode">The HTTP status of the last attempt; <see langword="null"/> before the first or when it failed without an answer.</param>
/// <param name="State">The delivery state.</param>
/// <param name="Body">The signed JSON body exactly as sent.</param>
public sealed record WebhookDelivery(
    string EventId,
    string EventType,
    string EndpointId,
    string EndpointUrl,
    int Attempts,
    int? LastStatusCode,
    WebhookDeliveryState State,
    string Body);

/// <summary>Where a <see cref="WebhookDelivery"/> stands.</summary>
public enum WebhookDeliveryState
{
    /// <summary>Not yet delivered: queued, being sent, or waiting to be retried.</summary>
    Pending,

    /// <summary>The endpoint answered with a 2xx status.</summary>
    Delivered,

    /// <summary>Every attempt failed (a non-2xx answer or no answer); the emulator gave up.</summary>
    Failed,
}
