using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;

namespace WorkOS.AspNetCore.EndToEnd;

public sealed class BlazorCircuitTests(BlazorSampleFixture sample) : IClassFixture<BlazorSampleFixture>
{
    [Fact]
    public async Task Circuit_outlives_several_tokens_survives_a_reload_and_ends_with_the_workos_session()
    {
        await using var context = await sample.Browser.NewContextAsync();
        var page = await context.NewPageAsync();
        var dashboard = new Uri(sample.AppUrl, "/blazor").ToString();

        await page.GotoAsync(dashboard);
        await page.ClickAsync("[data-testid='user-alice@acme.com']");
        await Assertions.Expect(page).ToHaveURLAsync(dashboard, new() { Timeout = 30_000 });
        await page.WaitForSelectorAsync("[data-testid='interactive']"); // the circuit is live
        await page.WaitForSelectorAsync("[data-testid='can-write']");
        Assert.Equal("alice@acme.com", await page.InnerTextAsync("[data-testid='email']"));

        // One circuit, open across three 4-second token lifetimes; every API call succeeds with a fresh token: after
        // each call, the next waits until the circuit has refreshed its token.
        for (var call = 1; call <= 4; call++)
        {
            await page.ClickAsync("[data-testid='call-api']");
            await Assertions.Expect(page.GetByTestId("api-result")).ToHaveTextAsync($"Call {call}: 200 as user_alice", new() { Timeout = 15_000 });
            await sample.Refreshes.WaitForAsync(sample.Refreshes.Count + 1, TimeSpan.FromSeconds(15));
        }

        // A reload over HTTP carries the cookie from before the circuit refreshed: still signed in, no sign-in page.
        await page.ReloadAsync();
        await page.WaitForSelectorAsync("[data-testid='interactive']");
        Assert.Equal(dashboard, page.Url);
        Assert.Equal("alice@acme.com", await page.InnerTextAsync("[data-testid='email']"));

        // Revoked at WorkOS: the open circuit turns signed-out by itself.
        await RevokeAliceSessionsAsync();
        await page.WaitForSelectorAsync("[data-testid='circuit-signed-out']", new() { Timeout = 15_000 });
    }

    private async Task RevokeAliceSessionsAsync()
    {
        using var http = new HttpClient { BaseAddress = new Uri(sample.WorkOS.ApiBaseUrl + "/") };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", sample.WorkOS.ApiKey);
        using var sessions = JsonDocument.Parse(await http.GetStringAsync("user_management/users/user_alice/sessions"));
        foreach (var session in sessions.RootElement.GetProperty("data").EnumerateArray())
        {
            var response = await http.PostAsJsonAsync("user_management/sessions/revoke", new { session_id = session.GetProperty("id").GetString() });
            response.EnsureSuccessStatusCode();
        }
    }
}
