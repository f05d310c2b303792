using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Threading.Channels;
using WorkOS.AspNetCore.Emulator;
using WorkOS.AspNetCore.Testing;
using WorkOS.AspNetCore.Tests.Infrastructure;
using WorkOS.AspNetCore.Tests.Webhooks;
using WorkOS.AspNetCore.Webhooks;

namespace WorkOS.AspNetCore.Tests.Emulator;

/// <summary>
/// The emulator's Directory Sync deprovisioning, role changes and new users reach webhook endpoints as
/// WorkOS's events; the library's own endpoint verifies them and its typed handlers read them.
/// </summary>
public sealed class DirectorySyncRoleAndUserEventTests
{
    private const string Secret = "whsec_test_emulator";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Deprovisioning_a_directory_user_delivers_dsync_user_updated_inactive_and_deleted_that_the_apps_endpoint_verifies_and_reads()
    {
        var clock = TestClock.StartingNow();
        var seen = Channel.CreateUnbounded<string>();
        await using var app = await WebhookTestApp.StartAsync(clock, w => w
            .On<WorkOSDirectoryUserEventData>("dsync.user.updated", (d, ct) => seen.Writer.WriteAsync($"updated {d.Id} {d.DirectoryId} {d.OrganizationId} {d.State} {d.FirstName}", ct).AsTask())
            .On<WorkOSDirectoryUserEventData>("dsync.user.deleted", (d, ct) => seen.Writer.WriteAsync($"deleted {d.Id} {d.State}", ct).AsTask())
            .On<WorkOSOrganizationMembershipEventData>("organization_membership.updated", (m, ct) => seen.Writer.WriteAsync($"membership {m.Id} {m.Status}", ct).AsTask()),
            o => o.Secrets.Add(Secret));
        await using var emulator = WorkOSEmulator.CreateInProcess(o =>
        {
            o.TimeProvider = clock;
            o.WebhookHttpClient = app.Client;
        });
        emulator.AddWebhookEndpoint("http://localhost" + WebhookTestApp.Path, Secret);

        Assert.True(emulator.DeprovisionDirectoryUser("bob@acme.com", "org_acme"));
        var deleted = await emulator.WaitForWebhookDeliveryAsync("dsync.user.deleted").WaitAsync(Timeout);

        Assert.Equal(200, deleted.LastStatusCode); // the library's endpoint verified the signature
        string[] handled = [await NextAsync(seen), await NextAsync(seen), await NextAsync(seen)]; // deliveries may arrive in any order
        Assert.Equal(
            ["deleted directory_user_bob inactive", "membership om_bob_acme inactive", "updated directory_user_bob directory_acme org_acme inactive Bob"],
            handled.Order(StringComparer.Ordinal));
        var email = JsonDocument.Parse(deleted.Body).RootElement.GetProperty("data").GetProperty("emails")[0];
        Assert.Equal("bob@acme.com", email.GetProperty("value").GetString());
        Assert.True(email.GetProperty("primary").GetBoolean());
        Assert.False(emulator.DeprovisionDirectoryUser("bob@acme.com", "org_acme")); // no longer an active member
    }

    [Fact]
    public async Task A_deprovisioned_directory_user_has_an_inactive_membership_in_the_organization()
    {
        await using var emulator = WorkOSEmulator.CreateInProcess();
        using var client = new AuthKitClient(emulator);

        Assert.True(emulator.DeprovisionDirectoryUser("bob@acme.com", "org_acme"));
        using var memberships = await client.SendWithApiKeyAsync(HttpMethod.Get, "/user_management/organization_memberships?user_id=user_bob&organization_id=org_acme&statuses=active,inactive");

        var membership = Assert.Single((await AuthKitClient.ReadJsonAsync(memberships)).GetProperty("data").EnumerateArray());
        Assert.Equal("inactive", membership.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Role_changes_deliver_role_created_updated_and_deleted_and_a_role_in_use_is_not_deleted()
    {
        var receiver = new WebhookReceiver();
        using var http = receiver.CreateClient();
        await using var emulator = WorkOSEmulator.CreateInProcess(o => o.WebhookHttpClient = http);
        emulator.AddWebhookEndpoint("http://localhost:5000/webhooks", Secret);

        emulator.SetRolePermissions("auditor", "reports:view");
        await emulator.WaitForWebhookDeliveryAsync("role.created").WaitAsync(Timeout);
        emulator.SetRolePermissions("auditor", "reports:view", "logs:read");
        await emulator.WaitForWebhookDeliveryAsync("role.updated").WaitAsync(Timeout);
        Assert.Throws<InvalidOperationException>(() => emulator.DeleteRole("member"));
        Assert.True(emulator.DeleteRole("auditor"));
        await emulator.WaitForWebhookDeliveryAsync("role.deleted").WaitAsync(Timeout);

        Assert.False(emulator.DeleteRole("auditor"));
        var roles = receiver.Received.Where(r => r.Json.GetProperty("event").GetString()!.StartsWith("role.", StringComparison.Ordinal)).ToList();
        Assert.Equal(["role.created", "role.updated", "role.deleted"], roles.Select(r => r.Json.GetProperty("event").GetString()));
        Assert.All(roles, r => r.VerifySignature(Secret));
        Assert.All(roles, r => Assert.Equal("auditor", r.Json.GetProperty("data").GetProperty("slug").GetString()));
        Assert.Equal(["reports:view", "logs:read"], roles[1].Json.GetProperty("data").GetProperty("permissions").EnumerateArray().Select(p => p.GetString()));
    }

    [Fact]
    public async Task Adding_a_user_delivers_user_created()
    {
        var receiver = new WebhookReceiver();
        using var http = receiver.CreateClient();
        await using var emulator = WorkOSEmulator.CreateInProcess(o => o.WebhookHttpClient = http);
        emulator.AddWebhookEndpoint("http://localhost:5000/webhooks", Secret);

        var id = emulator.AddUser(new SeedUser { Email = "dana@acme.com", FirstName = "Dana" });
        var delivery = await emulator.WaitForWebhookDeliveryAsync("user.created").WaitAsync(Timeout);

        var data = JsonDocument.Parse(delivery.Body).RootElement.GetProperty("data");
        Assert.Equal(id, data.GetProperty("id").GetString());
        Assert.Equal("dana@acme.com", data.GetProperty("email").GetString());
        Assert.All(receiver.Received, r => r.VerifySignature(Secret));
    }

    [Fact]
    public async Task Control_api_deprovisions_a_directory_user_and_deletes_a_role_with_204_and_answers_404_and_409()
    {
        await using var host = await ControlApiHost.StartAsync();
        using var created = await host.Http.PutAsync("/_emulator/roles/auditor/permissions", new StringContent("""{"permissions":["reports:view"]}""", System.Text.Encoding.UTF8, "application/json"));

        using var deprovisioned = await host.Http.PostAsJsonAsync("/_emulator/users/bob@acme.com/organizations/org_acme/deprovision", new { });
        using var again = await host.Http.PostAsJsonAsync("/_emulator/users/bob@acme.com/organizations/org_acme/deprovision", new { });
        using var inUse = await host.Http.DeleteAsync("/_emulator/roles/admin");
        using var deleted = await host.Http.DeleteAsync("/_emulator/roles/auditor");
        using var unknown = await host.Http.DeleteAsync("/_emulator/roles/auditor");

        Assert.Equal(HttpStatusCode.NoContent, created.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, deprovisioned.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, inUse.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    private static async Task<string> NextAsync(Channel<string> channel) => await channel.Reader.ReadAsync().AsTask().WaitAsync(Timeout);
}
