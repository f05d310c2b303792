using System.Threading.Channels;
using Microsoft.Extensions.Options;

namespace WorkOS.AspNetCore.Webhooks;

/// <summary>The bounded in-process queue between the endpoint (writer) and <see cref="WebhookDispatcher"/> (reader).</summary>
internal sealed class WebhookQueue(IOptions<WorkOSWebhookOptions> options)
{
    private readonly Channel<WorkOSEvent> _channel = Channel.CreateBounded<WorkOSEvent>(
        new BoundedChannelOptions(options.Value.QueueCapacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });

    public int Capacity { get; } = options.Value.QueueCapacity;

    public ChannelReader<WorkOSEvent> Reader => _channel.Reader;

    /// <summary>Queues the event, or answers false at once when the queue is full.</summary>
    public bool TryEnqueue(WorkOSEvent workOSEvent) => _channel.Writer.TryWrite(workOSEvent);

    /// <summary>Queues the event, waiting while the queue is full.</summary>
    public ValueTask EnqueueAsync(WorkOSEvent workOSEvent, CancellationToken cancellationToken) => _channel.Writer.WriteAsync(workOSEvent, cancellationToken);
}
