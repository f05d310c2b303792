using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace WorkOS.AspNetCore.Tests.Emulator;

/// <summary>Each control API call over HTTP, against the Kestrel-hosted emulator the <c>workos-emulator</c> tool runs.</summary>
public sealed class ControlApiTests
{
    [Fact]
    public async Task Injected_fault_answers_the_next_matching_request_then_the_endpoint_answers_again()
    {
        await using var host = await ControlApiHost.StartAsync();
        var jwksPath = $"/sso/jwks/{host.Emulator.ClientId}";

        using var inject = await host.Http.PostAsJsonAsync("/_emulator/faults", new { method = "GET", path = "/sso/jwks/*", status = 500, body = """{"message":"down"}""" });
        using var faulted = await host.Http.GetAsync(jwksPath);
        using var healthy = await host.Http.GetAsync(jwksPath);

        Assert.Equal(HttpStatusCode.NoContent, inject.StatusCode);
        Assert.Equal(HttpStatusCode.InternalServerError, faulted.StatusCode);
        Assert.Equal("down", (await AuthKitClient.ReadJsonAsync(faulted)).GetProperty("message").GetString());
        Assert.Equal(HttpStatusCode.OK, healthy.StatusCode);
        Assert.Contains(2025, host.EventIds);
    }

    [Fact]
    public async Task Fault_on_every_path_does_not_block_the_call_that_clears_it()
    {
        await using var host = await ControlApiHost.StartAsync();
        using (await host.Http.PostAsJsonAsync("/_emulator/faults", new { method = "*", path = "/*", status = 503, count = -1 }))
        {
        }

        using var faulted = await host.Http.GetAsync($"/sso/jwks/{host.Emulator.ClientId}");
        using var clear = await host.Http.DeleteAsync("/_emulator/faults");
        using var healthy = await host.Http.GetAsync($"/sso/jwks/{host.Emulator.ClientId}");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, faulted.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, clear.StatusCode);
        Assert.Equal(HttpStatusCode.OK, healthy.StatusCode);
    }

    [Theory]
    [InlineData("""{"path":"/sso/jwks/*","status":500}""", "method")]
    [InlineData("""{"method":"GET","path":"sso","status":500}""", "path")]
    [InlineData("""{"method":"GET","path":"/sso/*","status":42}""", "status")]
    [InlineData("""{"method":"GET","path":"/sso/*","status":500,"count":0}""", "count")]
    [InlineData("""{"method":"GET","path":"/sso/*","status":500,"latency_ms":-5}""", "latency_ms")]
    public async Task Invalid_fault_gets_422_naming_the_field_and_is_not_injected(string body, string field)
    {
        await using var host = await ControlApiHost.StartAsync();

        using var response = await host.Http.PostAsync("/_emulator/faults", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
        using var jwks = await host.Http.GetAsync($"/sso/jwks/{host.Emulator.ClientId}");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.StartsWith(field, (await AuthKitClient.ReadJsonAsync(response)).GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, jwks.StatusCode);
        Assert.Contains(2024, host.EventIds);
    }

    [Fact]
    public async Task Key_rotation_signs_new_tokens_with_the_new_key_and_keeps_the_old_one_in_the_jwks()
    {
        await using var host = await ControlApiHost.StartAsync();
        var oldKid = await CurrentKidAsync(host);

        using var rotate = await host.Http.PostAsync("/_emulator/signing_keys/rotate", JsonContent.Create(new { }));
        var newKid = (await AuthKitClient.ReadJsonAsync(rotate)).GetProperty("kid").GetString();
        var token = (await host.Client.SignInAsync("alice@acme.com")).GetProperty("access_token").GetString()!;
        var jwks = await Jwt.FetchJwksAsync(host.Http, host.Emulator);

        Assert.Equal(HttpStatusCode.OK, rotate.StatusCode);
        Assert.NotEqual(oldKid, newKid);
        Assert.Equal(newKid, await CurrentKidAsync(host));
        Assert.Equal(newKid, Jwt.Header(token).GetProperty("kid").GetString());
        Assert.Equal(new[] { oldKid, newKid }.Order(), jwks.Keys.Select(k => k.Kid).Order());
        Assert.True((await Jwt.ValidateAsync(token, jwks, host.Emulator)).IsValid);
    }

    [Fact]
    public async Task Key_rotation_that_retires_the_old_key_leaves_only_the_new_key_in_the_jwks()
    {
        await using var host = await ControlApiHost.StartAsync();
        var oldKid = await CurrentKidAsync(host);

        using var rotate = await host.Http.PostAsJsonAsync("/_emulator/signing_keys/rotate", new { retire_old = true });
        var newKid = (await AuthKitClient.ReadJsonAsync(rotate)).GetProperty("kid").GetString();
        var jwks = await Jwt.FetchJwksAsync(host.Http, host.Emulator);

        Assert.Equal(newKid, Assert.Single(jwks.Keys).Kid);
        Assert.NotEqual(oldKid, newKid);
    }

    [Fact]
    public async Task Token_lifetime_applies_to_tokens_issued_afterwards()
    {
        await using var host = await ControlApiHost.StartAsync();

        using var set = await host.Http.PutAsJsonAsync("/_emulator/access_token_lifetime", new { seconds = 42 });
        var payload = Jwt.Payload((await host.Client.SignInAsync("alice@acme.com")).GetProperty("access_token").GetString()!);

        Assert.Equal(HttpStatusCode.OK, set.StatusCode);
        Assert.Equal(42, (await AuthKitClient.ReadJsonAsync(set)).GetProperty("seconds").GetInt32());
        Assert.Equal(42, payload.GetProperty("exp").GetInt64() - payload.GetProperty("iat").GetInt64());
    }

    [Theory]
    [InlineData("""{"seconds":0}""")]
    [InlineData("""{"seconds":-1}""")]
    [InlineData("""{}""")]
    public async Task Token_lifetime_that_is_not_positive_gets_422_and_keeps_the_lifetime(string body)
    {
        await using var host = await ControlApiHost.StartAsync();
        var before = host.Emulator.Options.AccessTokenLifetime;

        using var set = await host.Http.PutAsync("/_emulator/access_token_lifetime", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, set.StatusCode);
        Assert.Equal(before, host.Emulator.Options.AccessTokenLifetime);
    }

    [Fact]
    public async Task Revoked_session_can_no_longer_refresh()
    {
        await using var host = await ControlApiHost.StartAsync();
        var signIn = await host.Client.SignInAsync("alice@acme.com");
        var sessionId = Jwt.Payload(signIn.GetProperty("access_token").GetString()!).GetProperty("sid").GetString();

        using var revoke = await host.Http.PostAsJsonAsync($"/_emulator/sessions/{sessionId}/revoke", new { });
        using var refresh = await host.Client.RefreshAsync(signIn.GetProperty("refresh_token").GetString()!);
        using var unknown = await host.Http.PostAsJsonAsync("/_emulator/sessions/session_unknown/revoke", new { });

        Assert.Equal(HttpStatusCode.NoContent, revoke.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, refresh.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task Revoking_a_users_sessions_ends_each_of_them_and_says_how_many()
    {
        await using var host = await ControlApiHost.StartAsync();
        var first = await host.Client.SignInAsync("bob@acme.com");
        await host.Client.SignInAsync("bob@acme.com");

        using var revoke = await host.Http.PostAsJsonAsync("/_emulator/users/bob@acme.com/sessions/revoke", new { });
        using var refresh = await host.Client.RefreshAsync(first.GetProperty("refresh_token").GetString()!);
        using var unknown = await host.Http.PostAsJsonAsync("/_emulator/users/nobody@acme.com/sessions/revoke", new { });

        Assert.Equal(2, (await AuthKitClient.ReadJsonAsync(revoke)).GetProperty("revoked").GetInt32());
        Assert.Equal(HttpStatusCode.BadRequest, refresh.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task Changed_roles_and_role_permissions_show_in_the_next_refreshed_token()
    {
        await using var host = await ControlApiHost.StartAsync();
        var signIn = await host.Client.SignInAsync("bob@acme.com", "org_acme");

        using var roles = await host.Http.PutAsJsonAsync("/_emulator/users/user_bob/organizations/org_acme/roles", new { roles = new[] { "viewer" } });
        using var permissions = await host.Http.PutAsJsonAsync("/_emulator/roles/viewer/permissions", new { permissions = new[] { "posts:read", "posts:comment" } });
        using var refresh = await host.Client.RefreshAsync(signIn.GetProperty("refresh_token").GetString()!);
        var payload = Jwt.Payload((await AuthKitClient.ReadJsonAsync(refresh)).GetProperty("access_token").GetString()!);

        Assert.Equal(HttpStatusCode.NoContent, roles.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, permissions.StatusCode);
        Assert.Equal("viewer", payload.GetProperty("role").GetString());
        Assert.Equal(["posts:read", "posts:comment"], Jwt.Strings(payload, "permissions"));
    }

    [Theory]
    [InlineData("/_emulator/users/nobody/organizations/org_acme/roles", """{"roles":["admin"]}""")]
    [InlineData("/_emulator/users/user_bob/organizations/org_nowhere/roles", """{"roles":["admin"]}""")]
    [InlineData("/_emulator/users/user_bob/organizations/org_acme/roles", """{"roles":["no-such-role"]}""")]
    [InlineData("/_emulator/users/user_bob/organizations/org_acme/roles", """{"roles":[]}""")]
    [InlineData("/_emulator/roles/viewer/permissions", """{"permissions":["ok",""]}""")]
    [InlineData("/_emulator/organizations/org_nowhere/entitlements", """{"entitlements":["sso"]}""")]
    [InlineData("/_emulator/users/nobody/feature_flags", """{"flags":["beta"]}""")]
    public async Task Change_naming_an_unknown_user_organization_or_role_gets_422(string path, string body)
    {
        await using var host = await ControlApiHost.StartAsync();

        using var response = await host.Http.PutAsync(path, new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.False(string.IsNullOrEmpty((await AuthKitClient.ReadJsonAsync(response)).GetProperty("message").GetString()));
        Assert.Contains(2024, host.EventIds);
    }

    [Fact]
    public async Task Changed_flags_and_entitlements_show_in_the_api_and_the_next_refreshed_token()
    {
        await using var host = await ControlApiHost.StartAsync();
        var signIn = await host.Client.SignInAsync("alice@acme.com", "org_acme");

        using var userFlags = await host.Http.PutAsJsonAsync("/_emulator/users/alice@acme.com/feature_flags", new { flags = new[] { "beta-editor" } });
        using var orgFlags = await host.Http.PutAsJsonAsync("/_emulator/organizations/org_acme/feature_flags", new { flags = Array.Empty<string>() });
        using var entitlements = await host.Http.PutAsJsonAsync("/_emulator/organizations/org_acme/entitlements", new { entitlements = new[] { "audit-logs" } });
        using var listed = await host.Client.SendWithApiKeyAsync(HttpMethod.Get, "/user_management/users/user_alice/feature-flags");
        using var refresh = await host.Client.RefreshAsync(signIn.GetProperty("refresh_token").GetString()!);
        var payload = Jwt.Payload((await AuthKitClient.ReadJsonAsync(refresh)).GetProperty("access_token").GetString()!);

        Assert.All(new[] { userFlags, orgFlags, entitlements }, r => Assert.Equal(HttpStatusCode.NoContent, r.StatusCode));
        Assert.Contains("beta-editor", (await listed.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Equal(["audit-logs"], Jwt.Strings(payload, "entitlements"));
    }

    [Fact]
    public async Task Role_assignment_added_over_http_shows_in_the_members_assignments_until_removed()
    {
        await using var host = await ControlApiHost.StartAsync();
        const string assignments = "/authorization/organization_memberships/om_bob_acme/role_assignments";

        using var assign = await host.Http.PostAsJsonAsync("/_emulator/role_assignments", new
        {
            user = "bob@acme.com", organization_id = "org_acme", role_slug = "report-editor",
            resource_type_slug = "report", resource_external_id = "roadmap",
        });
        var id = (await AuthKitClient.ReadJsonAsync(assign)).GetProperty("id").GetString()!;
        using var withIt = await host.Client.SendWithApiKeyAsync(HttpMethod.Get, assignments);
        using var remove = await host.Http.DeleteAsync($"/_emulator/role_assignments/{id}");
        using var withoutIt = await host.Client.SendWithApiKeyAsync(HttpMethod.Get, assignments);
        using var again = await host.Http.DeleteAsync($"/_emulator/role_assignments/{id}");
        using var unknownRole = await host.Http.PostAsJsonAsync("/_emulator/role_assignments", new { user = "bob@acme.com", organization_id = "org_acme", role_slug = "no-such-role" });

        Assert.Equal(HttpStatusCode.OK, assign.StatusCode);
        Assert.Contains(id, await withIt.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NoContent, remove.StatusCode);
        Assert.DoesNotContain(id, await withoutIt.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, unknownRole.StatusCode);
    }

    [Fact]
    public async Task Revoked_api_key_no_longer_validates()
    {
        await using var host = await ControlApiHost.StartAsync();

        using var revoke = await host.Http.PostAsJsonAsync("/_emulator/api_keys/revoke", new { value = "sk_acme_reports_emulator" });
        using var validation = await host.Client.SendWithApiKeyAsync(HttpMethod.Post, "/api_keys/validations", new { value = "sk_acme_reports_emulator" });
        using var unknown = await host.Http.PostAsJsonAsync("/_emulator/api_keys/revoke", new { value = "sk_unknown" });

        Assert.Equal(HttpStatusCode.NoContent, revoke.StatusCode);
        Assert.Equal(JsonValueKind.Null, (await AuthKitClient.ReadJsonAsync(validation)).GetProperty("api_key").ValueKind);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task Request_log_counts_matching_requests_leaves_out_control_calls_and_can_be_cleared()
    {
        await using var host = await ControlApiHost.StartAsync();
        await host.Client.SignInAsync("alice@acme.com");
        using (await host.Http.GetAsync($"/sso/jwks/{host.Emulator.ClientId}"))
        {
        }

        var logged = host.Emulator.Requests.Count;

        using var grants = await host.Http.GetAsync("/_emulator/requests?method=POST&path=/user_management/authenticate");
        using var all = await host.Http.GetAsync("/_emulator/requests");
        using var clear = await host.Http.DeleteAsync("/_emulator/requests");
        using var after = await host.Http.GetAsync("/_emulator/requests");

        var grantList = await AuthKitClient.ReadJsonAsync(grants);
        Assert.Equal(1, grantList.GetProperty("count").GetInt32());
        Assert.Equal("authorization_code", grantList.GetProperty("data")[0].GetProperty("body").GetProperty("grant_type").GetString());
        Assert.Equal("***", grantList.GetProperty("data")[0].GetProperty("body").GetProperty("client_secret").GetString());
        var allList = await AuthKitClient.ReadJsonAsync(all);
        Assert.True(logged >= 3);
        Assert.Equal(logged, allList.GetProperty("count").GetInt32());
        Assert.DoesNotContain(allList.GetProperty("data").EnumerateArray(), r => r.GetProperty("path").GetString()!.StartsWith("/_emulator", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.NoContent, clear.StatusCode);
        Assert.Equal(0, (await AuthKitClient.ReadJsonAsync(after)).GetProperty("count").GetInt32());
    }

    private static async Task<string?> CurrentKidAsync(ControlApiHost host)
    {
        using var response = await host.Http.GetAsync("/_emulator/signing_keys/current");
        return (await AuthKitClient.ReadJsonAsync(response)).GetProperty("kid").GetString();
    }
}
