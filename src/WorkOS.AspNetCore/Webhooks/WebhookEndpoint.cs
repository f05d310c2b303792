using System.Buffers;
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
        var secrets = options.Secrets.Where(s => !string.IsNullOrWhiteSpace(s)).ToArray();
        if (secrets.Length == 0)
        {
            logger.NoSecret();
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            return;
        }

        // Several headers read as one list, so a second header's timestamp makes it garbled.
        if (WebhookSignature.Parse(context.Request.Headers[WebhookSignature.HeaderName].ToString(), out var reason) is not { } signature)
        {
            logger.MalformedSignature(reason);
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        byte[]? body;
        try
        {
            body = await ReadBodyAsync(context.Request, (int)options.MaxBodySize, context.RequestAborted).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is IOException or BadHttpRequestException && !context.RequestAborted.IsCancellationRequested)
        {
            logger.BodyUnreadable(exception.GetType().Name);
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        if (body is null)
        {
            logger.BodyTooLarge(options.MaxBodySize);
            context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            return;
        }

        var now = services.GetService<TimeProvider>() ?? TimeProvider.System;
        var skew = TimeSpan.FromMilliseconds(Math.Abs((double)now.GetUtcNow().ToUnixTimeMilliseconds() - signature.UnixMilliseconds));
        if (skew > options.Tolerance)
        {
            logger.OutsideTolerance(skew, options.Tolerance);
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            return;
        }

        if (!signature.Matches(body, secrets))
        {
            logger.SignatureMismatch(secrets.Length);
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
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

    /// <summary>The body's bytes, or null when it is longer than <paramref name="limit"/> (by Content-Length, or once that many bytes arrived).</summary>
    internal static async Task<byte[]?> ReadBodyAsync(HttpRequest request, int limit, CancellationToken cancellationToken)
    {
        if (request.ContentLength is { } declared && declared > limit)
        {
            return null;
        }

        using var buffer = new MemoryStream(request.ContentLength is { } length ? (int)length : 4096);
        var chunk = ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            int read;
            while ((read = await request.Body.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
            {
                if (buffer.Length + read > limit)
                {
                    return null;
                }

                buffer.Write(chunk, 0, read);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }

        return buffer.ToArray();
    }
}
