using System.Net;
using WorkOS.AspNetCore.Testing;
using WorkOS.AspNetCore.Tests.Infrastructure;

namespace WorkOS.AspNetCore.Tests.Authentication;

/// <summary>Values a caller chooses reach the log escaped and bounded: no forged lines, no hidden text, no floods.</summary>
public sealed class LogInjectionTests
{
    private const int SignInRefusedEvent = 1004;
    private const int SignInFailureResponseEvent = 1007;
    private const int ReturnUrlRefusedEvent = 1006;

    /// <summary>Starts a sign-in and returns the state the callback must carry.</summary>
    private static async Task<string> StateAsync(WorkOSTestClient browser)
    {
        var challenge = await browser.GetAsync("/protected");
        return HttpAssertions.Query(browser.Location(challenge))["state"].ToString();
    }

    private static void AssertSafe(TestLogSink.LogEntry entry)
    {
        Assert.DoesNotContain('\r', entry.Message);
        Assert.DoesNotContain('\n', entry.Message);
        Assert.DoesNotContain('\u2028', entry.Message);
        Assert.DoesNotContain('\u202E', entry.Message);
        Assert.True(entry.Message.Length < 600, $"{entry.Message.Length} chars");
    }

    [Fact]
    public async Task A_callback_error_description_cannot_forge_a_log_line()
    {
        await using var app = await AuthKitTestApp.StartAsync();
        using var browser = app.CreateBrowser();
        var state = await StateAsync(browser);

        var response = await browser.GetAsync($"/auth/callback?state={Uri.EscapeDataString(state)}&error=invalid_request"
            + "&error_description=" + Uri.EscapeDataString("a\r\n[fake] admin signed in"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.False(response.SetsSessionCookie());
        var refused = Assert.Single(app.Logs.Entries, e => e.EventId.Id == SignInRefusedEvent);
        AssertSafe(refused);
        Assert.Contains("a\\r\\n[fake] admin signed in", refused.Message);
    }

    [Fact]
    public async Task A_callback_error_code_with_control_characters_is_logged_escaped()
    {
        await using var app = await AuthKitTestApp.StartAsync();
        using var browser = app.CreateBrowser();
        var state = await StateAsync(browser);

        var response = await browser.GetAsync($"/auth/callback?state={Uri.EscapeDataString(state)}&error="
            + Uri.EscapeDataString("x\n[fake] Signed in user admin\u2028\u202Eevil"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        AssertSafe(Assert.Single(app.Logs.Entries, e => e.EventId.Id == SignInRefusedEvent));
        AssertSafe(Assert.Single(app.Logs.Entries, e => e.EventId.Id == SignInFailureResponseEvent));
        Assert.Contains("x\\n[fake] Signed in user admin\\u2028\\u202Eevil", app.Logs.Entries.Single(e => e.EventId.Id == SignInRefusedEvent).Message);
    }

    [Fact]
    public async Task A_10000_character_error_description_is_logged_cut_to_a_bounded_length()
    {
        await using var app = await AuthKitTestApp.StartAsync();
        using var browser = app.CreateBrowser();
        var state = await StateAsync(browser);

        var response = await browser.GetAsync($"/auth/callback?state={Uri.EscapeDataString(state)}&error=invalid_request&error_description="
            + new string('x', 10_000));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var refused = Assert.Single(app.Logs.Entries, e => e.EventId.Id == SignInRefusedEvent);
        AssertSafe(refused);
        Assert.Contains("...(10000 chars)", refused.Message);
    }

    [Fact]
    public async Task A_refused_return_url_is_logged_escaped_and_bounded()
    {
        await using var app = await AuthKitTestApp.StartAsync();
        using var browser = app.CreateBrowser();

        await browser.SignInAsync("alice@acme.com", "/auth/sign-in?returnUrl="
            + Uri.EscapeDataString("/x\r\n[fake] admin signed in" + new string('a', 3000)));

        var refused = Assert.Single(app.Logs.Entries, e => e.EventId.Id == ReturnUrlRefusedEvent);
        AssertSafe(refused);
        Assert.Contains("/x\\r\\n[fake] admin signed in", refused.Message);
    }

    [Fact]
    public async Task A_resource_id_from_the_route_is_logged_escaped_by_fine_grained_checks()
    {
        await using var app = await WorkOS.AspNetCore.Tests.Authorization.AuthorizationTestApp.StartAsync();
        using var bob = app.CreateBrowser();
        await bob.SignInAsync("bob@acme.com");

        var response = await bob.GetAsync("/reports/" + Uri.EscapeDataString("roadmap\r\n[fake] WorkOS authorized everything"));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var denied = Assert.Single(app.Logs.Entries, e => e.EventId.Id is 1302 or 1311);
        AssertSafe(denied);
        Assert.Contains("roadmap\\r\\n[fake]", denied.Message);
    }

    [Theory]
    [InlineData("plain value", "plain value")]
    [InlineData("caf\u00e9", "caf\u00e9")]
    [InlineData("a\r\nb\tc", "a\\r\\nb\\tc")]
    [InlineData("back\\slash", "back\\\\slash")]
    [InlineData("nul\0esc\u001bdel\u007f", "nul\\u0000esc\\u001Bdel\\u007F")]
    [InlineData("next\u0085line", "next\\u0085line")]
    [InlineData("line\u2028para\u2029", "line\\u2028para\\u2029")]
    [InlineData("\u202Etxt.exe\u2066\u200F", "\\u202Etxt.exe\\u2066\\u200F")]
    [InlineData("pair\uD83D\uDE00ok", "pair\uD83D\uDE00ok")]
    public void Caller_values_have_control_characters_escaped_visibly(string value, string logged) =>
        Assert.Equal(logged, LogValue.Caller(value));

    [Fact]
    public void A_lone_surrogate_is_escaped_so_the_log_stays_valid_text() =>
        Assert.Equal("lone\\uD800half\\uDC00", LogValue.Caller("lone\uD800half\uDC00"));

    [Fact]
    public void Caller_values_are_cut_at_the_bound_without_splitting_a_character()
    {
        var emoji = new string('a', LogValue.MaxLength - 1) + "\uD83D\uDE00" + "tail";
        var controls = new string('\n', 5_000);

        var cutEmoji = LogValue.Caller(emoji);
        var cutControls = LogValue.Caller(controls);

        Assert.Equal(new string('a', LogValue.MaxLength - 1) + "...(" + emoji.Length + " chars)", cutEmoji);
        Assert.StartsWith("\\n\\n", cutControls, StringComparison.Ordinal);
        Assert.EndsWith("...(5000 chars)", cutControls, StringComparison.Ordinal);
        Assert.True(cutControls.Length <= LogValue.MaxLength + 20, $"{cutControls.Length} chars");
        Assert.Null(LogValue.Caller(null));
    }
}
