using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using WorkOS.AspNetCore.Emulator.State;
using WorkOS.AspNetCore.Emulator.Wire;

namespace WorkOS.AspNetCore.Emulator.Webhooks;

/// <summary>
/// Holds the webhook endpoints and delivers each event to each of them off the request path: events are queued,
/// a background loop signs and POSTs them, and a failed attempt (a non-2xx answer or no answer) is retried with
/// doubling delays on the emulator's clock, up to <see cref="WorkOSEmulatorOptions.WebhookMaxAttempts"/>.
/// </summary>
internal sealed class WebhookDispatcher : IAsyncDisposable
{
    private readonly Lock _gate = new();
    private readonly List<SeedWebhookEndpoint> _endpoints = [];
    private readonly List<DeliveryRecord> _deliveries = [];
    private readonly List<Waiter> _waiters = [];
    private readonly Channel<DeliveryRecord> _queue = Channel.CreateUnbounded<DeliveryRecord>(new UnboundedChannelOptions { SingleReader = true });
    private readonly CancellationTokenSource _stopping = new();
    private readonly List<Task> _inFlight = [];
    private readonly WorkOSEmulatorOptions _options;
    private readonly ILogger _logger;
    private readonly HttpClient _client;
    private readonly bool _ownsClient;
    private readonly Task _loop;

    public WebhookDispatcher(WorkOSEmulatorOptions options)
    {
        _options = options;
        _logger = options.LoggerFactory.CreateLogger("WorkOS.AspNetCore.Emulator.Webhooks");
        _ownsClient = options.WebhookHttpClient is null;
        _client = options.WebhookHttpClient ?? new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false })
        {
            Timeout = Timeout.InfiniteTimeSpan,
        };
        foreach (var endpoint in options.Seed.WebhookEndpoints ?? [])
        {
            try
            {
                Add(endpoint.Url, endpoint.Secret, endpoint.Id);
            }
            catch (ArgumentException e)
            {
                throw new InvalidOperationException("Invalid emulator seed: " + e.Message, e);
            }
        }

        _loop = Task.Run(RunAsync);
    }

    private static readonly TimeSpan AttemptTimeout = TimeSpan.FromSeconds(10);

    private TimeProvider Time => _options.TimeProvider;

    /// <summary>Registers an endpoint; the reason it is refused, as an <see cref="ArgumentException"/>.</summary>
    public string Add(string? url, string? secret, string? id = null)
    {
        if (string.IsNullOrWhiteSpace(url) || !Uri.TryCreate(url, UriKind.Absolute, out var uri)
            || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps) || !string.IsNullOrEmpty(uri.UserInfo))
        {
            throw new ArgumentException($"The webhook URL '{url}' is not an absolute http or https URL without credentials.", nameof(url));
        }

        if (string.IsNullOrEmpty(secret))
        {
            throw new ArgumentException("A webhook endpoint needs a secret to sign its deliveries with.", nameof(secret));
        }

        lock (_gate)
        {
            if (id is not null && (string.IsNullOrWhiteSpace(id) || _endpoints.Any(e => e.Id == id)))
            {
                throw new ArgumentException($"The webhook endpoint id '{id}' is blank or taken; leave it out to have one generated.", nameof(id));
            }

            var endpoint = new SeedWebhookEndpoint { Id = id ?? IdGenerator.NewId("we_", Time.GetUtcNow()), Url = uri.AbsoluteUri, Secret = secret };
            _endpoints.Add(endpoint);
            WebhookLog.Registered(_logger, endpoint.Id, endpoint.Url);
            return endpoint.Id;
        }
    }

    /// <summary>Queues one event, its envelope built once by the event log, for every registered endpoint.</summary>
    public void Publish(EventDto envelope)
    {
        lock (_gate)
        {
            if (_endpoints.Count == 0)
            {
                return;
            }
        }

        var body = JsonSerializer.Serialize(envelope, WireJsonContext.Default.EventDto);
        lock (_gate)
        {
            foreach (var endpoint in _endpoints)
            {
                var delivery = new DeliveryRecord(envelope.Id, envelope.Event, endpoint, body);
                _deliveries.Add(delivery);
                _queue.Writer.TryWrite(delivery);
            }
        }
    }

    public IReadOnlyList<WebhookDelivery> Snapshot()
    {
        lock (_gate)
        {
            return [.. _deliveries.Select(d => d.ToSnapshot())];
        }
    }

    /// <summary>
    /// Completes with the first delivery of <paramref name="eventType"/> (any type for <c>*</c>) that is delivered or has
    /// failed, or, when <paramref name="attempts"/> is positive, that has made that many attempts.
    /// </summary>
    public Task<WebhookDelivery> WaitAsync(string eventType, int attempts, CancellationToken cancellationToken)
    {
        bool Ready(DeliveryRecord d) => Matches(eventType, d) && (d.IsFinished || (attempts > 0 && d.Attempts >= attempts));
        lock (_gate)
        {
            if (_deliveries.FirstOrDefault(Ready) is { } done)
            {
                return Task.FromResult(done.ToSnapshot());
            }

            var waiter = new Waiter(Ready, new TaskCompletionSource<WebhookDelivery>(TaskCreationOptions.RunContinuationsAsynchronously));
            _waiters.Add(waiter);
            if (cancellationToken.CanBeCanceled)
            {
                var registration = cancellationToken.Register(() =>
                {
                    lock (_gate)
                    {
                        _waiters.Remove(waiter);
                    }

                    waiter.Completion.TrySetCanceled(cancellationToken);
                });
                waiter.Completion.Task.ContinueWith(_ => registration.Dispose(), TaskScheduler.Default);
            }

            return waiter.Completion.Task;
        }
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _stopping.CancelAsync().ConfigureAwait(false);
        await _loop.ConfigureAwait(false);
        Task[] inFlight;
        lock (_gate)
        {
            inFlight = [.. _inFlight];
        }

        await Task.WhenAll(inFlight).ConfigureAwait(false);
        if (_ownsClient)
        {
            _client.Dispose();
        }

        _stopping.Dispose();
    }

    private async Task RunAsync()
    {
        try
        {
            await foreach (var delivery in _queue.Reader.ReadAllAsync(_stopping.Token).ConfigureAwait(false))
            {
                var task = DeliverAsync(delivery);
                lock (_gate)
                {
                    _inFlight.Add(task);
                }

                _ = task.ContinueWith(
                    t =>
                    {
                        lock (_gate)
                        {
                            _inFlight.Remove(t);
                        }
                    },
                    TaskScheduler.Default);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task DeliverAsync(DeliveryRecord delivery)
    {
        var maxAttempts = Math.Max(1, _options.WebhookMaxAttempts);
        var delay = _options.WebhookRetryDelay;
        for (var attempt = 1; ; attempt++)
        {
            var status = await SendAsync(delivery).ConfigureAwait(false);
            if (_stopping.IsCancellationRequested)
            {
                return;
            }

            var ok = status is >= 200 and < 300;
            var outcome = status?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "no answer";
            if (ok || attempt >= maxAttempts)
            {
                if (ok)
                {
                    WebhookLog.Delivered(_logger, delivery.EventType, delivery.EventId, delivery.Endpoint.Id!, status!.Value, attempt);
                }
                else
                {
                    WebhookLog.GaveUp(_logger, delivery.EventType, delivery.EventId, delivery.Endpoint.Id!, attempt, outcome);
                }

                Update(delivery, attempt, status, ok ? WebhookDeliveryState.Delivered : WebhookDeliveryState.Failed);
                return;
            }

            // The timer starts before the attempt is recorded, so a test that sees the attempt can advance a fake clock past it.
            var wait = Task.Delay(delay, Time, _stopping.Token);
            WebhookLog.Retrying(_logger, delivery.EventType, delivery.EventId, delivery.Endpoint.Id!, attempt, outcome, delay);
            Update(delivery, attempt, status, WebhookDeliveryState.Pending);
            try
            {
                await wait.ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            delay += delay;
        }
    }

    private async Task<int?> SendAsync(DeliveryRecord delivery)
    {
        // Each attempt is bounded on the emulator's clock; one that times out counts as no answer.
        using var timeout = new CancellationTokenSource(AttemptTimeout, Time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, _stopping.Token);
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, delivery.Endpoint.Url)
            {
                Content = new StringContent(delivery.Body, Encoding.UTF8, new MediaTypeHeaderValue("application/json")),
            };
            request.Headers.TryAddWithoutValidation(
                WebhookSignature.HeaderName,
                WebhookSignature.Create(delivery.Endpoint.Secret, Time.GetUtcNow().ToUnixTimeMilliseconds(), delivery.Body));
            using var response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, linked.Token).ConfigureAwait(false);
            return (int)response.StatusCode;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Whatever the endpoint or its client does (refuses, resets, times out, throws), the attempt has no answer.
            return null;
        }
    }

    private void Update(DeliveryRecord delivery, int attempts, int? status, WebhookDeliveryState state)
    {
        List<Waiter> ready;
        WebhookDelivery snapshot;
        lock (_gate)
        {
            delivery.Attempts = attempts;
            delivery.LastStatusCode = status;
            delivery.State = state;
            snapshot = delivery.ToSnapshot();
            ready = [.. _waiters.Where(w => w.Ready(delivery))];
            _waiters.RemoveAll(ready.Contains);
        }

        foreach (var waiter in ready)
        {
            waiter.Completion.TrySetResult(snapshot);
        }
    }

    private static bool Matches(string eventType, DeliveryRecord delivery) =>
        eventType == "*" || string.Equals(eventType, delivery.EventType, StringComparison.Ordinal);

    private sealed record Waiter(Func<DeliveryRecord, bool> Ready, TaskCompletionSource<WebhookDelivery> Completion);

    private sealed class DeliveryRecord(string eventId, string eventType, SeedWebhookEndpoint endpoint, string body)
    {
        public string EventId => eventId;
        public string EventType => eventType;
        public SeedWebhookEndpoint Endpoint => endpoint;
        public string Body => body;
        public int Attempts { get; set; }
        public int? LastStatusCode { get; set; }
        public WebhookDeliveryState State { get; set; }
        public bool IsFinished => State != WebhookDeliveryState.Pending;

        public WebhookDelivery ToSnapshot() => new(eventId, eventType, endpoint.Id!, endpoint.Url, Attempts, LastStatusCode, State, body);
    }
}
