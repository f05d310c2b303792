using System.Net;
using WorkOS.AspNetCore.Emulator;
using WorkOS.AspNetCore.Testing;

namespace WorkOS.AspNetCore.Tests.Emulator;

/// <summary>What makes the emulator's sign-in grants ask for a further step, beyond a user's own settings.</summary>
public sealed class SignInTriggerTests
{
    [Fact]
    public async Task Organization_requiring_mfa_asks_its_members_to_enroll_while_users_of_other_organizations_sign_in()
    {
        await using var emulator = WorkOSEmulator.CreateInProcess(o => o.Seed
            .AddOrganization(new SeedOrganization { Id = "org_secure", Name = "Secure Co", RequireMfa = true })
            .AddUser(new SeedUser { Id = "user_dana", Email = "dana@secure.example", Password = EmulatorSeed.DefaultPassword })
            .AddMembership("dana@secure.example", "org_secure", "member"));
        using var grants = new SignInGrantClient(emulator);

        var member = await grants.PasswordAsync("dana@secure.example");
        var other = await grants.PasswordAsync("bob@acme.com");

        Assert.Equal(HttpStatusCode.Forbidden, member.Status);
        Assert.Equal("mfa_enrollment", member.Body.GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.OK, other.Status);
        Assert.Single(emulator.Sessions);
    }
}
