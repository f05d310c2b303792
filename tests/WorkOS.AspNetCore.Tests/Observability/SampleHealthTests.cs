using System.Net;
using WorkOS.AspNetCore.Tests.Infrastructure;

namespace WorkOS.AspNetCore.Tests.Observability;

/// <summary>The sample's <c>/healthz</c> and Status page, against its offline emulator.</summary>
public sealed class SampleHealthTests : OfflineSampleApp
{
    [Fact]
    public async Task Healthz_answers_healthy_when_the_keys_can_be_fetched_and_the_key_is_accepted()
    {
        using var client = Factory.CreateClient();

        using var healthz = await client.GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.OK, healthz.StatusCode);
        Assert.Equal("Healthy", await healthz.Content.ReadAsStringAsync());
        Assert.Equal(1, Emulator.CountRequests("GET", "/user_management/organization_memberships"));
    }

    [Fact]
    public async Task The_status_page_shows_each_check_and_says_how_to_turn_on_the_console_export()
    {
        using var client = Factory.CreateClient();
        Emulator.InjectFault("GET", "/user_management/organization_memberships", 503);

        var page = await client.GetStringAsync("/SystemStatus");

        Assert.Matches(@"data-testid=""check-workos-jwks"">\s*<td><code>workos-jwks</code></td>\s*<td>Healthy</td>", page);
        Assert.Matches(@"data-testid=""check-workos-api-key"">\s*<td><code>workos-api-key</code></td>\s*<td>Degraded</td>", page);
        Assert.Contains("Set <code>Telemetry:Console</code> to <code>true</code>", page, StringComparison.Ordinal);
    }
}
