using System.Net;
using WorkOS.AspNetCore.Emulator;
using WorkOS.AspNetCore.Testing;

namespace WorkOS.AspNetCore.Tests.Emulator;

public sealed class FgaSeedTests
{
    [Fact]
    public void Default_seed_has_the_documented_resources_roles_and_assignments()
    {
        var seed = EmulatorSeed.CreateDefault();

        Assert.Equal(["report-viewer", "report-editor", "report-admin"], seed.ResourceRoles.Select(r => r.Slug));
        Assert.Equal(["finance", "q3-revenue", "q4-forecast", "roadmap", "budget"], seed.Resources.Select(r => r.ExternalId));
        Assert.Equal("authz_resource_acme_finance", seed.Resources.Single(r => r.ExternalId == "q3-revenue").ParentResourceId);
        Assert.Equal(["ra_bob_finance_viewer", "ra_alice_acme_report_admin"], seed.RoleAssignments.Select(a => a.Id));
        // Resource roles are not organization roles: tokens and memberships keep the three environment roles.
        Assert.Equal(["admin", "member", "viewer"], seed.Roles.Select(r => r.Slug));
    }

    [Fact]
    public async Task Resource_roles_never_appear_in_access_tokens()
    {
        await using var emulator = WorkOSEmulator.CreateInProcess();
        using var client = new AuthKitClient(emulator);

        var body = await client.SignInAsync("bob@acme.com");

        var claims = Jwt.Payload(body.GetProperty("access_token").GetString()!);
        Assert.Equal(["member"], Jwt.Strings(claims, "roles"));
        Assert.DoesNotContain("report:view", Jwt.Strings(claims, "permissions"));
    }

    [Fact]
    public async Task Seed_json_with_children_before_parents_loads_and_checks()
    {
        var seed = EmulatorSeed.FromJson("""
            {
              "users": [ { "id": "user_erin", "email": "erin@initech.com" } ],
              "organizations": [ { "id": "org_initech", "name": "Initech" } ],
              "roles": [ { "slug": "member" } ],
              "memberships": [ { "id": "om_erin", "user_id": "erin@initech.com", "organization_id": "org_initech" } ],
              "resource_roles": [ { "slug": "workspace-admin", "permissions": ["app:deploy"] } ],
              "resources": [
                { "external_id": "frontend", "resource_type_slug": "app", "organization_id": "org_initech", "parent_external_id": "web" },
                { "external_id": "web", "resource_type_slug": "project", "organization_id": "org_initech", "parent_external_id": "engineering" },
                { "external_id": "engineering", "resource_type_slug": "workspace", "organization_id": "org_initech" },
              ],
              "role_assignments": [
                { "user_id": "erin@initech.com", "organization_id": "org_initech", "role_slug": "workspace-admin",
                  "resource_external_id": "engineering", "resource_type_slug": "workspace" }
              ],
            }
            """);
        await using var emulator = WorkOSEmulator.CreateInProcess(o => o.Seed = seed);
        using var client = new AuthKitClient(emulator);

        using var response = await client.SendWithApiKeyAsync(HttpMethod.Post, "/authorization/organization_memberships/om_erin/check",
            new { permission_slug = "app:deploy", resource_external_id = "frontend", resource_type_slug = "app" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True((await AuthKitClient.ReadJsonAsync(response)).GetProperty("authorized").GetBoolean());
    }

    [Fact]
    public async Task Fluent_helpers_build_resources_and_assignments()
    {
        var seed = EmulatorSeed.CreateDefault()
            .AddResourceRole("dashboard-viewer", "dashboard:view")
            .AddResource("org_globex", "dashboard", "sales", "Sales", id: "authz_resource_globex_sales")
            .AddRoleAssignment("carol@globex.com", "org_globex", "dashboard-viewer", "dashboard", "sales");
        await using var emulator = WorkOSEmulator.CreateInProcess(o => o.Seed = seed);
        using var client = new AuthKitClient(emulator);

        using var response = await client.SendWithApiKeyAsync(HttpMethod.Post, "/authorization/organization_memberships/om_carol_globex/check",
            new { permission_slug = "dashboard:view", resource_id = "authz_resource_globex_sales" });

        Assert.True((await AuthKitClient.ReadJsonAsync(response)).GetProperty("authorized").GetBoolean());
    }

    public static TheoryData<string, Action<EmulatorSeed>> InvalidSeeds => new()
    {
        { "unknown organization", s => s.AddResource("org_nothing", "report", "x") },
        { "no external id", s => s.Resources.Add(new SeedResource { OrganizationId = "org_acme", ResourceTypeSlug = "report" }) },
        { "no resource type", s => s.Resources.Add(new SeedResource { OrganizationId = "org_acme", ExternalId = "x" }) },
        { "duplicate external id", s => s.AddResource("org_acme", "report", "roadmap") },
        { "unknown parent", s => s.AddResource("org_acme", "report", "x", parentExternalId: "nothing") },
        { "parent in another organization", s => s.AddResource("org_globex", "report", "x", parentExternalId: "finance") },
        {
            "cycle", s =>
            {
                s.AddResource("org_acme", "folder", "a", parentExternalId: "b");
                s.AddResource("org_acme", "folder", "b", parentExternalId: "a");
            }
        },
        { "role clash", s => s.AddResourceRole("admin", "x:y") },
        { "unknown role", s => s.AddRoleAssignment("bob@acme.com", "org_acme", "superuser") },
        { "not a member", s => s.AddRoleAssignment("carol@globex.com", "org_acme", "report-viewer") },
        { "resource of another organization", s => s.AddRoleAssignment("carol@globex.com", "org_globex", "report-viewer", "folder", "finance") },
        { "type without resource", s => s.RoleAssignments.Add(new SeedRoleAssignment { MembershipId = "om_bob_acme", RoleSlug = "report-viewer", ResourceTypeSlug = "report" }) },
    };

    [Theory]
    [MemberData(nameof(InvalidSeeds))]
    public void Invalid_authorization_seeds_are_rejected_at_start(string problem, Action<EmulatorSeed> change)
    {
        var seed = EmulatorSeed.CreateDefault();
        change(seed);

        var error = Assert.Throws<InvalidOperationException>(() => WorkOSEmulator.CreateInProcess(o => o.Seed = seed));

        Assert.StartsWith("Invalid emulator seed", error.Message, StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(problem));
    }
}
