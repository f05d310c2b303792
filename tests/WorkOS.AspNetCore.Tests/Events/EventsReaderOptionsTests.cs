using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using WorkOS.AspNetCore.Events;

namespace WorkOS.AspNetCore.Tests.Events;

/// <summary>The reader's options are bound from <c>WorkOS:Events</c> and checked at start; an events-only app needs no webhook secret.</summary>
public sealed class EventsReaderOptionsTests
{
    private static IHost Build(string environment, Dictionary<string, string?> configuration, Action<IServiceCollection> services)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = environment, DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["WorkOS:ApiKey"] = "sk_test_events",
            ["WorkOS:ClientId"] = "client_events",
        });
        builder.Configuration.AddInMemoryCollection(configuration);
        builder.Logging.ClearProviders();
        services(builder.Services);

        // A started reader polls at once: it must not reach the real WorkOS.
        builder.Services.AddHttpClient(WorkOSAuthKitDefaults.HttpClientName).ConfigurePrimaryHttpMessageHandler(() => new NoNetwork());
        return builder.Build();
    }

    private sealed class NoNetwork : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromException<HttpResponseMessage>(new HttpRequestException("No network in this test."));
    }

    private static async Task<OptionsValidationException> StartFailsAsync(IHost host)
    {
        using (host)
        {
            return await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());
        }
    }

    [Fact]
    public void Options_are_bound_from_the_WorkOS_Events_section()
    {
        using var host = Build("Production", new()
        {
            ["WorkOS:Events:Events:0"] = "session.revoked",
            ["WorkOS:Events:Events:1"] = "dsync.user.deleted",
            ["WorkOS:Events:PollInterval"] = "00:02:00",
            ["WorkOS:Events:PageSize"] = "40",
            ["WorkOS:Events:StartFrom"] = "Oldest",
        }, s => s.AddWorkOSEventsReader());

        var options = host.Services.GetRequiredService<IOptions<WorkOSEventsReaderOptions>>().Value;

        Assert.Equal(["session.revoked", "dsync.user.deleted"], options.Events);
        Assert.Equal(TimeSpan.FromMinutes(2), options.PollInterval);
        Assert.Equal(40, options.PageSize);
        Assert.Equal(WorkOSEventsStart.Oldest, options.StartFrom);
    }

    [Fact]
    public async Task A_reader_without_event_types_stops_the_app_at_start()
    {
        var error = await StartFailsAsync(Build("Development", [], s => s.AddWorkOSEventsReader()));

        Assert.Contains("Events is empty", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0, 30, "PageSize")]
    [InlineData(101, 30, "PageSize")]
    [InlineData(100, 0, "PollInterval")]
    public async Task A_page_size_or_poll_interval_out_of_range_stops_the_app_at_start(int pageSize, int pollSeconds, string named)
    {
        var error = await StartFailsAsync(Build("Development", [], s => s.AddWorkOSEventsReader(o =>
        {
            o.Events.Add("session.revoked");
            o.PageSize = pageSize;
            o.PollInterval = TimeSpan.FromSeconds(pollSeconds);
        })));

        Assert.Contains(named, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_plain_http_API_base_URL_outside_Development_stops_the_reader_at_start()
    {
        var error = await StartFailsAsync(Build("Production", new() { ["WorkOS:ApiBaseUrl"] = "http://workos.internal" },
            s => s.AddWorkOSEventsReader(o => o.Events.Add("session.revoked"))));

        Assert.Contains("must use https", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_events_only_app_outside_Development_starts_without_a_webhook_secret()
    {
        using var host = Build("Production", [], s => s.AddWorkOSEventsReader(o => o.Events.Add("session.revoked")));

        await host.StartAsync();
        await host.StopAsync();
    }

    [Fact]
    public async Task Webhooks_added_next_to_the_reader_still_need_a_secret_outside_Development()
    {
        var error = await StartFailsAsync(Build("Production", [], s =>
        {
            s.AddWorkOSEventsReader(o => o.Events.Add("session.revoked"));
            s.AddWorkOSWebhooks();
        }));

        Assert.Contains("no secret is configured", error.Message, StringComparison.Ordinal);
    }
}
