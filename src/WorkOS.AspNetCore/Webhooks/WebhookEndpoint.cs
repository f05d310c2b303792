using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace WorkOS.AspNetCore.Webhooks;

/// <summary>
/// The webhook endpoint: reads the raw body once (bounded), verifies <c>WorkOS-Signature</c> on those bytes, and only
/// then parses the event and queues it for the handlers. Every refusal has its status and a log line.
/// </summary>
internal static class WebhookEndpoint
{
    public static async Task HandleAsync(HttpContext context)
    {
        var services = context.RequestServices;
        var options = services.GetRequiredService<IOptions<WorkOSWebhookOptions>>().Value;
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(WebhookEndpoint).FullName!);
        var read = await SignedRequestReader.ReadAsync(context, options.Secrets, options.MaxBodySize, options.Tolerance,
            services.GetService<TimeProvider>() ?? TimeProvider.System).ConfigureAwait(false);
        if (read.Body is not { } body)
        {
            LogRefusal(logger, read, options);
            context.Response.StatusCode = read.StatusCode;
            return;
        }

        WorkOSEvent? workOSEvent;
        try
        {
            workOSEvent = JsonSerializer.Deserialize(body, WebhookJsonContext.Default.WorkOSEvent);
        }
        catch (JsonException exception)
        {
            logger.NotAnEvent($"invalid JSON at {exception.Path ?? "$"}");
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        if (workOSEvent is null || string.IsNullOrEmpty(workOSEvent.Id) || string.IsNullOrEmpty(workOSEvent.Event))
        {
            logger.NotAnEvent("no id or event type");
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        var queue = services.GetRequiredService<WebhookQueue>();
        if (!queue.TryEnqueue(workOSEvent))
        {
            logger.QueueFull(workOSEvent.Id, workOSEvent.Event, queue.Capacity);
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            return;
        }

        logger.Accepted(workOSEvent.Id, workOSEvent.Event);
        context.Response.StatusCode = StatusCodes.Status200OK;
    }

    private static void LogRefusal(ILogger logger, SignedRequest read, WorkOSWebhookOptions options)
    {
        switch (read.Refusal)
        {
            case SignedRequestRefusal.NoSecret: logger.NoSecret(); break;
            case SignedRequestRefusal.Malformed: logger.MalformedSignature(read.Reason); break;
            case SignedRequestRefusal.Unreadable: logger.BodyUnreadable(read.Reason); break;
            case SignedRequestRefusal.TooLarge: logger.BodyTooLarge(options.MaxBodySize); break;
            case SignedRequestRefusal.OutsideTolerance: logger.OutsideTolerance(read.Skew, options.Tolerance); break;
            default: logger.SignatureMismatch(read.SecretCount); break;
        }
    }
}
