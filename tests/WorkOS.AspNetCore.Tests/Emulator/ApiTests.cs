using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using WorkOS.AspNetCore.Emulator;
using WorkOS.AspNetCore.Testing;
using WorkOS.AspNetCore.Tests.Infrastructure;

namespace WorkOS.AspNetCore.Tests.Emulator;

public sealed class ApiTests
{
    public static TheoryData<string, string> BearerEndpoints => new()
    {
        { "GET", "/user_management/users/user_alice" },
        { "GET", "/user_management/users/user_alice/sessions" },
        { "GET", "/user_management/organization_memberships?user_id=user_alice" },
        { "POST", "/user_management/sessions/revoke" },
        { "POST", "/api_keys/validations" },
    };

    [Theory]
    [MemberData(nameof(BearerEndpoints))]
    public async Task Api_endpoints_reject_a_missing_or_wrong_api_key_with_401(string method, string path)
    {
        await using var emulator = WorkOSEmulator.CreateInProcess();
        using var client = new AuthKitClient(emulator);

        using var missing = await client.SendWithApiKeyAsync(new HttpMethod(method), path, new { }, apiKey: null);
        using var wrong = await client.SendWithApiKeyAsync(new HttpMethod(method), path, new { }, apiKey: "sk_test_wrong");

        Assert.Equal(HttpStatusCode.Unauthorized, missing.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal("Unauthorized", (await AuthKitClient.ReadJsonAsync(wrong)).GetProperty("message").GetString());
    }

    [Theory]
    [MemberData(nameof(Emulators.Modes), MemberType = typeof(Emulators))]
    public async Task Memberships_of_a_user_are_listed_with_roles_and_status(EmulatorMode mode)
    {
        await using var emulator = await Emulators.StartAsync(mode);
        using var client = new AuthKitClient(emulator);

        using var response = await client.SendWithApiKeyAsync(HttpMethod.Get, "/user_management/organization_memberships?user_id=user_alice&order=asc");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await AuthKitClient.ReadJsonAsync(response);
        var data = body.GetProperty("data").EnumerateArray().ToList();
        Assert.Equal(["om_alice_acme", "om_alice_globex"], data.Select(m => m.GetProperty("id").GetString()));
        var acme = data[0];
        Assert.Equal("organization_membership", acme.GetProperty("object").GetString());
        Assert.Equal("user_alice", acme.GetProperty("user_id").GetString());
        Assert.Equal("org_acme", acme.GetProperty("organization_id").GetString());
        Assert.Equal("admin", acme.GetProperty("role").GetProperty("slug").GetString());
        Assert.Equal("admin", Assert.Single(acme.GetProperty("roles").EnumerateArray().ToList()).GetProperty("slug").GetString());
        Assert.Equal("active", acme.GetProperty("status").GetString());
        Assert.True(acme.TryGetProperty("created_at", out _));
        Assert.True(acme.TryGetProperty("updated_at", out _));
        Assert.Equal(JsonValueKind.Null, body.GetProperty("list_metadata").GetProperty("before").ValueKind);
        Assert.Equal(JsonValueKind.Null, body.GetProperty("list_metadata").GetProperty("after").ValueKind);
    }

    [Fact]
    public async Task Memberships_filter_by_user_and_organization_together()
    {
        await using var emulator = WorkOSEmulator.CreateInProcess();
        using var client = new AuthKitClient(emulator);

        var body = await AuthKitClient.ReadJsonAsync(await client.SendWithApiKeyAsync(
            HttpMethod.Get, "/user_management/organization_memberships?user_id=user_alice&organization_id=org_globex"));

        var membership = Assert.Single(body.GetProperty("data").EnumerateArray().ToList());
        Assert.Equal("om_alice_globex", membership.GetProperty("id").GetString());
        Assert.Equal("member", membership.GetProperty("role").GetProperty("slug").GetString());
    }

    [Fact]
    public async Task Memberships_filter_by_status()
    {
        await using var emulator = WorkOSEmulator.CreateInProcess(o => o.Seed.Memberships.Add(
            new SeedMembership { Id = "om_carol_acme", UserId = "carol@globex.com", OrganizationId = "org_acme", Roles = ["viewer"], Status = "inactive" }));
        using var client = new AuthKitClient(emulator);

        var active = await AuthKitClient.ReadJsonAsync(await client.SendWithApiKeyAsync(HttpMethod.Get, "/user_management/organization_memberships?user_id=user_carol&statuses=active"));
        var inactive = await AuthKitClient.ReadJsonAsync(await client.SendWithApiKeyAsync(HttpMethod.Get, "/user_management/organization_memberships?user_id=user_carol&statuses=inactive,pending"));

        Assert.Equal("om_carol_globex", Assert.Single(active.GetProperty("data").EnumerateArray().ToList()).GetProperty("id").GetString());
        Assert.Equal("om_carol_acme", Assert.Single(inactive.GetProperty("data").EnumerateArray().ToList()).GetProperty("id").GetString());
    }

    [Fact]
    public async Task Memberships_paginate_with_after_and_before_cursors()
    {
        await using var emulator = WorkOSEmulator.CreateInProcess();
        using var client = new AuthKitClient(emulator);
        const string Base = "/user_management/organization_memberships?organization_id=org_acme&limit=1&order=asc";

        var first = await AuthKitClient.ReadJsonAsync(await client.SendWithApiKeyAsync(HttpMethod.Get, Base));
        var after = first.GetProperty("list_metadata").GetProperty("after").GetString();
        var second = await AuthKitClient.ReadJsonAsync(await client.SendWithApiKeyAsync(HttpMethod.Get, $"{Base}&after={after}"));
        var before = second.GetProperty("list_metadata").GetProperty("before").GetString();
        var back = await AuthKitClient.ReadJsonAsync(await client.SendWithApiKeyAsync(HttpMethod.Get, $"{Base}&before={before}"));

        Assert.Equal("om_alice_acme", Ids(first).Single());
        Assert.Equal(JsonValueKind.Null, first.GetProperty("list_metadata").GetProperty("before").ValueKind);
        Assert.Equal("om_alice_acme", after);
        Assert.Equal("om_bob_acme", Ids(second).Single());
        Assert.Equal(JsonValueKind.Null, second.GetProperty("list_metadata").GetProperty("after").ValueKind);
        Assert.Equal("om_bob_acme", before);
        Assert.Equal("om_alice_acme", Ids(back).Single());
    }

    [Fact]
    public async Task Memberships_default_to_newest_first()
    {
        await using var emulator = WorkOSEmulator.CreateInProcess();
        using var client = new AuthKitClient(emulator);

        var body = await AuthKitClient.ReadJsonAsync(await client.SendWithApiKeyAsync(HttpMethod.Get, "/user_management/organization_memberships?organization_id=org_acme"));

        Assert.Equal(["om_bob_acme", "om_alice_acme"], Ids(body));
    }

    [Theory]
    [InlineData("/user_management/organization_memberships")]
    [InlineData("/user_management/organization_memberships?user_id=user_alice&limit=0")]
    [InlineData("/user_management/organization_memberships?user_id=user_alice&limit=101")]
    [InlineData("/user_management/organization_memberships?user_id=user_alice&order=sideways")]
    [InlineData("/user_management/organization_memberships?user_id=user_alice&after=om_unknown")]
    public async Task Invalid_membership_queries_are_rejected_with_422(string path)
    {
        await using var emulator = WorkOSEmulator.CreateInProcess();
        using var client = new AuthKitClient(emulator);

        using var response = await client.SendWithApiKeyAsync(HttpMethod.Get, path);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
    }

    [Fact]
    public async Task User_is_returned_by_id_and_unknown_users_are_not_found()
    {
        await using var emulator = WorkOSEmulator.CreateInProcess();
        using var client = new AuthKitClient(emulator);

        using var found = await client.SendWithApiKeyAsync(HttpMethod.Get, "/user_management/users/user_carol");
        using var missing = await client.SendWithApiKeyAsync(HttpMethod.Get, "/user_management/users/user_nobody");

        var user = await AuthKitClient.ReadJsonAsync(found);
        Assert.Equal("carol@globex.com", user.GetProperty("email").GetString());
        Assert.Equal("Carol", user.GetProperty("first_name").GetString());
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.False(string.IsNullOrEmpty((await AuthKitClient.ReadJsonAsync(missing)).GetProperty("message").GetString()));
    }

    [Fact]
    public async Task Known_api_key_validates_with_owner_and_permissions()
    {
        await using var emulator = WorkOSEmulator.CreateInProcess();
        using var client = new AuthKitClient(emulator);

        using var response = await client.SendWithApiKeyAsync(HttpMethod.Post, "/api_keys/validations", new { value = "sk_acme_reports_emulator" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var key = (await AuthKitClient.ReadJsonAsync(response)).GetProperty("api_key");
        Assert.Equal("api_key", key.GetProperty("object").GetString());
        Assert.Equal("api_key_acme_reports", key.GetProperty("id").GetString());
        Assert.Equal("organization", key.GetProperty("owner").GetProperty("type").GetString());
        Assert.Equal("org_acme", key.GetProperty("owner").GetProperty("id").GetString());
        Assert.Equal("sk_...ator", key.GetProperty("obfuscated_value").GetString());
        Assert.Equal(["reports:view"], key.GetProperty("permissions").EnumerateArray().Select(p => p.GetString()));
        Assert.NotNull(key.GetProperty("last_used_at").GetString());
        Assert.DoesNotContain("sk_acme_reports_emulator", key.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_or_expired_api_keys_validate_as_null()
    {
        var clock = TestClock.StartingNow();
        await using var emulator = WorkOSEmulator.CreateInProcess(o =>
        {
            o.TimeProvider = clock;
            o.Seed.AddApiKey(new SeedApiKey { Value = "sk_short_lived", Name = "Short", OwnerType = "user", OwnerId = "user_bob", ExpiresAt = clock.GetUtcNow().AddHours(1) });
        });
        using var client = new AuthKitClient(emulator);

        var unknown = await AuthKitClient.ReadJsonAsync(await client.SendWithApiKeyAsync(HttpMethod.Post, "/api_keys/validations", new { value = "sk_nope" }));
        var valid = await AuthKitClient.ReadJsonAsync(await client.SendWithApiKeyAsync(HttpMethod.Post, "/api_keys/validations", new { value = "sk_short_lived" }));
        clock.Advance(TimeSpan.FromHours(2));
        var expired = await AuthKitClient.ReadJsonAsync(await client.SendWithApiKeyAsync(HttpMethod.Post, "/api_keys/validations", new { value = "sk_short_lived" }));

        Assert.Equal(JsonValueKind.Null, unknown.GetProperty("api_key").ValueKind);
        Assert.StartsWith("api_key_", valid.GetProperty("api_key").GetProperty("id").GetString(), StringComparison.Ordinal);
        Assert.Equal("user_bob", valid.GetProperty("api_key").GetProperty("owner").GetProperty("id").GetString());
        Assert.Equal(JsonValueKind.Null, expired.GetProperty("api_key").ValueKind);
    }

    [Fact]
    public async Task Unimplemented_paths_answer_404_json()
    {
        await using var emulator = WorkOSEmulator.CreateInProcess();
        using var client = new AuthKitClient(emulator);

        using var response = await client.SendWithApiKeyAsync(HttpMethod.Get, "/directories");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("/directories", (await AuthKitClient.ReadJsonAsync(response)).GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    private static List<string?> Ids(JsonElement list) =>
        [.. list.GetProperty("data").EnumerateArray().Select(m => m.GetProperty("id").GetString())];
}
