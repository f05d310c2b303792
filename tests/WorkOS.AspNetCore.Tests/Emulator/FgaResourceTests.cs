using System.Net;
using System.Text.Json;
using WorkOS.AspNetCore.Emulator;
using WorkOS.AspNetCore.Testing;

namespace WorkOS.AspNetCore.Tests.Emulator;

public sealed class FgaResourceTests
{
    [Theory]
    [MemberData(nameof(Emulators.Modes), MemberType = typeof(Emulators))]
    public async Task Resources_are_listed_with_their_wire_fields(EmulatorMode mode)
    {
        await using var emulator = await Emulators.StartAsync(mode);
        using var client = new AuthKitClient(emulator);

        var body = await GetAsync(client, "/authorization/resources?organization_id=org_acme&order=asc");

        Assert.Equal(
            ["authz_resource_acme_finance", "authz_resource_acme_q3_revenue", "authz_resource_acme_q4_forecast", "authz_resource_acme_roadmap"],
            Ids(body));
        var q3 = body.GetProperty("data")[1];
        Assert.Equal("authorization_resource", q3.GetProperty("object").GetString());
        Assert.Equal("q3-revenue", q3.GetProperty("external_id").GetString());
        Assert.Equal("Q3 revenue", q3.GetProperty("name").GetString());
        Assert.Equal("report", q3.GetProperty("resource_type_slug").GetString());
        Assert.Equal("org_acme", q3.GetProperty("organization_id").GetString());
        Assert.Equal("authz_resource_acme_finance", q3.GetProperty("parent_resource_id").GetString());
        Assert.Equal(JsonValueKind.Null, body.GetProperty("data")[0].GetProperty("parent_resource_id").ValueKind);
        Assert.True(q3.TryGetProperty("created_at", out _));
        Assert.True(body.TryGetProperty("list_metadata", out _));
    }

    [Theory]
    [InlineData("/authorization/resources?resource_type_slugs=report&organization_ids=org_acme,org_globex&order=asc",
        new[] { "authz_resource_acme_q3_revenue", "authz_resource_acme_q4_forecast", "authz_resource_acme_roadmap", "authz_resource_globex_budget" })]
    [InlineData("/authorization/resources?parent_resource_id=authz_resource_acme_finance&order=asc",
        new[] { "authz_resource_acme_q3_revenue", "authz_resource_acme_q4_forecast" })]
    [InlineData("/authorization/resources?parent_external_id=finance&parent_resource_type_slug=folder&order=asc",
        new[] { "authz_resource_acme_q3_revenue", "authz_resource_acme_q4_forecast" })]
    [InlineData("/authorization/resources?search=ROADMAP", new[] { "authz_resource_acme_roadmap" })]
    [InlineData("/authorization/resources?organization_id=org_globex", new[] { "authz_resource_globex_budget" })]
    [InlineData("/authorization/resources?organization_id=org_nothing", new string[0])]
    public async Task Resources_filter_by_organization_type_parent_and_search(string path, string[] expected)
    {
        await using var emulator = WorkOSEmulator.CreateInProcess();
        using var client = new AuthKitClient(emulator);

        Assert.Equal(expected, Ids(await GetAsync(client, path)));
    }

    [Fact]
    public async Task Resources_paginate_and_reject_bad_cursors()
    {
        await using var emulator = WorkOSEmulator.CreateInProcess();
        using var client = new AuthKitClient(emulator);

        var first = await GetAsync(client, "/authorization/resources?limit=2&order=asc");
        var after = first.GetProperty("list_metadata").GetProperty("after").GetString();
        var second = await GetAsync(client, $"/authorization/resources?limit=2&order=asc&after={after}");
        using var bad = await client.SendWithApiKeyAsync(HttpMethod.Get, "/authorization/resources?after=authz_resource_nothing");

        Assert.Equal(["authz_resource_acme_finance", "authz_resource_acme_q3_revenue"], Ids(first));
        Assert.Equal(["authz_resource_acme_q4_forecast", "authz_resource_acme_roadmap"], Ids(second));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, bad.StatusCode);
    }

    [Fact]
    public async Task Resource_is_found_by_id_and_by_organization_type_and_external_id()
    {
        await using var emulator = WorkOSEmulator.CreateInProcess();
        using var client = new AuthKitClient(emulator);

        var byId = await GetAsync(client, "/authorization/resources/authz_resource_acme_roadmap");
        var byExternalId = await GetAsync(client, "/authorization/organizations/org_acme/resources/report/roadmap");
        using var missing = await client.SendWithApiKeyAsync(HttpMethod.Get, "/authorization/resources/authz_resource_nothing");
        using var otherOrganization = await client.SendWithApiKeyAsync(HttpMethod.Get, "/authorization/organizations/org_globex/resources/report/roadmap");

        Assert.Equal("Product roadmap", byId.GetProperty("name").GetString());
        Assert.Equal("authz_resource_acme_roadmap", byExternalId.GetProperty("id").GetString());
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, otherOrganization.StatusCode);
    }

    [Fact]
    public async Task Role_assignments_of_a_membership_name_the_role_and_resource()
    {
        await using var emulator = WorkOSEmulator.CreateInProcess();
        using var client = new AuthKitClient(emulator);

        var bob = await GetAsync(client, "/authorization/organization_memberships/om_bob_acme/role_assignments");
        var alice = await GetAsync(client, "/authorization/organization_memberships/om_alice_acme/role_assignments");
        using var unknown = await client.SendWithApiKeyAsync(HttpMethod.Get, "/authorization/organization_memberships/om_nobody/role_assignments");

        var assignment = Assert.Single(bob.GetProperty("data").EnumerateArray().ToList());
        Assert.Equal("role_assignment", assignment.GetProperty("object").GetString());
        Assert.Equal("ra_bob_finance_viewer", assignment.GetProperty("id").GetString());
        Assert.Equal("report-viewer", assignment.GetProperty("role").GetProperty("slug").GetString());
        Assert.Equal("authz_resource_acme_finance", assignment.GetProperty("resource").GetProperty("id").GetString());
        Assert.Equal("finance", assignment.GetProperty("resource").GetProperty("external_id").GetString());
        Assert.Equal("folder", assignment.GetProperty("resource").GetProperty("resource_type_slug").GetString());
        var organizationWide = Assert.Single(alice.GetProperty("data").EnumerateArray().ToList());
        Assert.Equal("organization", organizationWide.GetProperty("resource").GetProperty("resource_type_slug").GetString());
        Assert.Equal("org_acme", organizationWide.GetProperty("resource").GetProperty("id").GetString());
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    private static async Task<JsonElement> GetAsync(AuthKitClient client, string path)
    {
        using var response = await client.SendWithApiKeyAsync(HttpMethod.Get, path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await AuthKitClient.ReadJsonAsync(response);
    }

    private static List<string?> Ids(JsonElement list) =>
        [.. list.GetProperty("data").EnumerateArray().Select(m => m.GetProperty("id").GetString())];
}
