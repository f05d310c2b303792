using System.Net;
using WorkOS.AspNetCore.Emulator;
using WorkOS.AspNetCore.Testing;

namespace WorkOS.AspNetCore.Tests.Emulator;

/// <summary><see cref="WorkOSEmulator.AddUser"/>, <see cref="WorkOSEmulator.AddOrganization"/> and <see cref="WorkOSEmulator.AddMembership"/> in process.</summary>
public sealed class DirectoryChangeTests
{
    [Fact]
    public async Task User_added_in_process_signs_in_to_an_organization_added_with_them()
    {
        await using var emulator = WorkOSEmulator.CreateInProcess();
        using var client = new AuthKitClient(emulator);

        var userId = emulator.AddUser(new SeedUser { Id = "user_erin", Email = "erin@umbrella.test" });
        var organizationId = emulator.AddOrganization(new SeedOrganization { Name = "Umbrella", Entitlements = ["sso"] });
        emulator.AddMembership(new SeedMembership { UserId = userId, OrganizationId = organizationId, Roles = ["viewer"] });
        var payload = Jwt.Payload((await client.SignInAsync("erin@umbrella.test", organizationId)).GetProperty("access_token").GetString()!);

        Assert.Equal("user_erin", userId);
        Assert.StartsWith("org_", organizationId, StringComparison.Ordinal);
        Assert.Equal("user_erin", payload.GetProperty("sub").GetString());
        Assert.Equal(organizationId, payload.GetProperty("org_id").GetString());
        Assert.Equal("viewer", payload.GetProperty("role").GetString());
        Assert.Equal(["sso"], Jwt.Strings(payload, "entitlements"));
    }

    [Fact]
    public async Task Additions_the_seed_would_refuse_throw_and_leave_the_directory_as_it_was()
    {
        await using var emulator = WorkOSEmulator.CreateInProcess();
        using var client = new AuthKitClient(emulator);

        Assert.Throws<ArgumentException>(() => emulator.AddUser(new SeedUser { Email = "Bob@Acme.com" }));
        Assert.Throws<ArgumentException>(() => emulator.AddUser(new SeedUser { Email = " " }));
        Assert.Throws<ArgumentException>(() => emulator.AddOrganization(new SeedOrganization { Id = "org_globex", Name = "Globex again" }));
        Assert.Throws<ArgumentException>(() => emulator.AddMembership(new SeedMembership { UserId = "bob@acme.com", OrganizationId = "org_globex", Roles = ["owner"] }));
        Assert.Throws<ArgumentException>(() => emulator.AddMembership(new SeedMembership { UserId = "carol@globex.com", OrganizationId = "org_globex" }));
        using var bobInGlobex = await client.Http.GetAsync(AuthKitClient.AuthorizeUrl(emulator, new Dictionary<string, string?>
        {
            ["login_hint"] = "bob@acme.com", ["organization_id"] = "org_globex", ["state"] = "s",
        }));

        Assert.Equal(HttpStatusCode.Found, bobInGlobex.StatusCode);
        Assert.Equal("organization_invalid", AuthKitClient.RedirectQuery(bobInGlobex)["error"]);
    }
}
