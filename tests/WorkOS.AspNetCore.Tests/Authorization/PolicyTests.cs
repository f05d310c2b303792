using System.Net;
using System.Net.Http.Json;

namespace WorkOS.AspNetCore.Tests.Authorization;

/// <summary>
/// Each WorkOS requirement kind through the three ways ASP.NET developers authorize: attributes on a controller,
/// minimal API endpoint and group helpers, and <c>IAuthorizationService</c>. Alice is an admin of Acme, Bob a member
/// of Acme (entitlements audit-logs and sso, flag new-dashboard), Carol a viewer of Globex (no entitlements or flags),
/// Dave has no organization.
/// </summary>
public sealed class PolicyTests(PolicyAppFixture fixture) : IClassFixture<PolicyAppFixture>
{
    public static TheoryData<string, string?, int> Endpoints => new()
    {
        // A permission-shaped policy name, with no AddPolicy anywhere.
        { "/min/policy", "alice", 200 }, { "/min/policy", "bob", 403 }, { "/min/policy", null, 302 },
        { "/mvc/policy", "alice", 200 }, { "/mvc/policy", "bob", 403 }, { "/mvc/policy", null, 302 },

        // Permissions: all, any.
        { "/min/permission", "alice", 200 }, { "/min/permission", "bob", 403 }, { "/min/permission", null, 302 },
        { "/mvc/permission", "alice", 200 }, { "/mvc/permission", "bob", 403 }, { "/mvc/permission", null, 302 },
        { "/min/permission-all", "alice", 200 }, { "/min/permission-all", "bob", 403 },
        { "/min/permission-any", "bob", 200 }, { "/min/permission-any", "carol", 403 }, { "/min/permission-any", null, 302 },
        { "/mvc/permission-any", "bob", 200 }, { "/mvc/permission-any", "carol", 403 }, { "/mvc/permission-any", null, 302 },

        // Roles, including [Authorize(Roles = ...)] and a route group.
        { "/min/role", "alice", 200 }, { "/min/role", "bob", 403 }, { "/min/role", null, 302 },
        { "/mvc/role", "alice", 200 }, { "/mvc/role", "bob", 403 }, { "/mvc/role", null, 302 },
        { "/mvc/roles", "alice", 200 }, { "/mvc/roles", "bob", 403 }, { "/mvc/roles", null, 302 },
        { "/min/admin/users", "alice", 200 }, { "/min/admin/users", "bob", 403 }, { "/min/admin/users", null, 302 },

        // Entitlements, also as an attribute on a minimal API handler.
        { "/min/entitlement", "bob", 200 }, { "/min/entitlement", "carol", 403 }, { "/min/entitlement", null, 302 },
        { "/mvc/entitlement", "bob", 200 }, { "/mvc/entitlement", "carol", 403 }, { "/mvc/entitlement", null, 302 },
        { "/min/attribute", "bob", 200 }, { "/min/attribute", "carol", 403 }, { "/min/attribute", null, 302 },

        // Feature flags.
        { "/min/flag", "bob", 200 }, { "/min/flag", "carol", 403 }, { "/min/flag", null, 302 },
        { "/mvc/flag", "bob", 200 }, { "/mvc/flag", "carol", 403 }, { "/mvc/flag", null, 302 },

        // Organization: any, or a specific one.
        { "/min/organization", "carol", 200 }, { "/min/organization", "dave", 403 }, { "/min/organization", null, 302 },
        { "/min/organization/acme", "bob", 200 }, { "/min/organization/acme", "carol", 403 }, { "/min/organization/acme", null, 302 },
        { "/mvc/organization", "bob", 200 }, { "/mvc/organization", "carol", 403 }, { "/mvc/organization", null, 302 },

        // Not impersonating: an ordinary session passes, anonymous is challenged (impersonated sessions below).
        { "/min/not-impersonating", "dave", 200 }, { "/min/not-impersonating", null, 302 },
        { "/mvc/not-impersonating", "bob", 200 }, { "/mvc/not-impersonating", null, 302 },

        // Recent authentication: anonymous is challenged (signed-in cases with chosen auth_time values below).
        { "/min/recent", null, 302 },
        { "/mvc/recent", null, 302 },

        // [AllowAnonymous] wins over the WorkOS attributes, as over [Authorize].
        { "/mvc/open", null, 200 }, { "/mvc/open", "bob", 200 },
    };

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task Requirement_answers_200_403_or_the_challenge(string path, string? user, int expected)
    {
        var browser = fixture.Browser(user);

        var response = await browser.GetAsync(path);

        if (expected == 302)
        {
            Assert.True(response.IsChallenge(fixture.App), $"Expected a redirect to AuthKit, got {(int)response.StatusCode} {response.Headers.Location}");
        }
        else
        {
            Assert.Equal((HttpStatusCode)expected, response.StatusCode);
        }

        if (user is null)
        {
            browser.Dispose();
        }
    }

    public static TheoryData<string, string?, bool> ServiceChecks => new()
    {
        { "posts:write", "alice", true }, { "posts:write", "bob", false }, { "posts:write", null, false },
        { "permission", "alice", true }, { "permission", "bob", false }, { "permission", null, false },
        { "role", "alice", true }, { "role", "bob", false }, { "role", null, false },
        { "entitlement", "bob", true }, { "entitlement", "carol", false }, { "entitlement", null, false },
        { "flag", "bob", true }, { "flag", "carol", false }, { "flag", null, false },
        { "organization", "bob", true }, { "organization", "carol", false }, { "organization", "dave", false }, { "organization", null, false },
        { "not-impersonating", "bob", true }, { "not-impersonating", null, false },
        { "recent", null, false },
    };

    [Theory]
    [MemberData(nameof(ServiceChecks))]
    public async Task Authorization_service_evaluates_the_requirement(string kind, string? user, bool expected)
    {
        var browser = fixture.Browser(user);

        var answer = await browser.GetAsync("/svc/" + Uri.EscapeDataString(kind));

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.Equal(expected, (await answer.Content.ReadFromJsonAsync<AuthorizationAnswer>())!.Succeeded);
        if (user is null)
        {
            browser.Dispose();
        }
    }

    [Theory]
    [InlineData("/min/not-impersonating")]
    [InlineData("/mvc/not-impersonating")]
    public async Task Impersonated_session_is_forbidden_where_impersonation_is_not_allowed(string path)
    {
        var impersonated = await fixture.App.GetWithTokenAsync(path, AuthorizationTestApp.BobClaims(("act", new Dictionary<string, object> { ["sub"] = "support@example.com" })));
        var own = await fixture.App.GetWithTokenAsync(path, AuthorizationTestApp.BobClaims());

        Assert.Equal(HttpStatusCode.Forbidden, impersonated.StatusCode);
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
    }

    [Theory]
    [InlineData("/min/recent")]
    [InlineData("/mvc/recent")]
    public async Task Recent_authentication_passes_within_max_age_only(string path)
    {
        var now = fixture.App.Clock.GetUtcNow();

        var recent = await fixture.App.GetWithTokenAsync(path, AuthorizationTestApp.BobClaims(("auth_time", now.AddMinutes(-2).ToUnixTimeSeconds())));
        var old = await fixture.App.GetWithTokenAsync(path, AuthorizationTestApp.BobClaims(("auth_time", now.AddMinutes(-6).ToUnixTimeSeconds())));
        var future = await fixture.App.GetWithTokenAsync(path, AuthorizationTestApp.BobClaims(("auth_time", now.AddHours(1).ToUnixTimeSeconds())));
        var missing = await fixture.App.GetWithTokenAsync(path, AuthorizationTestApp.BobClaims());

        Assert.Equal(HttpStatusCode.OK, recent.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, old.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, future.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, missing.StatusCode);
    }

    [Fact]
    public async Task Authorization_service_sees_recent_authentication_and_impersonation()
    {
        var now = fixture.App.Clock.GetUtcNow();

        var recent = await fixture.App.GetWithTokenAsync("/svc/recent", AuthorizationTestApp.BobClaims(("auth_time", now.ToUnixTimeSeconds())));
        var impersonated = await fixture.App.GetWithTokenAsync("/svc/not-impersonating",
            AuthorizationTestApp.BobClaims(("act", new Dictionary<string, object> { ["sub"] = "support@example.com" })));

        Assert.True((await recent.Content.ReadFromJsonAsync<AuthorizationAnswer>())!.Succeeded);
        Assert.False((await impersonated.Content.ReadFromJsonAsync<AuthorizationAnswer>())!.Succeeded);
    }

    [Fact]
    public async Task Recent_authentication_follows_the_app_clock()
    {
        await using var app = await AuthorizationTestApp.StartAsync();
        var authTime = app.Clock.GetUtcNow().ToUnixTimeSeconds();
        var claims = AuthorizationTestApp.BobClaims(("auth_time", authTime), ("exp", authTime + 3600));

        var first = await app.GetWithTokenAsync("/min/recent", claims);
        app.Clock.Advance(TimeSpan.FromMinutes(6));
        var later = await app.GetWithTokenAsync("/min/recent", claims);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, later.StatusCode);
    }
}
