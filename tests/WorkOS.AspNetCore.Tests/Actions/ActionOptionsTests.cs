using System.Net;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using WorkOS.AspNetCore.Actions;
using WorkOS.AspNetCore.Tests.Infrastructure;
using WorkOS.AspNetCore.Tests.Webhooks;

namespace WorkOS.AspNetCore.Tests.Actions;

/// <summary>Where the Actions secrets come from, what happens without one, and which settings are refused.</summary>
public sealed class ActionOptionsTests
{
    private const int NoSecretEvent = 1940;

    private readonly FakeTimeProvider _clock = TestClock.StartingNow();

    [Fact]
    public async Task Without_a_secret_in_Development_the_endpoint_refuses_every_action_with_503_and_says_why()
    {
        var handled = false;
        await using var app = await ActionTestApp.StartAsync(_clock, actions => actions.OnAuthentication((_, _) =>
        {
            handled = true;
            return WorkOSActionVerdict.Allow;
        }), configure: _ => { });
        var body = ActionMessages.Authentication();

        var response = await app.PostAsync(body, WebhookSigner.Header(string.Empty, _clock.GetUtcNow(), body));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        var entry = Assert.Single(app.Logs.Entries, e => e.EventId.Id == NoSecretEvent);
        Assert.Contains("WORKOS_ACTIONS_SECRET", entry.Message, StringComparison.Ordinal);
        Assert.False(handled);
    }

    [Theory]
    [InlineData("Production")]
    [InlineData("Staging")]
    public async Task Outside_Development_an_app_without_a_secret_does_not_start(string environment)
    {
        await using var app = ActionTestApp.Build(_clock, a => a.OnAuthentication((_, _) => WorkOSActionVerdict.Allow), _ => { }, environment, null, out _);

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync());

        Assert.Contains("WORKOS_ACTIONS_SECRET", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Secrets_come_from_the_configuration_section_and_the_environment_variable_and_the_section_signs_the_answers()
    {
        var configuration = new Dictionary<string, string?>
        {
            ["WorkOS:Actions:Secrets:0"] = "action_secret_from_section",
            ["WORKOS_ACTIONS_SECRET"] = "action_secret_from_variable",
            ["WorkOS:Actions:Tolerance"] = "00:00:10",
        };
        await using var app = await ActionTestApp.StartAsync(
            _clock, a => a.OnAuthentication((_, _) => WorkOSActionVerdict.Allow), configure: _ => { }, environment: "Production", configuration: configuration);
        var body = ActionMessages.Authentication();

        var fromSection = await app.PostAsync(body, WebhookSigner.Header("action_secret_from_section", _clock.GetUtcNow(), body));
        var fromVariable = await app.PostAsync(body, WebhookSigner.Header("action_secret_from_variable", _clock.GetUtcNow(), body));
        var beyondBoundTolerance = await app.PostAsync(body, WebhookSigner.Header("action_secret_from_section", _clock.GetUtcNow().AddSeconds(-11), body));

        await ActionMessages.VerifiedPayloadAsync(fromSection, "authentication_action_response", "action_secret_from_section");
        await ActionMessages.VerifiedPayloadAsync(fromVariable, "authentication_action_response", "action_secret_from_section");
        Assert.Equal(HttpStatusCode.Unauthorized, beyondBoundTolerance.StatusCode);
    }

    [Fact]
    public void The_defaults_are_WorkOS_s_30_second_tolerance_a_64_KiB_body_and_a_5_second_handler()
    {
        var options = new WorkOSActionOptions();

        Assert.Equal(TimeSpan.FromSeconds(30), options.Tolerance);
        Assert.Equal(64 * 1024, options.MaxBodySize);
        Assert.Equal(TimeSpan.FromSeconds(5), options.HandlerTimeout);
        Assert.Empty(WorkOSActionOptionsValidator.Collect(WithSecret(options), isDevelopment: false));
    }

    [Theory]
    [InlineData("Tolerance", "00:00:00")]
    [InlineData("Tolerance", "01:00:00")]
    [InlineData("MaxBodySize", "100")]
    [InlineData("MaxBodySize", "10485760")]
    [InlineData("HandlerTimeout", "00:00:00")]
    [InlineData("HandlerTimeout", "00:01:00")]
    [InlineData("Secrets", " ")]
    public void Out_of_range_settings_are_refused_at_startup_by_name(string setting, string value)
    {
        var options = WithSecret(new WorkOSActionOptions());
        switch (setting)
        {
            case "Tolerance": options.Tolerance = TimeSpan.Parse(value, System.Globalization.CultureInfo.InvariantCulture); break;
            case "MaxBodySize": options.MaxBodySize = long.Parse(value, System.Globalization.CultureInfo.InvariantCulture); break;
            case "HandlerTimeout": options.HandlerTimeout = TimeSpan.Parse(value, System.Globalization.CultureInfo.InvariantCulture); break;
            default: options.Secrets.Add(value); break;
        }

        var error = Assert.Single(WorkOSActionOptionsValidator.Collect(options, isDevelopment: true));

        Assert.Contains(setting, error, StringComparison.Ordinal);
    }

    private static WorkOSActionOptions WithSecret(WorkOSActionOptions options)
    {
        options.Secrets.Add(ActionTestApp.Secret);
        return options;
    }
}
