using System.Net;
using System.Net.Http.Headers;
using System.Text;
using WorkOS.AspNetCore.Emulator;
using WorkOS.AspNetCore.Testing;

namespace WorkOS.AspNetCore.Tests.Emulator;

public sealed class FgaCheckTests
{
    private const string BobCheck = "/authorization/organization_memberships/om_bob_acme/check";
    private const string AliceCheck = "/authorization/organization_memberships/om_alice_acme/check";

    [Theory]
    [MemberData(nameof(Emulators.Modes), MemberType = typeof(Emulators))]
    public async Task Role_on_a_parent_folder_authorizes_the_reports_inside_it(EmulatorMode mode)
    {
        await using var emulator = await Emulators.StartAsync(mode);
        using var client = new AuthKitClient(emulator);

        var response = await client.SendWithApiKeyAsync(HttpMethod.Post, BobCheck,
            new { permission_slug = "report:view", resource_external_id = "q3-revenue", resource_type_slug = "report" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await AuthKitClient.ReadJsonAsync(response);
        Assert.True(body.GetProperty("authorized").GetBoolean());
        Assert.Equal(["authorized"], body.EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public async Task Resource_id_form_gives_the_same_answer_as_the_external_id_form()
    {
        await using var emulator = WorkOSEmulator.CreateInProcess();
        using var client = new AuthKitClient(emulator);

        Assert.True(await AuthorizedAsync(client, BobCheck, new { permission_slug = "report:view", resource_id = "authz_resource_acme_q4_forecast" }));
        Assert.False(await AuthorizedAsync(client, BobCheck, new { permission_slug = "report:view", resource_id = "authz_resource_acme_roadmap" }));
    }

    [Theory]
    [InlineData("report:edit", "q3-revenue")]     // the folder role grants view only
    [InlineData("report:view", "roadmap")]        // not under the folder
    public async Task Check_is_unauthorized_when_no_role_grants_the_permission_there(string permission, string report)
    {
        await using var emulator = WorkOSEmulator.CreateInProcess();
        using var client = new AuthKitClient(emulator);

        Assert.False(await AuthorizedAsync(client, BobCheck, new { permission_slug = permission, resource_external_id = report, resource_type_slug = "report" }));
    }

    [Fact]
    public async Task External_ids_are_scoped_to_their_resource_type()
    {
        await using var emulator = WorkOSEmulator.CreateInProcess();
        using var client = new AuthKitClient(emulator);

        // "finance" is a folder; there is no report with that external id.
        using var response = await client.SendWithApiKeyAsync(HttpMethod.Post, BobCheck,
            new { permission_slug = "report:view", resource_external_id = "finance", resource_type_slug = "report" });

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Role_on_the_folder_itself_is_checked_on_the_folder()
    {
        await using var emulator = WorkOSEmulator.CreateInProcess();
        using var client = new AuthKitClient(emulator);

        Assert.True(await AuthorizedAsync(client, BobCheck, new { permission_slug = "report:view", resource_external_id = "finance", resource_type_slug = "folder" }));
    }

    [Fact]
    public async Task Organization_wide_assignment_and_organization_roles_authorize_everywhere_in_the_organization()
    {
        await using var emulator = WorkOSEmulator.CreateInProcess();
        using var client = new AuthKitClient(emulator);

        Assert.True(await AuthorizedAsync(client, AliceCheck, new { permission_slug = "report:delete", resource_external_id = "roadmap", resource_type_slug = "report" }));
        // posts:write comes from Alice's organization role (admin), which Bob's (member) lacks.
        Assert.True(await AuthorizedAsync(client, AliceCheck, new { permission_slug = "posts:write", resource_id = "authz_resource_acme_q3_revenue" }));
        Assert.False(await AuthorizedAsync(client, BobCheck, new { permission_slug = "posts:write", resource_id = "authz_resource_acme_q3_revenue" }));
    }

    [Fact]
    public async Task Unknown_membership_is_404()
    {
        await using var emulator = WorkOSEmulator.CreateInProcess();
        using var client = new AuthKitClient(emulator);

        var response = await client.SendWithApiKeyAsync(HttpMethod.Post, "/authorization/organization_memberships/om_nobody/check",
            new { permission_slug = "report:view", resource_id = "authz_resource_acme_q3_revenue" });

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("om_nobody", (await AuthKitClient.ReadJsonAsync(response)).GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("authz_resource_nothing")]
    [InlineData("authz_resource_globex_budget")]   // exists, but in another organization than the membership
    public async Task Unknown_resource_or_one_of_another_organization_is_404(string resourceId)
    {
        await using var emulator = WorkOSEmulator.CreateInProcess();
        using var client = new AuthKitClient(emulator);

        var response = await client.SendWithApiKeyAsync(HttpMethod.Post, AliceCheck, new { permission_slug = "report:view", resource_id = resourceId });

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    public static TheoryData<string> InvalidBodies => new()
    {
        """{"resource_id":"authz_resource_acme_q3_revenue"}""",
        """{"permission_slug":"","resource_id":"authz_resource_acme_q3_revenue"}""",
        """{"permission_slug":"report:view"}""",
        """{"permission_slug":"report:view","resource_external_id":"q3-revenue"}""",
        """{"permission_slug":"report:view","resource_type_slug":"report"}""",
        """{"permission_slug":"report:view","resource_id":"authz_resource_acme_q3_revenue","resource_external_id":"q3-revenue","resource_type_slug":"report"}""",
        """{"permission_slug":"report:view",""",
        """["report:view"]""",
    };

    [Theory]
    [MemberData(nameof(InvalidBodies))]
    public async Task Invalid_check_bodies_are_rejected_with_422(string json)
    {
        await using var emulator = WorkOSEmulator.CreateInProcess();
        using var http = emulator.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, BobCheck) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", emulator.ApiKey);

        using var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("invalid_request_parameters", (await AuthKitClient.ReadJsonAsync(response)).GetProperty("code").GetString());
    }

    [Theory]
    [InlineData("POST", BobCheck)]
    [InlineData("GET", "/authorization/resources")]
    [InlineData("GET", "/authorization/resources/authz_resource_acme_finance")]
    [InlineData("GET", "/authorization/organizations/org_acme/resources/report/q3-revenue")]
    [InlineData("GET", "/authorization/organization_memberships/om_bob_acme/role_assignments")]
    public async Task Authorization_endpoints_require_the_api_key(string method, string path)
    {
        await using var emulator = WorkOSEmulator.CreateInProcess();
        using var client = new AuthKitClient(emulator);

        using var response = await client.SendWithApiKeyAsync(new HttpMethod(method), path,
            new { permission_slug = "report:view", resource_id = "authz_resource_acme_q3_revenue" }, apiKey: "sk_test_wrong");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Inactive_membership_is_never_authorized()
    {
        await using var emulator = WorkOSEmulator.CreateInProcess(o =>
        {
            o.Seed.Memberships.Add(new SeedMembership { Id = "om_carol_acme", UserId = "user_carol", OrganizationId = "org_acme", Roles = ["admin"], Status = "inactive" });
            o.Seed.AddRoleAssignment(new SeedRoleAssignment { MembershipId = "om_carol_acme", RoleSlug = "report-admin" });
        });
        using var client = new AuthKitClient(emulator);

        Assert.False(await AuthorizedAsync(client, "/authorization/organization_memberships/om_carol_acme/check",
            new { permission_slug = "report:view", resource_id = "authz_resource_acme_q3_revenue" }));
    }

    [Fact]
    public async Task Assigned_and_removed_roles_change_the_answer_at_once()
    {
        await using var emulator = WorkOSEmulator.CreateInProcess();
        using var client = new AuthKitClient(emulator);
        var edit = new { permission_slug = "report:edit", resource_external_id = "q4-forecast", resource_type_slug = "report" };

        var before = await AuthorizedAsync(client, BobCheck, edit);
        var assignment = emulator.AssignRole("bob@acme.com", "org_acme", "report-editor", "report", "q4-forecast");
        var granted = await AuthorizedAsync(client, BobCheck, edit);
        var onSibling = await AuthorizedAsync(client, BobCheck, new { permission_slug = "report:edit", resource_external_id = "q3-revenue", resource_type_slug = "report" });
        Assert.True(emulator.RemoveRoleAssignment(assignment));
        var after = await AuthorizedAsync(client, BobCheck, edit);

        Assert.False(before);
        Assert.True(granted);
        Assert.False(onSibling);
        Assert.False(after);
        Assert.False(emulator.RemoveRoleAssignment(assignment));
    }

    [Fact]
    public async Task Resources_added_at_run_time_inherit_from_their_parent()
    {
        await using var emulator = WorkOSEmulator.CreateInProcess();
        using var client = new AuthKitClient(emulator);

        var id = emulator.AddResource(new SeedResource
        {
            OrganizationId = "org_acme", ResourceTypeSlug = "report", ExternalId = "h1-costs", ParentExternalId = "finance", ParentResourceTypeSlug = "folder",
        });

        Assert.StartsWith("authz_resource_", id, StringComparison.Ordinal);
        Assert.True(await AuthorizedAsync(client, BobCheck, new { permission_slug = "report:view", resource_id = id }));
        Assert.Throws<ArgumentException>(() => emulator.AddResource(new SeedResource { OrganizationId = "org_acme", ResourceTypeSlug = "report", ExternalId = "h1-costs" }));
        Assert.Throws<ArgumentException>(() => emulator.AddResource(new SeedResource { OrganizationId = "org_acme", ResourceTypeSlug = "report", ExternalId = "x", ParentExternalId = "nope" }));
        Assert.Throws<ArgumentException>(() => emulator.AssignRole("carol@globex.com", "org_acme", "report-viewer"));
        Assert.Throws<ArgumentException>(() => emulator.AssignRole("bob@acme.com", "org_acme", "no-such-role"));
        Assert.Throws<ArgumentException>(() => emulator.AssignRole("bob@acme.com", "org_acme", "report-viewer", "report", "budget"));
    }

    [Fact]
    public async Task Checks_are_recorded_in_the_request_log()
    {
        await using var emulator = WorkOSEmulator.CreateInProcess();
        using var client = new AuthKitClient(emulator);

        await AuthorizedAsync(client, BobCheck, new { permission_slug = "report:view", resource_external_id = "q3-revenue", resource_type_slug = "report" });

        Assert.Equal(1, emulator.CountRequests("POST", BobCheck));
        var logged = Assert.Single(emulator.Requests, r => r.Path == BobCheck);
        Assert.Equal("report:view", logged.Body["permission_slug"]);
        Assert.Equal(200, logged.StatusCode);
    }

    private static async Task<bool> AuthorizedAsync(AuthKitClient client, string path, object body)
    {
        using var response = await client.SendWithApiKeyAsync(HttpMethod.Post, path, body);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var json = await AuthKitClient.ReadJsonAsync(response);
        return json.GetProperty("authorized").GetBoolean();
    }
}
