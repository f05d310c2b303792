using System.Net;
using System.Net.Http.Json;
using System.Text;

namespace WorkOS.AspNetCore.Tests.Emulator;

/// <summary>Users, organizations, memberships and resources added over the control API while the emulator runs.</summary>
public sealed class ControlApiDirectoryTests
{
    [Fact]
    public async Task User_organization_and_membership_added_over_http_sign_in_to_the_new_organization_with_their_role()
    {
        await using var host = await ControlApiHost.StartAsync();

        using var user = await host.Http.PostAsJsonAsync("/_emulator/users", new { email = "dana@initech.test", first_name = "Dana", feature_flags = new[] { "beta" } });
        using var organization = await host.Http.PostAsJsonAsync("/_emulator/organizations", new { id = "org_initech", name = "Initech" });
        using var membership = await host.Http.PostAsJsonAsync("/_emulator/memberships", new { user_id = "dana@initech.test", organization_id = "org_initech", roles = new[] { "admin" } });
        var userId = (await AuthKitClient.ReadJsonAsync(user)).GetProperty("id").GetString()!;
        var membershipId = (await AuthKitClient.ReadJsonAsync(membership)).GetProperty("id").GetString()!;
        var signIn = await host.Client.SignInAsync("dana@initech.test", "org_initech");
        var payload = Jwt.Payload(signIn.GetProperty("access_token").GetString()!);
        using var fetched = await host.Client.SendWithApiKeyAsync(HttpMethod.Get, $"/user_management/users/{userId}");
        using var memberships = await host.Client.SendWithApiKeyAsync(HttpMethod.Get, $"/user_management/organization_memberships?user_id={userId}");

        Assert.Equal(HttpStatusCode.OK, user.StatusCode);
        Assert.StartsWith("user_", userId, StringComparison.Ordinal);
        Assert.Equal("org_initech", (await AuthKitClient.ReadJsonAsync(organization)).GetProperty("id").GetString());
        Assert.Equal(HttpStatusCode.OK, membership.StatusCode);
        Assert.Equal(userId, signIn.GetProperty("user").GetProperty("id").GetString());
        Assert.Equal(userId, payload.GetProperty("sub").GetString());
        Assert.Equal("org_initech", payload.GetProperty("org_id").GetString());
        Assert.Equal("admin", payload.GetProperty("role").GetString());
        Assert.Equal(["beta"], Jwt.Strings(payload, "feature_flags"));
        Assert.Equal("Dana", (await AuthKitClient.ReadJsonAsync(fetched)).GetProperty("first_name").GetString());
        Assert.Equal(membershipId, (await AuthKitClient.ReadJsonAsync(memberships)).GetProperty("data")[0].GetProperty("id").GetString());
        Assert.Contains(2025, host.EventIds);
    }

    [Theory]
    [InlineData("/_emulator/users", """{"first_name":"No email"}""", "email")]
    [InlineData("/_emulator/users", """{"email":"ALICE@acme.com"}""", "ALICE@acme.com")]
    [InlineData("/_emulator/users", """{"id":"user_bob","email":"someone@acme.com"}""", "user_bob")]
    [InlineData("/_emulator/users", """{"id":" ","email":"someone@acme.com"}""", "blank id")]
    [InlineData("/_emulator/organizations", """{"id":"org_acme","name":"Acme again"}""", "org_acme")]
    [InlineData("/_emulator/memberships", """{"user_id":"nobody@acme.com","organization_id":"org_acme"}""", "nobody@acme.com")]
    [InlineData("/_emulator/memberships", """{"user_id":"carol@globex.com","organization_id":"org_nowhere"}""", "org_nowhere")]
    [InlineData("/_emulator/memberships", """{"user_id":"carol@globex.com","organization_id":"org_acme","roles":["superuser"]}""", "superuser")]
    [InlineData("/_emulator/memberships", """{"user_id":"bob@acme.com","organization_id":"org_acme"}""", "two memberships")]
    [InlineData("/_emulator/memberships", """{"user_id":"carol@globex.com","organization_id":"org_acme","status":"suspended"}""", "suspended")]
    [InlineData("/_emulator/resources", """{"organization_id":"org_acme","resource_type_slug":"report","external_id":"roadmap"}""", "already exists")]
    [InlineData("/_emulator/resources", """{"organization_id":"org_nowhere","resource_type_slug":"report","external_id":"x"}""", "org_nowhere")]
    [InlineData("/_emulator/resources", """{"organization_id":"org_acme","resource_type_slug":"report","external_id":"x","parent_external_id":"nope"}""", "parent")]
    public async Task Addition_the_seed_would_refuse_gets_422_saying_why_and_adds_nothing(string path, string body, string reason)
    {
        await using var host = await ControlApiHost.StartAsync();
        var before = await DirectorySnapshotAsync(host);

        using var response = await host.Http.PostAsync(path, new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains(reason, (await AuthKitClient.ReadJsonAsync(response)).GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Contains(2024, host.EventIds);
        Assert.DoesNotContain(2025, host.EventIds);
        Assert.Equal(before, await DirectorySnapshotAsync(host));
    }

    [Fact]
    public async Task Membership_added_as_inactive_does_not_sign_in_to_the_organization()
    {
        await using var host = await ControlApiHost.StartAsync();

        using var membership = await host.Http.PostAsJsonAsync("/_emulator/memberships", new { user_id = "carol@globex.com", organization_id = "org_acme", status = "inactive" });
        using var authorize = await host.Http.GetAsync(AuthKitClient.AuthorizeUrl(host.Emulator, new Dictionary<string, string?>
        {
            ["login_hint"] = "carol@globex.com", ["organization_id"] = "org_acme", ["state"] = "s",
        }));

        Assert.Equal(HttpStatusCode.OK, membership.StatusCode);
        Assert.Equal("organization_invalid", AuthKitClient.RedirectQuery(authorize)["error"]);
    }

    [Fact]
    public async Task Resource_added_over_http_is_covered_by_a_role_on_its_parent_folder()
    {
        await using var host = await ControlApiHost.StartAsync();
        const string bobCheck = "/authorization/organization_memberships/om_bob_acme/check";
        var check = new { permission_slug = "report:view", resource_external_id = "h1-costs", resource_type_slug = "report" };
        using var before = await host.Client.SendWithApiKeyAsync(HttpMethod.Post, bobCheck, check);

        using var add = await host.Http.PostAsJsonAsync("/_emulator/resources", new
        {
            organization_id = "org_acme", resource_type_slug = "report", external_id = "h1-costs", name = "H1 costs",
            parent_external_id = "finance", parent_resource_type_slug = "folder",
        });
        using var after = await host.Client.SendWithApiKeyAsync(HttpMethod.Post, bobCheck, check);

        Assert.Equal(HttpStatusCode.OK, add.StatusCode);
        Assert.StartsWith("authz_resource_", (await AuthKitClient.ReadJsonAsync(add)).GetProperty("id").GetString(), StringComparison.Ordinal);
        Assert.NotEqual(HttpStatusCode.OK, before.StatusCode);
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        Assert.True((await AuthKitClient.ReadJsonAsync(after)).GetProperty("authorized").GetBoolean());
    }

    [Theory]
    [InlineData("/_emulator/users", """{"email":42}""")]
    [InlineData("/_emulator/organizations", """[1,2]""")]
    [InlineData("/_emulator/memberships", """{"user_id":""")]
    [InlineData("/_emulator/resources", """null""")]
    public async Task Addition_with_a_body_that_is_not_the_expected_json_gets_400(string path, string body)
    {
        await using var host = await ControlApiHost.StartAsync();

        using var response = await host.Http.PostAsync(path, new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("invalid_json", (await AuthKitClient.ReadJsonAsync(response)).GetProperty("code").GetString());
        Assert.Contains(2024, host.EventIds);
    }

    /// <summary>What the emulator's users see and its API answers: the sign-in page's users, Acme's memberships, and its resources.</summary>
    private static async Task<string> DirectorySnapshotAsync(ControlApiHost host)
    {
        using var page = await host.Http.GetAsync(AuthKitClient.AuthorizeUrl(host.Emulator, new Dictionary<string, string?> { ["state"] = "s" }));
        using var memberships = await host.Client.SendWithApiKeyAsync(HttpMethod.Get, "/user_management/organization_memberships?organization_id=org_acme");
        using var resources = await host.Client.SendWithApiKeyAsync(HttpMethod.Get, "/authorization/resources?organization_id=org_acme");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal(HttpStatusCode.OK, memberships.StatusCode);
        Assert.Equal(HttpStatusCode.OK, resources.StatusCode);
        return string.Join("\n", await page.Content.ReadAsStringAsync(), await memberships.Content.ReadAsStringAsync(), await resources.Content.ReadAsStringAsync());
    }
}
