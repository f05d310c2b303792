using System.Text.Json;
using System.Threading.Channels;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using WorkOS.AspNetCore.Emulator;
using WorkOS.AspNetCore.Events;
using WorkOS.AspNetCore.Tests.Infrastructure;
using WorkOS.AspNetCore.Tests.Webhooks;
using WorkOS.AspNetCore.Webhooks;

namespace WorkOS.AspNetCore.Tests.Events;

/// <summary>
/// A host with <c>AddWorkOSEventsReader</c> against an in-process emulator, on a watched fake clock, recording the id of
/// every event its handlers get.
/// </summary>
internal sealed class EventsReaderTestApp : IAsyncDisposable
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private readonly IHost _host;
    private bool _stopped;

    private EventsReaderTestApp(IHost host, TestLogSink logs, LogWatch watch, WatchedClock clock, Channel<WorkOSEvent> handled)
    {
        _host = host;
        Logs = logs;
        Watch = watch;
        Clock = clock;
        Handled = handled;
    }

    public TestLogSink Logs { get; }

    /// <summary>Waits for a log entry by event id.</summary>
    public LogWatch Watch { get; }

    public WatchedClock Clock { get; }

    /// <summary>Every event a handler got, in order.</summary>
    public Channel<WorkOSEvent> Handled { get; }

    public IServiceProvider Services => _host.Services;

    public static async Task<EventsReaderTestApp> StartAsync(
        WorkOSEmulator emulator,
        WatchedClock clock,
        Action<WorkOSEventsReaderOptions>? configure = null,
        IDistributedCache? cache = null,
        Action<IServiceCollection>? services = null,
        Action<WorkOSWebhookBuilder>? handlers = null,
        Func<HttpMessageHandler>? handler = null,
        string? apiKey = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = "Development" });
        var logs = new TestLogSink();
        var watch = new LogWatch();
        builder.Logging.ClearProviders().AddProvider(logs).AddProvider(watch).SetMinimumLevel(LogLevel.Debug);
        builder.Services.AddSingleton<TimeProvider>(clock);
        if (cache is not null)
        {
            builder.Services.AddSingleton(cache);
        }

        builder.Services.Configure<WorkOSClientOptions>(o =>
        {
            o.ApiKey = apiKey ?? emulator.ApiKey;
            o.ClientId = emulator.ClientId;
            o.ApiBaseUrl = emulator.BaseUrl.ToString();
        });
        builder.Services.AddHttpClient(WorkOSAuthKitDefaults.HttpClientName).ConfigurePrimaryHttpMessageHandler(handler ?? emulator.CreateHandler);
        var handled = Channel.CreateUnbounded<WorkOSEvent>();
        var webhooks = builder.Services.AddWorkOSEventsReader(o =>
        {
            o.Events.Add("user.created");
            o.StartFrom = WorkOSEventsStart.Oldest;
            configure?.Invoke(o);
        });
        webhooks.OnAny((e, _) => handled.Writer.WriteAsync(e).AsTask());
        handlers?.Invoke(webhooks);
        services?.Invoke(builder.Services);
        var host = builder.Build();
        await host.StartAsync();
        return new EventsReaderTestApp(host, logs, watch, clock, handled);
    }

    /// <summary>Raises <paramref name="count"/> <c>user.created</c> events at the emulator; their ids, oldest first.</summary>
    public static List<string> RaiseUsersCreated(WorkOSEmulator emulator, int count, string eventType = "user.created") =>
        [.. Enumerable.Range(1, count).Select(i => emulator.RaiseEvent(eventType, JsonSerializer.SerializeToElement(new Dictionary<string, object>
        {
            ["object"] = "user",
            ["id"] = $"user_{i:D3}",
            ["email"] = $"user{i}@acme.test",
        })))];

    /// <summary>Waits until the reader (or anything on the app's clock) starts a timer of <paramref name="due"/>, skipping shorter-lived ones such as request timeouts.</summary>
    public async Task WaitForTimerAsync(TimeSpan due)
    {
        var seen = new List<TimeSpan>();
        while (true)
        {
            TimeSpan next;
            try
            {
                next = await Clock.NextTimerAsync();
            }
            catch (TimeoutException)
            {
                throw new TimeoutException($"No timer of {due} was started; saw {string.Join(", ", seen)}.");
            }

            if (next == due)
            {
                return;
            }

            seen.Add(next);
        }
    }

    /// <summary>The ids of the next <paramref name="count"/> events the handlers got.</summary>
    public async Task<List<string>> NextHandledAsync(int count)
    {
        var ids = new List<string>();
        for (var i = 0; i < count; i++)
        {
            ids.Add((await Handled.Reader.ReadAsync().AsTask().WaitAsync(Timeout)).Id);
        }

        return ids;
    }

    /// <summary>The ids of the events handled so far and not yet read.</summary>
    public List<string> HandledSoFar()
    {
        var ids = new List<string>();
        while (Handled.Reader.TryRead(out var e))
        {
            ids.Add(e.Id);
        }

        return ids;
    }

    public Task<string?> CursorAsync() => Services.GetRequiredService<IWorkOSEventCursorStore>().GetAsync(EventsReader.CursorKey, CancellationToken.None);

    public bool Logged(int eventId) => Logs.Entries.Any(e => e.EventId.Id == eventId);

    /// <summary>The queries of the emulator's <c>GET /events</c> requests, oldest first.</summary>
    public static List<Dictionary<string, Microsoft.Extensions.Primitives.StringValues>> EventRequests(WorkOSEmulator emulator) =>
        [.. emulator.Requests.Where(r => r.Method == "GET" && r.Path == "/events").Select(r => QueryHelpers.ParseQuery(r.Query))];

    public async Task StopAsync()
    {
        if (!_stopped)
        {
            _stopped = true;
            await _host.StopAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _host.Dispose();
    }
}
