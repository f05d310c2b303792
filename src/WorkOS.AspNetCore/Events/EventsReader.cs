using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using WorkOS.AspNetCore.Api;
using WorkOS.AspNetCore.Diagnostics;
using WorkOS.AspNetCore.Webhooks;

namespace WorkOS.AspNetCore.Events;

/// <summary>
/// Polls <c>GET /events</c> on the app's <see cref="TimeProvider"/> and queues each event on <see cref="WebhookQueue"/>,
/// so the webhook handlers run for it (deduplicated by event id, retried). Reads page after page from the stored cursor
/// until a short page, then waits <see cref="WorkOSEventsReaderOptions.PollInterval"/>. The cursor moves only once every
/// event of a page is queued; a failure leaves it where it was, logs, and backs off. Each instance polls; the shared
/// deduplication store keeps an event handled at most once.
/// </summary>
internal sealed class EventsReader(
    WebhookQueue queue,
    IWorkOSEventCursorStore cursors,
    IHttpClientFactory httpClientFactory,
    IOptionsMonitor<WorkOSClientOptions> client,
    IOptions<WorkOSEventsReaderOptions> options,
    TimeProvider timeProvider,
    ILogger<EventsReader> logger) : BackgroundService
{
    /// <summary>The key the cursor is stored under.</summary>
    public const string CursorKey = "workos:events-cursor";

    /// <summary>The longest wait after failures in a row (unless the poll interval is longer).</summary>
    public static readonly TimeSpan MaxBackoff = TimeSpan.FromMinutes(15);

    /// <summary>The wait after WorkOS refused the key or the request: a configuration error, retried slowly.</summary>
    public static readonly TimeSpan RefusedRetryDelay = TimeSpan.FromMinutes(5);

    private static readonly WorkOSEndpoint ListEvents = new("WorkOS list events", "/events");

    private readonly WorkOSEventsReaderOptions _options = options.Value;
    private int _failures;
    private int _limit = options.Value.PageSize;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var startedAt = timeProvider.GetUtcNow();
        logger.Started(string.Join(", ", _options.Events), _options.PollInterval,
            _options.StartFrom == WorkOSEventsStart.Now ? "now, unless a cursor is stored" : "the oldest event, unless a cursor is stored");
        try
        {
            while (true)
            {
                TimeSpan wait;
                try
                {
                    wait = await PollAsync(startedAt, stoppingToken).ConfigureAwait(false);
                }
                catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
                {
                    // Whatever else a poll throws (a handler of the app's HTTP client, say) must not stop the app's host.
                    wait = Backoff();
                    logger.PollCrashed(exception.GetType().Name, wait, exception);
                }

                await Task.Delay(wait, timeProvider, stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>Reads every page there is; returns how long to wait before the next poll.</summary>
    internal async Task<TimeSpan> PollAsync(DateTimeOffset startedAt, CancellationToken cancellationToken)
    {
        var settings = client.CurrentValue;
        if (string.IsNullOrEmpty(settings.ApiKey))
        {
            var slow = Slow();
            logger.NoApiKey(slow);
            return slow;
        }

        string? cursor;
        try
        {
            cursor = await cursors.GetAsync(CursorKey, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            var backoff = Backoff();
            logger.CursorStoreFailed("read", backoff, exception);
            return backoff;
        }

        var api = WorkOSApiSettings.From(settings);
        var http = WorkOSApiClient.Create(httpClientFactory, api, logger, timeProvider);
        while (true)
        {
            var limit = _limit;
            WorkOSList<WorkOSEvent> page;
            try
            {
                using var request = ListEvents.Tag(new HttpRequestMessage(HttpMethod.Get, api.Url(PathFor(cursor, startedAt, limit))));
                page = await http.SendAsync(request, EventsJsonContext.Default.WorkOSListWorkOSEvent, authenticated: true, cancellationToken)
                    .ConfigureAwait(false);
            }
            catch (WorkOSApiException exception)
            {
                return Failed(exception, cursor, limit);
            }

            if (Malformed(page) is { } reason)
            {
                var backoff = Backoff();
                logger.MalformedPage(reason, cursor ?? "(none)", backoff);
                return backoff;
            }

            foreach (var workOSEvent in page.Data)
            {
                if (!queue.TryEnqueue(workOSEvent))
                {
                    logger.QueueFull(queue.Capacity, workOSEvent.Id, workOSEvent.Event);
                    await queue.EnqueueAsync(workOSEvent, cancellationToken).ConfigureAwait(false);
                }
            }

            if (page.Data.Count > 0)
            {
                cursor = page.Data[^1].Id;
                try
                {
                    await cursors.SetAsync(CursorKey, cursor, cancellationToken).ConfigureAwait(false);
                }
                catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                {
                    // The events are queued; read again from the stored cursor, the deduplication skips the repeats.
                    var backoff = Backoff();
                    logger.CursorStoreFailed("write", backoff, exception);
                    return backoff;
                }

                logger.PageQueued(page.Data.Count, cursor);
            }

            _failures = 0;
            _limit = _options.PageSize;
            if (page.Data.Count < limit)
            {
                return _options.PollInterval;
            }
        }
    }

    private string PathFor(string? cursor, DateTimeOffset startedAt, int limit)
    {
        var path = new StringBuilder("events?events=")
            .Append(Uri.EscapeDataString(string.Join(',', _options.Events)))
            .Append("&order=asc&limit=")
            .Append(limit.ToString(CultureInfo.InvariantCulture));
        if (cursor is not null)
        {
            path.Append("&after=").Append(Uri.EscapeDataString(cursor));
        }
        else if (_options.StartFrom == WorkOSEventsStart.Now)
        {
            path.Append("&range_start=").Append(Uri.EscapeDataString(startedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture)));
        }

        return path.ToString();
    }

    private static string? Malformed(WorkOSList<WorkOSEvent> page)
    {
        if (page.Data is null)
        {
            return "no data";
        }

        return page.Data.Any(e => e is null || string.IsNullOrEmpty(e.Id) || string.IsNullOrEmpty(e.Event))
            ? "an event without an id or a type"
            : null;
    }

    private TimeSpan Failed(WorkOSApiException exception, string? cursor, int limit)
    {
        var at = cursor ?? "(none)";
        if (exception.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
        {
            var slow = Slow();
            logger.ApiKeyRefused((int)exception.StatusCode, at, slow);
            return slow;
        }

        if (!exception.IsTransient)
        {
            var slow = Slow();
            logger.RequestRefused((int)exception.StatusCode!, exception.ErrorCode ?? "no code", exception.Message, at, slow);
            return slow;
        }

        if (exception.ErrorCode == "response_too_large" && limit > 1)
        {
            _limit = Math.Max(1, limit / 2);
            logger.PageTooLarge(limit, _limit);
        }

        var backoff = Backoff();
        if (exception.StatusCode == HttpStatusCode.TooManyRequests && exception.RetryAfter is { } retryAfter && retryAfter > backoff)
        {
            backoff = retryAfter;
        }

        var reason = exception.StatusCode is { } status
            ? $"{(int)status}{(exception.ErrorCode is { } code ? " " + code : "")}"
            : exception.ErrorCode ?? "no answer";
        logger.PollFailed(reason, at, backoff, exception.StatusCode is null ? exception : null);
        return backoff;
    }

    /// <summary>Twice the poll interval after one failure, doubling after each, at most <see cref="MaxBackoff"/> (or the poll interval when longer).</summary>
    private TimeSpan Backoff()
    {
        _failures = Math.Min(_failures + 1, 16);
        var cap = _options.PollInterval > MaxBackoff ? _options.PollInterval : MaxBackoff;
        var delay = _options.PollInterval * Math.Pow(2, _failures);
        return delay > cap ? cap : delay;
    }

    private TimeSpan Slow() => _options.PollInterval > RefusedRetryDelay ? _options.PollInterval : RefusedRetryDelay;
}
