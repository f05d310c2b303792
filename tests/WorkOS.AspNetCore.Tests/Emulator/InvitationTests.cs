using System.Net;
using System.Text.Json;
using WorkOS.AspNetCore.Emulator;
using WorkOS.AspNetCore.Testing;
using WorkOS.AspNetCore.Tests.Infrastructure;

namespace WorkOS.AspNetCore.Tests.Emulator;

public sealed class InvitationTests
{
    private static async Task<JsonElement> InviteAsync(AuthKitClient api, object body)
    {
        using var response = await api.SendWithApiKeyAsync(HttpMethod.Post, "/user_management/invitations", body);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await AuthKitClient.ReadJsonAsync(response);
    }

    [Fact]
    public async Task Invitation_link_goes_to_the_outbox_and_the_token_finds_the_invitation()
    {
        await using var emulator = WorkOSEmulator.CreateInProcess(o => o.AcceptInvitationUrl = "https://app.example/invite");
        using var grants = new SignInGrantClient(emulator);

        var invitation = await InviteAsync(grants.Api, new { email = "hana@example.com", organization_id = "org_globex", inviter_user_id = "user_carol" });
        var email = grants.LastEmailTo("hana@example.com", EmulatorEmailKind.Invitation);
        var token = invitation.GetProperty("token").GetString();
        using var byToken = await grants.Api.SendWithApiKeyAsync(HttpMethod.Get, $"/user_management/invitations/by_token/{token}");
        using var byId = await grants.Api.SendWithApiKeyAsync(HttpMethod.Get, $"/user_management/invitations/{invitation.GetProperty("id").GetString()}");
        using var list = await grants.Api.SendWithApiKeyAsync(HttpMethod.Get, "/user_management/invitations?organization_id=org_globex");
        using var unknown = await grants.Api.SendWithApiKeyAsync(HttpMethod.Get, "/user_management/invitations/by_token/made-up");

        Assert.Equal(("invitation", "pending", "org_globex"),
            (invitation.GetProperty("object").GetString(), invitation.GetProperty("state").GetString(), invitation.GetProperty("organization_id").GetString()));
        Assert.Equal($"https://app.example/invite?invitation_token={token}", email.Link);
        Assert.Equal(email.Link, invitation.GetProperty("accept_invitation_url").GetString());
        Assert.Equal(invitation.GetProperty("id").GetString(), (await AuthKitClient.ReadJsonAsync(byToken)).GetProperty("id").GetString());
        Assert.Equal(HttpStatusCode.OK, byId.StatusCode);
        Assert.Single((await AuthKitClient.ReadJsonAsync(list)).GetProperty("data").EnumerateArray());
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task Signing_up_with_the_invitation_token_joins_the_organization_verified_and_accepts_it()
    {
        await using var emulator = WorkOSEmulator.CreateInProcess();
        using var grants = new SignInGrantClient(emulator);
        var invitation = await InviteAsync(grants.Api, new { email = "hana@example.com", organization_id = "org_globex", role_slug = "viewer" });

        using var _ = await grants.Api.SendWithApiKeyAsync(HttpMethod.Post, "/user_management/users", new { email = "hana@example.com", password = "hana-secret" });
        var signedIn = await grants.PasswordAsync("hana@example.com", "hana-secret", new { invitation_token = invitation.GetProperty("token").GetString() });
        using var after = await grants.Api.SendWithApiKeyAsync(HttpMethod.Get, $"/user_management/invitations/{invitation.GetProperty("id").GetString()}");
        var accepted = await AuthKitClient.ReadJsonAsync(after);
        using var memberships = await grants.Api.SendWithApiKeyAsync(HttpMethod.Get,
            $"/user_management/organization_memberships?user_id={signedIn.Body.GetProperty("user").GetProperty("id").GetString()}");
        var membership = (await AuthKitClient.ReadJsonAsync(memberships)).GetProperty("data")[0];

        Assert.Equal(HttpStatusCode.OK, signedIn.Status);
        Assert.Equal("org_globex", signedIn.Body.GetProperty("organization_id").GetString());
        Assert.True(signedIn.Body.GetProperty("user").GetProperty("email_verified").GetBoolean());
        Assert.Equal(("accepted", signedIn.Body.GetProperty("user").GetProperty("id").GetString()),
            (accepted.GetProperty("state").GetString(), accepted.GetProperty("accepted_user_id").GetString()));
        Assert.Equal(("org_globex", "viewer"), (membership.GetProperty("organization_id").GetString(), membership.GetProperty("role").GetProperty("slug").GetString()));
    }

    [Fact]
    public async Task Magic_auth_with_the_invitation_token_accepts_it_for_a_new_user()
    {
        await using var emulator = WorkOSEmulator.CreateInProcess();
        using var grants = new SignInGrantClient(emulator);
        var invitation = await InviteAsync(grants.Api, new { email = "ivan@example.com", organization_id = "org_acme" });

        using var _ = await grants.Api.SendWithApiKeyAsync(HttpMethod.Post, "/user_management/magic_auth",
            new { email = "ivan@example.com", invitation_token = invitation.GetProperty("token").GetString() });
        var code = grants.LastEmailTo("ivan@example.com", EmulatorEmailKind.MagicAuthCode).Code;
        var signedIn = await grants.GrantAsync(SignInGrantClient.MagicAuthGrant, new { email = "ivan@example.com", code });

        Assert.Equal(HttpStatusCode.OK, signedIn.Status);
        Assert.Equal("org_acme", signedIn.Body.GetProperty("organization_id").GetString());
    }

    [Fact]
    public async Task Revoked_invitation_and_one_for_another_email_are_refused_by_the_grant()
    {
        await using var emulator = WorkOSEmulator.CreateInProcess();
        using var grants = new SignInGrantClient(emulator);
        var revoked = await InviteAsync(grants.Api, new { email = "bob@acme.com", organization_id = "org_globex" });
        var others = await InviteAsync(grants.Api, new { email = "carol@globex.com", organization_id = "org_acme" });
        using var revoke = await grants.Api.SendWithApiKeyAsync(HttpMethod.Post, $"/user_management/invitations/{revoked.GetProperty("id").GetString()}/revoke");
        using var revokeAgain = await grants.Api.SendWithApiKeyAsync(HttpMethod.Post, $"/user_management/invitations/{revoked.GetProperty("id").GetString()}/revoke");

        var withRevoked = await grants.PasswordAsync("bob@acme.com", extra: new { invitation_token = revoked.GetProperty("token").GetString() });
        var withOthers = await grants.PasswordAsync("bob@acme.com", extra: new { invitation_token = others.GetProperty("token").GetString() });

        Assert.Equal("revoked", (await AuthKitClient.ReadJsonAsync(revoke)).GetProperty("state").GetString());
        Assert.Equal(HttpStatusCode.UnprocessableEntity, revokeAgain.StatusCode);
        Assert.Equal(("invalid_grant", "invalid_grant"), (withRevoked.Body.GetProperty("error").GetString(), withOthers.Body.GetProperty("error").GetString()));
        Assert.Empty(emulator.Sessions);
    }

    [Fact]
    public async Task Accept_endpoint_needs_a_user_with_the_email_and_then_adds_the_membership()
    {
        await using var emulator = WorkOSEmulator.CreateInProcess();
        using var api = new AuthKitClient(emulator);
        var invitation = await InviteAsync(api, new { email = "jo@example.com", organization_id = "org_acme" });
        var id = invitation.GetProperty("id").GetString();

        using var early = await api.SendWithApiKeyAsync(HttpMethod.Post, $"/user_management/invitations/{id}/accept");
        using var _ = await api.SendWithApiKeyAsync(HttpMethod.Post, "/user_management/users", new { email = "jo@example.com" });
        using var accepted = await api.SendWithApiKeyAsync(HttpMethod.Post, $"/user_management/invitations/{id}/accept");
        using var again = await api.SendWithApiKeyAsync(HttpMethod.Post, $"/user_management/invitations/{id}/accept");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, early.StatusCode);
        Assert.Equal("accepted", (await AuthKitClient.ReadJsonAsync(accepted)).GetProperty("state").GetString());
        Assert.Equal(HttpStatusCode.UnprocessableEntity, again.StatusCode);
    }

    [Fact]
    public async Task Invitation_expires_after_its_days_on_the_emulator_clock()
    {
        var clock = TestClock.StartingNow();
        await using var emulator = WorkOSEmulator.CreateInProcess(o => o.TimeProvider = clock);
        using var grants = new SignInGrantClient(emulator);
        var invitation = await InviteAsync(grants.Api, new { email = "bob@acme.com", organization_id = "org_globex", expires_in_days = 1 });

        clock.Advance(TimeSpan.FromDays(1));
        var late = await grants.PasswordAsync("bob@acme.com", extra: new { invitation_token = invitation.GetProperty("token").GetString() });
        using var read = await grants.Api.SendWithApiKeyAsync(HttpMethod.Get, $"/user_management/invitations/{invitation.GetProperty("id").GetString()}");

        Assert.Equal("invalid_grant", late.Body.GetProperty("error").GetString());
        Assert.Equal("expired", (await AuthKitClient.ReadJsonAsync(read)).GetProperty("state").GetString());
    }
}
