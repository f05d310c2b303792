using Microsoft.AspNetCore.Authorization;

namespace Microsoft.AspNetCore.Builder;

/// <summary>
/// WorkOS requirements on minimal API endpoints and route groups, like <c>RequireAuthorization</c>:
/// <code>
/// app.MapPost("/posts", ...).RequireWorkOSPermission("posts:write");
/// var admin = app.MapGroup("/admin").RequireWorkOSRole("admin");
/// </code>
/// Anonymous users get the challenge; signed-in users who lack the claim get 403.
/// </summary>
public static class WorkOSAuthorizationEndpointConventionBuilderExtensions
{
    /// <summary>Requires every one of the WorkOS permissions.</summary>
    /// <typeparam name="TBuilder">The endpoint or group builder.</typeparam>
    /// <param name="builder">The endpoint or route group.</param>
    /// <param name="permissions">The permission slugs.</param>
    /// <returns>The builder.</returns>
    public static TBuilder RequireWorkOSPermission<TBuilder>(this TBuilder builder, params string[] permissions)
        where TBuilder : IEndpointConventionBuilder => Require(builder, p => p.RequireWorkOSPermission(permissions));

    /// <summary>Requires at least one of the WorkOS permissions.</summary>
    /// <typeparam name="TBuilder">The endpoint or group builder.</typeparam>
    /// <param name="builder">The endpoint or route group.</param>
    /// <param name="permissions">The permission slugs.</param>
    /// <returns>The builder.</returns>
    public static TBuilder RequireAnyWorkOSPermission<TBuilder>(this TBuilder builder, params string[] permissions)
        where TBuilder : IEndpointConventionBuilder => Require(builder, p => p.RequireAnyWorkOSPermission(permissions));

    /// <summary>Requires at least one of the WorkOS roles.</summary>
    /// <typeparam name="TBuilder">The endpoint or group builder.</typeparam>
    /// <param name="builder">The endpoint or route group.</param>
    /// <param name="roles">The role slugs.</param>
    /// <returns>The builder.</returns>
    public static TBuilder RequireWorkOSRole<TBuilder>(this TBuilder builder, params string[] roles)
        where TBuilder : IEndpointConventionBuilder => Require(builder, p => p.RequireWorkOSRole(roles));

    /// <summary>Requires every one of the organization's entitlements.</summary>
    /// <typeparam name="TBuilder">The endpoint or group builder.</typeparam>
    /// <param name="builder">The endpoint or route group.</param>
    /// <param name="entitlements">The entitlements.</param>
    /// <returns>The builder.</returns>
    public static TBuilder RequireWorkOSEntitlement<TBuilder>(this TBuilder builder, params string[] entitlements)
        where TBuilder : IEndpointConventionBuilder => Require(builder, p => p.RequireWorkOSEntitlement(entitlements));

    /// <summary>Requires every one of the feature flags.</summary>
    /// <typeparam name="TBuilder">The endpoint or group builder.</typeparam>
    /// <param name="builder">The endpoint or route group.</param>
    /// <param name="featureFlags">The feature flag slugs.</param>
    /// <returns>The builder.</returns>
    public static TBuilder RequireWorkOSFeatureFlag<TBuilder>(this TBuilder builder, params string[] featureFlags)
        where TBuilder : IEndpointConventionBuilder => Require(builder, p => p.RequireWorkOSFeatureFlag(featureFlags));

    /// <summary>Requires a session scoped to an organization: any, or one of <paramref name="organizationIds"/>.</summary>
    /// <typeparam name="TBuilder">The endpoint or group builder.</typeparam>
    /// <param name="builder">The endpoint or route group.</param>
    /// <param name="organizationIds">The accepted organization ids; none for any.</param>
    /// <returns>The builder.</returns>
    public static TBuilder RequireWorkOSOrganization<TBuilder>(this TBuilder builder, params string[] organizationIds)
        where TBuilder : IEndpointConventionBuilder => Require(builder, p => p.RequireWorkOSOrganization(organizationIds));

    /// <summary>Requires a signed-in user who is not being impersonated.</summary>
    /// <typeparam name="TBuilder">The endpoint or group builder.</typeparam>
    /// <param name="builder">The endpoint or route group.</param>
    /// <returns>The builder.</returns>
    public static TBuilder RequireWorkOSNotImpersonating<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder => Require(builder, p => p.RequireWorkOSNotImpersonating());

    /// <summary>Requires authentication (<c>auth_time</c>) within <paramref name="maxAge"/>; a principal without <c>auth_time</c> fails.</summary>
    /// <typeparam name="TBuilder">The endpoint or group builder.</typeparam>
    /// <param name="builder">The endpoint or route group.</param>
    /// <param name="maxAge">The longest accepted time since authentication.</param>
    /// <returns>The builder.</returns>
    public static TBuilder RequireRecentWorkOSAuthentication<TBuilder>(this TBuilder builder, TimeSpan maxAge)
        where TBuilder : IEndpointConventionBuilder => Require(builder, p => p.RequireRecentWorkOSAuthentication(maxAge));

    private static TBuilder Require<TBuilder>(TBuilder builder, Action<AuthorizationPolicyBuilder> configure)
        where TBuilder : IEndpointConventionBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);

        // Built here, once: argument errors surface at startup, and the endpoint carries one policy instance.
        var policy = new AuthorizationPolicyBuilder();
        configure(policy);
        return builder.RequireAuthorization(policy.Build());
    }
}
