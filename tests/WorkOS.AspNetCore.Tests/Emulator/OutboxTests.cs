using System.Net;
using Microsoft.Extensions.Logging;
using WorkOS.AspNetCore.Emulator;
using WorkOS.AspNetCore.Tests.Infrastructure;

namespace WorkOS.AspNetCore.Tests.Emulator;

public sealed class OutboxTests
{
    [Fact]
    public async Task Control_api_and_page_show_each_email_with_its_kind_code_and_link()
    {
        await using var host = await ControlApiHost.StartAsync();
        using var grants = new SignInGrantClient(host.Emulator);
        using var magic = await grants.Api.SendWithApiKeyAsync(HttpMethod.Post, "/user_management/magic_auth", new { email = "bob@acme.com" });
        using var invite = await grants.Api.SendWithApiKeyAsync(HttpMethod.Post, "/user_management/invitations", new { email = "new@example.com" });
        var code = grants.LastEmailTo("bob@acme.com", EmulatorEmailKind.MagicAuthCode).Code!;
        var link = grants.LastEmailTo("new@example.com", EmulatorEmailKind.Invitation).Link;

        using var json = await host.Http.GetAsync("/_emulator/outbox");
        var data = (await AuthKitClient.ReadJsonAsync(json)).GetProperty("data").EnumerateArray().ToList();
        var page = await grants.Api.Http.GetStringAsync("/passwordless/outbox");

        Assert.Equal([("magic_auth_code", code, ""), ("invitation", null, link)],
            data.Select(e => (e.GetProperty("kind").GetString(), e.GetProperty("code").GetString(), e.GetProperty("link").GetString())));
        Assert.Contains($">{code}</code>", page, StringComparison.Ordinal);
        Assert.Contains(System.Net.WebUtility.HtmlEncode(link), page, StringComparison.Ordinal);
        Assert.Contains("data-kind=\"invitation\"", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Refusals_are_logged_with_event_ids_and_escaped_caller_values_and_never_the_code()
    {
        await using var host = await ControlApiHost.StartAsync();
        using var grants = new SignInGrantClient(host.Emulator);
        var token = (await grants.PasswordAsync("alice@acme.com")).Body.GetProperty("pending_authentication_token").GetString();

        var forged = await grants.GrantAsync(SignInGrantClient.OrganizationSelectionGrant, new { pending_authentication_token = token, organization_id = "org_x\nFAKE line" });
        var wrongPassword = await grants.PasswordAsync("bob@acme.com", "wrong-password-value");

        var refusals = host.Log.Entries.Where(e => e.EventId.Id == 2071).ToList();
        Assert.Equal(HttpStatusCode.BadRequest, forged.Status);
        Assert.Equal(HttpStatusCode.BadRequest, wrongPassword.Status);
        Assert.Equal(2, refusals.Count);
        Assert.All(refusals, e => Assert.Equal(LogLevel.Warning, e.Level));
        Assert.Contains("org_x\\nFAKE line", refusals[0].Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', refusals[0].Message);
        Assert.DoesNotContain(host.Log.Entries, e => e.Message.Contains("wrong-password-value", StringComparison.Ordinal)
            || e.Message.Contains(token!, StringComparison.Ordinal));
        Assert.Contains(host.Log.Entries, e => e.EventId.Id == 2070);
    }
}
