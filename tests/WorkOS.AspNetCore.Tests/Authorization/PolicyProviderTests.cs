using System.Security.Claims;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.DependencyInjection;
using WorkOS.AspNetCore.Claims;

namespace WorkOS.AspNetCore.Tests.Authorization;

public sealed class PolicyProviderTests
{
    [Fact]
    public async Task Permission_policy_is_built_once_and_the_same_instance_returned_after()
    {
        using var services = Build();
        var provider = services.GetRequiredService<IAuthorizationPolicyProvider>();

        var first = await provider.GetPolicyAsync("posts:write");
        var second = await provider.GetPolicyAsync("posts:write");
        var other = await provider.GetPolicyAsync("posts:read");

        Assert.NotNull(first);
        Assert.Same(first, second);
        Assert.NotSame(first, other);
        Assert.True(provider.AllowsCachingPolicies);
    }

    [Fact]
    public async Task Permission_policy_requires_exactly_that_permission_on_an_authenticated_identity()
    {
        using var services = Build();
        var authorization = services.GetRequiredService<IAuthorizationService>();

        var holder = await authorization.AuthorizeAsync(User("posts:write"), "posts:write");
        var other = await authorization.AuthorizeAsync(User("posts:read"), "posts:write");
        var caseDiffers = await authorization.AuthorizeAsync(User("POSTS:WRITE"), "posts:write");
        var unauthenticated = await authorization.AuthorizeAsync(
            new ClaimsPrincipal(new ClaimsIdentity([new Claim(WorkOSClaimTypes.Permission, "posts:write")])), "posts:write");
        var anonymous = await authorization.AuthorizeAsync(new ClaimsPrincipal(new ClaimsIdentity()), "posts:write");

        Assert.True(holder.Succeeded);
        Assert.False(other.Succeeded);
        Assert.False(caseDiffers.Succeeded);
        Assert.False(unauthenticated.Succeeded);
        Assert.False(anonymous.Succeeded);
    }

    [Theory]
    [InlineData("Admins Only")]
    [InlineData("Posts:Write")]
    [InlineData("posts")]
    [InlineData("posts:write:extra")]
    [InlineData(":write")]
    public async Task Names_that_are_not_permission_shaped_still_throw_as_AspNet_does(string name)
    {
        using var services = Build();
        var provider = services.GetRequiredService<IAuthorizationPolicyProvider>();
        var authorization = services.GetRequiredService<IAuthorizationService>();

        Assert.Null(await provider.GetPolicyAsync(name));
        await Assert.ThrowsAsync<InvalidOperationException>(() => authorization.AuthorizeAsync(User("posts:write"), name));
    }

    [Fact]
    public async Task Registered_policies_default_and_fallback_come_from_the_app()
    {
        var fallback = new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build();
        var defaultPolicy = new AuthorizationPolicyBuilder().RequireClaim("custom").Build();
        using var services = Build(options =>
        {
            options.AddPolicy("posts:write", policy => policy.RequireRole("editor"));
            options.AddPolicy("Admins Only", policy => policy.RequireRole("admin"));
            options.FallbackPolicy = fallback;
            options.DefaultPolicy = defaultPolicy;
        });
        var provider = services.GetRequiredService<IAuthorizationPolicyProvider>();
        var authorization = services.GetRequiredService<IAuthorizationService>();

        Assert.Same(fallback, await provider.GetFallbackPolicyAsync());
        Assert.Same(defaultPolicy, await provider.GetDefaultPolicyAsync());
        Assert.NotNull(await provider.GetPolicyAsync("Admins Only"));
        // The app's own "posts:write" policy wins over the convention: a role, not the permission.
        Assert.False((await authorization.AuthorizeAsync(User("posts:write"), "posts:write")).Succeeded);
        Assert.True((await authorization.AuthorizeAsync(User("nothing", role: "editor"), "posts:write")).Succeeded);
    }

    [Fact]
    public async Task Convention_can_be_turned_off_or_changed()
    {
        using var off = Build(configure: o => o.PermissionPolicyPattern = null);
        using var custom = Build(configure: o => o.PermissionPolicyPattern = new Regex("^[A-Za-z]+\\.[A-Za-z]+$"));

        Assert.Null(await off.GetRequiredService<IAuthorizationPolicyProvider>().GetPolicyAsync("posts:write"));
        Assert.Null(await custom.GetRequiredService<IAuthorizationPolicyProvider>().GetPolicyAsync("posts:write"));
        Assert.True((await custom.GetRequiredService<IAuthorizationService>().AuthorizeAsync(User("Posts.Write"), "Posts.Write")).Succeeded);
    }

    [Fact]
    public async Task A_policy_provider_the_app_registered_first_is_kept_and_asked_first()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IAuthorizationPolicyProvider, TenantPolicyProvider>();
        services.AddAuthorization();
        services.AddWorkOSAuthorization();
        services.AddAuthorization(); // a later call changes nothing
        using var provider = services.BuildServiceProvider();
        var policies = provider.GetRequiredService<IAuthorizationPolicyProvider>();
        var authorization = provider.GetRequiredService<IAuthorizationService>();

        Assert.Same(TenantPolicyProvider.Tenant, await policies.GetPolicyAsync("tenant:anything"));
        Assert.True((await authorization.AuthorizeAsync(User("posts:write"), "posts:write")).Succeeded);
        Assert.False(policies.AllowsCachingPolicies);
    }

    [Fact]
    public async Task Bearer_only_apps_get_the_convention_from_AddWorkOSAuthorization()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddWorkOSAuthorization();
        services.AddAuthorization();
        using var provider = services.BuildServiceProvider();

        var result = await provider.GetRequiredService<IAuthorizationService>().AuthorizeAsync(User("reports:view"), "reports:view");

        Assert.True(result.Succeeded);
    }

    [Fact]
    public void Helpers_refuse_empty_requirements_at_startup()
    {
        var builder = new AuthorizationPolicyBuilder();

        Assert.Throws<ArgumentException>(() => builder.RequireWorkOSPermission());
        Assert.Throws<ArgumentException>(() => builder.RequireWorkOSRole(""));
        Assert.Throws<ArgumentOutOfRangeException>(() => builder.RequireRecentWorkOSAuthentication(TimeSpan.Zero));
        Assert.Throws<ArgumentException>(() => new WorkOS.AspNetCore.Authorization.RequireWorkOSEntitlementAttribute());
        Assert.Throws<ArgumentOutOfRangeException>(() => new WorkOS.AspNetCore.Authorization.RequireRecentWorkOSAuthenticationAttribute(0));
    }

    private static ServiceProvider Build(Action<AuthorizationOptions>? authorization = null,
        Action<WorkOS.AspNetCore.Authorization.WorkOSAuthorizationOptions>? configure = null)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddAuthorization(authorization ?? (_ => { }));
        services.AddWorkOSAuthorization(configure);
        return services.BuildServiceProvider();
    }

    private static ClaimsPrincipal User(string permission, string? role = null)
    {
        var identity = new ClaimsIdentity("test", WorkOSClaimTypes.Email, WorkOSClaimTypes.Role);
        identity.AddClaim(new Claim(WorkOSClaimTypes.UserId, "user_test"));
        identity.AddClaim(new Claim(WorkOSClaimTypes.Permission, permission));
        if (role is not null)
        {
            identity.AddClaim(new Claim(WorkOSClaimTypes.Role, role));
        }

        return new ClaimsPrincipal(identity);
    }

    /// <summary>An app's own provider: answers "tenant:*" itself, nothing else, and does not allow caching.</summary>
    private sealed class TenantPolicyProvider : IAuthorizationPolicyProvider
    {
        public static readonly AuthorizationPolicy Tenant = new AuthorizationPolicyBuilder().RequireClaim("tenant").Build();

        public bool AllowsCachingPolicies => false;

        public Task<AuthorizationPolicy> GetDefaultPolicyAsync() => Task.FromResult(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());

        public Task<AuthorizationPolicy?> GetFallbackPolicyAsync() => Task.FromResult<AuthorizationPolicy?>(null);

        public Task<AuthorizationPolicy?> GetPolicyAsync(string policyName) =>
            Task.FromResult(policyName.StartsWith("tenant:", StringComparison.Ordinal) ? Tenant : null);
    }
}
