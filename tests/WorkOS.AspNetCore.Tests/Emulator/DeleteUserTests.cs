using System.Net;
using WorkOS.AspNetCore.Emulator;
using WorkOS.AspNetCore.Testing;

namespace WorkOS.AspNetCore.Tests.Emulator;

/// <summary>Deleting a user ends their sessions, removes their memberships and tells the webhook endpoints.</summary>
public sealed class DeleteUserTests
{
    private const string Secret = "whsec_test_emulator";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Deleted_user_loses_session_and_memberships_and_endpoints_receive_the_deletion_events()
    {
        var receiver = new WebhookReceiver();
        using var http = receiver.CreateClient();
        await using var emulator = WorkOSEmulator.CreateInProcess(o => o.WebhookHttpClient = http);
        emulator.AddWebhookEndpoint("http://localhost:5000/webhooks", Secret);
        using var client = new AuthKitClient(emulator);
        var signIn = await client.SignInAsync("alice@acme.com");
        var sid = Jwt.Payload(signIn.GetProperty("access_token").GetString()!).GetProperty("sid").GetString();

        Assert.True(emulator.DeleteUser("alice@acme.com"));
        var userDeleted = await emulator.WaitForWebhookDeliveryAsync("user.deleted").WaitAsync(Timeout);
        var membershipDeleted = await emulator.WaitForWebhookDeliveryAsync("organization_membership.deleted").WaitAsync(Timeout);
        var revoked = await emulator.WaitForWebhookDeliveryAsync("session.revoked").WaitAsync(Timeout);
        using var refresh = await client.RefreshAsync(signIn.GetProperty("refresh_token").GetString()!);
        using var user = await client.SendWithApiKeyAsync(HttpMethod.Get, "/user_management/users/user_alice");
        using var memberships = await client.SendWithApiKeyAsync(HttpMethod.Get, "/user_management/organization_memberships?user_id=user_alice");

        Assert.False(emulator.DeleteUser("alice@acme.com"));
        Assert.Equal("user_alice", System.Text.Json.JsonDocument.Parse(userDeleted.Body).RootElement.GetProperty("data").GetProperty("id").GetString());
        Assert.Equal("user_alice", System.Text.Json.JsonDocument.Parse(membershipDeleted.Body).RootElement.GetProperty("data").GetProperty("user_id").GetString());
        Assert.Equal(sid, System.Text.Json.JsonDocument.Parse(revoked.Body).RootElement.GetProperty("data").GetProperty("id").GetString());
        Assert.All(receiver.Received, r => r.VerifySignature(Secret));
        await CodeExchangeTests.AssertOAuthErrorAsync(refresh, HttpStatusCode.BadRequest, "invalid_grant");
        Assert.Equal(HttpStatusCode.NotFound, user.StatusCode);
        Assert.Equal(0, (await AuthKitClient.ReadJsonAsync(memberships)).GetProperty("data").GetArrayLength());
        Assert.False(emulator.Sessions.Single(s => s.Id == sid).IsActive);
    }

    [Fact]
    public async Task Control_api_deletes_a_user_with_204_and_answers_404_for_an_unknown_one()
    {
        await using var host = await ControlApiHost.StartAsync();

        using var deleted = await host.Http.DeleteAsync("/_emulator/users/bob@acme.com");
        using var again = await host.Http.DeleteAsync("/_emulator/users/bob@acme.com");
        using var user = await host.Client.SendWithApiKeyAsync(HttpMethod.Get, "/user_management/users/user_bob");

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, user.StatusCode);
        Assert.Contains(2024, host.EventIds);
    }
}
