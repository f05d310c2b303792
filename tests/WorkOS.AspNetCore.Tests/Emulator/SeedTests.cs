using WorkOS.AspNetCore.Emulator;
using WorkOS.AspNetCore.Testing;

namespace WorkOS.AspNetCore.Tests.Emulator;

public sealed class SeedTests
{
    [Fact]
    public void Default_seed_has_the_documented_stable_data()
    {
        var seed = EmulatorSeed.CreateDefault();

        Assert.Equal(["user_alice", "user_bob", "user_carol"], seed.Users.Select(u => u.Id));
        Assert.Equal(["alice@acme.com", "bob@acme.com", "carol@globex.com"], seed.Users.Select(u => u.Email));
        Assert.Equal(["org_acme", "org_globex"], seed.Organizations.Select(o => o.Id));
        Assert.Equal("Acme Corp", seed.Organizations[0].Name);
        Assert.Equal(["admin", "member", "viewer"], seed.Roles.Select(r => r.Slug));
        Assert.Equal(["om_alice_acme", "om_alice_globex", "om_bob_acme", "om_carol_globex"], seed.Memberships.Select(m => m.Id));
        Assert.NotSame(seed, EmulatorSeed.CreateDefault());
    }

    [Fact]
    public async Task Seed_loaded_from_snake_case_json_signs_in_with_generated_ids()
    {
        var seed = EmulatorSeed.FromJson("""
            {
              // comments are fine
              "users": [ { "email": "erin@initech.com", "first_name": "Erin", "feature_flags": ["beta"] } ],
              "organizations": [ { "id": "org_initech", "name": "Initech", "entitlements": ["sso"] } ],
              "roles": [ { "slug": "owner", "permissions": ["everything"] } ],
              "memberships": [ { "user_id": "erin@initech.com", "organization_id": "org_initech", "roles": ["owner"] } ],
              "api_keys": [ { "value": "sk_initech", "name": "CI", "owner_id": "org_initech" } ],
            }
            """);
        await using var emulator = WorkOSEmulator.CreateInProcess(o => o.Seed = seed);
        using var client = new AuthKitClient(emulator);

        var body = await client.SignInAsync("erin@initech.com");

        var userId = body.GetProperty("user").GetProperty("id").GetString()!;
        Assert.Matches("^user_[0-9A-Z]{26}$", userId);
        Assert.Equal("Erin", body.GetProperty("user").GetProperty("first_name").GetString());
        var claims = Jwt.Payload(body.GetProperty("access_token").GetString()!);
        Assert.Equal("org_initech", claims.GetProperty("org_id").GetString());
        Assert.Equal(["everything"], Jwt.Strings(claims, "permissions"));
        Assert.Equal(["beta"], Jwt.Strings(claims, "feature_flags"));
        var memberships = await AuthKitClient.ReadJsonAsync(await client.SendWithApiKeyAsync(HttpMethod.Get, $"/user_management/organization_memberships?user_id={userId}"));
        Assert.Matches("^om_[0-9A-Z]{26}$", memberships.GetProperty("data")[0].GetProperty("id").GetString()!);
    }

    [Fact]
    public void Seed_loads_from_a_file()
    {
        var path = Path.Combine(Path.GetTempPath(), $"emulator-seed-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, """{ "organizations": [ { "name": "Hooli" } ] }""");
        try
        {
            var seed = EmulatorSeed.Load(path);

            Assert.Equal("Hooli", Assert.Single(seed.Organizations).Name);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Fluent_helpers_build_a_seed()
    {
        var seed = new EmulatorSeed()
            .AddOrganization("Umbrella", "org_umbrella", ["audit-logs"])
            .AddRole("admin", "all:write")
            .AddUser("ada@umbrella.com", "Ada", "Wong", "user_ada")
            .AddMembership("ada@umbrella.com", "org_umbrella", "admin");

        Assert.Equal("org_umbrella", Assert.Single(seed.Organizations).Id);
        Assert.Equal(["all:write"], Assert.Single(seed.Roles).Permissions);
        Assert.Equal("user_ada", Assert.Single(seed.Users).Id);
        Assert.Equal(["admin"], Assert.Single(seed.Memberships).Roles);
    }

    [Fact]
    public void Membership_naming_an_unknown_user_is_rejected_at_start()
    {
        var error = Assert.Throws<InvalidOperationException>(() =>
            WorkOSEmulator.CreateInProcess(o => o.Seed.AddMembership("ghost@acme.com", "org_acme", "admin")));

        Assert.Contains("ghost@acme.com", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Membership_naming_an_unknown_role_is_rejected_at_start()
    {
        var error = Assert.Throws<InvalidOperationException>(() =>
            WorkOSEmulator.CreateInProcess(o => o.Seed.AddMembership("bob@acme.com", "org_globex", "superuser")));

        Assert.Contains("superuser", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("status", "suspended")]
    [InlineData("user id", " ")]
    [InlineData("organization id", "")]
    [InlineData("membership id", "om_bob_acme")]
    public void Seed_entry_the_run_time_additions_would_refuse_is_rejected_at_start(string field, string value)
    {
        var error = Assert.Throws<InvalidOperationException>(() => WorkOSEmulator.CreateInProcess(o =>
        {
            switch (field)
            {
                case "status":
                    o.Seed.Memberships.Add(new SeedMembership { UserId = "carol@globex.com", OrganizationId = "org_acme", Status = value });
                    break;
                case "user id":
                    o.Seed.Users.Add(new SeedUser { Id = value, Email = "dana@acme.com" });
                    break;
                case "organization id":
                    o.Seed.Organizations.Add(new SeedOrganization { Id = value, Name = "Blank" });
                    break;
                default:
                    o.Seed.Memberships.Add(new SeedMembership { Id = value, UserId = "carol@globex.com", OrganizationId = "org_acme" });
                    break;
            }
        }));

        Assert.StartsWith("Invalid emulator seed: ", error.Message, StringComparison.Ordinal);
        Assert.Contains(value.Trim().Length > 0 ? value : "blank", error.Message, StringComparison.Ordinal);
    }
}
