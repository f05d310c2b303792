using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using WorkOS.AspNetCore.Tests.Infrastructure;
using WorkOS.AspNetCore.Webhooks;

namespace WorkOS.AspNetCore.Tests.Webhooks;

/// <summary>Where the secrets come from, and what happens without one.</summary>
public sealed class WebhookOptionsTests
{
    private const int NoSecretEvent = 1901;

    private readonly FakeTimeProvider _clock = TestClock.StartingNow();

    [Fact]
    public async Task Without_a_secret_in_Development_the_endpoint_refuses_every_delivery_with_503_and_says_why()
    {
        var handled = false;
        await using var app = await WebhookTestApp.StartAsync(_clock, webhooks => webhooks.OnAny((_, _) =>
        {
            handled = true;
            return Task.CompletedTask;
        }), configure: _ => { });
        var body = WebhookSigner.Event("event_01NOSECRET", "user.created");

        var response = await app.PostAsync(body, WebhookSigner.Header(string.Empty, _clock.GetUtcNow(), body));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        var entry = Assert.Single(app.Logs.Entries, e => e.EventId.Id == NoSecretEvent);
        Assert.Contains("WORKOS_WEBHOOK_SECRET", entry.Message, StringComparison.Ordinal);
        Assert.False(handled);
    }

    [Theory]
    [InlineData("Production")]
    [InlineData("Staging")]
    public async Task Outside_Development_an_app_without_a_secret_does_not_start(string environment)
    {
        await using var app = WebhookTestApp.Build(_clock, _ => { }, _ => { }, environment, null, out _);

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync());

        Assert.Contains("WORKOS_WEBHOOK_SECRET", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Secrets_come_from_the_configuration_section_and_the_environment_variable_together()
    {
        var configuration = new Dictionary<string, string?>
        {
            ["WorkOS:Webhooks:Secrets:0"] = "wh_secret_from_section",
            ["WORKOS_WEBHOOK_SECRET"] = "wh_secret_from_variable",
            ["WorkOS:Webhooks:Tolerance"] = "00:00:30",
        };
        var delivered = new List<string>();
        await using var app = await WebhookTestApp.StartAsync(_clock, webhooks => webhooks.OnAny((e, _) =>
        {
            delivered.Add(e.Id);
            return Task.CompletedTask;
        }), configure: _ => { }, environment: "Production", configuration: configuration);
        var options = app.Services.GetRequiredService<IOptions<WorkOSWebhookOptions>>().Value;
        var body = WebhookSigner.Event("event_01CONFIG", "user.created");

        Assert.Equal(["wh_secret_from_section", "wh_secret_from_variable"], options.Secrets);
        Assert.Equal(TimeSpan.FromSeconds(30), options.Tolerance);
        Assert.Equal(HttpStatusCode.OK, (await app.PostAsync(body, WebhookSigner.Header("wh_secret_from_section", _clock.GetUtcNow(), body))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await app.PostAsync(body, WebhookSigner.Header("wh_secret_from_variable", _clock.GetUtcNow(), body))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.PostAsync(body, WebhookSigner.Header("wh_secret_from_section", _clock.GetUtcNow().AddSeconds(-31), body))).StatusCode);
    }

    [Theory]
    [InlineData(nameof(WorkOSWebhookOptions.Tolerance))]
    [InlineData(nameof(WorkOSWebhookOptions.MaxBodySize))]
    [InlineData(nameof(WorkOSWebhookOptions.QueueCapacity))]
    [InlineData(nameof(WorkOSWebhookOptions.MaxAttempts))]
    [InlineData(nameof(WorkOSWebhookOptions.RetryDelay))]
    [InlineData(nameof(WorkOSWebhookOptions.DeduplicationWindow))]
    [InlineData(nameof(WorkOSWebhookOptions.Secrets))]
    public async Task An_out_of_range_setting_stops_the_app_at_start_naming_it(string setting)
    {
        await using var app = WebhookTestApp.Build(_clock, _ => { }, o =>
        {
            o.Secrets.Add(WebhookTestApp.Secret);
            switch (setting)
            {
                case nameof(WorkOSWebhookOptions.Tolerance): o.Tolerance = TimeSpan.Zero; break;
                case nameof(WorkOSWebhookOptions.MaxBodySize): o.MaxBodySize = 10; break;
                case nameof(WorkOSWebhookOptions.QueueCapacity): o.QueueCapacity = 0; break;
                case nameof(WorkOSWebhookOptions.MaxAttempts): o.MaxAttempts = 0; break;
                case nameof(WorkOSWebhookOptions.RetryDelay): o.RetryDelay = TimeSpan.FromSeconds(-1); break;
                case nameof(WorkOSWebhookOptions.DeduplicationWindow): o.DeduplicationWindow = TimeSpan.FromSeconds(10); break;
                default: o.Secrets.Add(" "); break;
            }
        }, "Development", null, out _);

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync());

        Assert.Contains(setting, error.Message, StringComparison.Ordinal);
    }
}
