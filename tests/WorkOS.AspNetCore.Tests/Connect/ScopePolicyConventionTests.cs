using System.Net;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using WorkOS.AspNetCore.Claims;
using WorkOS.AspNetCore.Connect;

namespace WorkOS.AspNetCore.Tests.Connect;

/// <summary>
/// <c>[Authorize(Policy = "scope:posts:write")]</c> needs no registration: the policy provider reads the <c>scope:</c>
/// prefix as "requires these Connect scopes", beside the permission convention (<c>posts:write</c>), which keeps
/// reading WorkOS permissions.
/// </summary>
public sealed class ScopePolicyConventionTests
{
    private static Task<ConnectTestApp> StartAsync() => ConnectTestApp.StartAsync(endpoints: app =>
    {
        app.MapPost("/api/convention/posts", [Authorize(Policy = "scope:posts:write")] () => "created");
        app.MapPost("/api/convention/both", [Authorize(Policy = "scope:posts:read posts:write")] () => "both");
        app.MapGet("/api/convention/reports", [Authorize(Policy = WorkOSConnectDefaults.ScopePolicyPrefix + "reports")] () => "reports");
        app.MapGet("/api/convention/permission", [Authorize(Policy = "posts:read")] () => "permission");
    });

    private static string Challenge(HttpResponseMessage response) => Assert.Single(response.Headers.WwwAuthenticate).ToString();

    [Fact]
    public async Task Scope_policy_name_allows_a_token_granted_the_scope()
    {
        await using var app = await StartAsync();
        using var response = await app.SendAsync(HttpMethod.Post, "/api/convention/posts", await app.M2MTokenAsync("posts:write"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("created", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Scope_policy_name_denies_a_token_without_the_scope_with_403_insufficient_scope_naming_it()
    {
        await using var app = await StartAsync();
        using var response = await app.SendAsync(HttpMethod.Post, "/api/convention/posts", await app.M2MTokenAsync("posts:read"));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var challenge = Challenge(response);
        Assert.StartsWith("Bearer resource_metadata=\"http://localhost/.well-known/oauth-protected-resource\"", challenge, StringComparison.Ordinal);
        Assert.Contains("error=\"insufficient_scope\"", challenge, StringComparison.Ordinal);
        Assert.Contains("scope=\"posts:write\"", challenge, StringComparison.Ordinal);
        Assert.True(app.Logged(1055));
    }

    [Fact]
    public async Task Scope_policy_name_without_a_token_is_challenged_with_401_not_forbidden()
    {
        await using var app = await StartAsync();
        using var response = await app.SendAsync(HttpMethod.Post, "/api/convention/posts", null);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Scope_policy_name_with_two_scopes_requires_both_and_names_the_missing_one()
    {
        await using var app = await StartAsync();
        using (var both = await app.SendAsync(HttpMethod.Post, "/api/convention/both", await app.M2MTokenAsync("posts:read posts:write")))
        {
            Assert.Equal(HttpStatusCode.OK, both.StatusCode);
        }

        using var one = await app.SendAsync(HttpMethod.Post, "/api/convention/both", await app.M2MTokenAsync("posts:read"));
        Assert.Equal(HttpStatusCode.Forbidden, one.StatusCode);
        Assert.Contains("scope=\"posts:write\"", Challenge(one), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Scope_policy_name_of_a_one_word_scope_is_a_scope_policy_not_a_permission_policy()
    {
        await using var app = await StartAsync();
        // "scope:reports" also has the shape of a permission slug; the prefix makes it a scope policy.
        using var response = await app.GetAsync("/api/convention/reports", await app.M2MTokenAsync());
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("scope=\"reports\"", Challenge(response), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Permission_policy_name_is_not_satisfied_by_a_scope_of_the_same_name()
    {
        await using var app = await StartAsync();
        using var response = await app.GetAsync("/api/convention/permission", await app.M2MTokenAsync("posts:read"));
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task Permission_policy_name_still_allows_a_user_with_the_workos_permission()
    {
        await using var app = await ConnectTestApp.StartAsync(
            services: s => s.AddAuthentication().AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, PermissionUserHandler>("permission-user", null),
            endpoints: a => a.MapGet("/api/convention/user", [Authorize(Policy = "posts:read", AuthenticationSchemes = "permission-user")] () => "permission"));
        using var response = await app.GetAsync("/api/convention/user");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private sealed class PermissionUserHandler(Microsoft.Extensions.Options.IOptionsMonitor<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions> options,
        Microsoft.Extensions.Logging.ILoggerFactory logger, System.Text.Encodings.Web.UrlEncoder encoder)
        : Microsoft.AspNetCore.Authentication.AuthenticationHandler<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions>(options, logger, encoder)
    {
        protected override Task<Microsoft.AspNetCore.Authentication.AuthenticateResult> HandleAuthenticateAsync()
        {
            var identity = new System.Security.Claims.ClaimsIdentity([new System.Security.Claims.Claim(WorkOSClaimTypes.Permission, "posts:read")], Scheme.Name);
            return Task.FromResult(Microsoft.AspNetCore.Authentication.AuthenticateResult.Success(
                new Microsoft.AspNetCore.Authentication.AuthenticationTicket(new System.Security.Claims.ClaimsPrincipal(identity), Scheme.Name)));
        }
    }
}
