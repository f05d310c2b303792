using WorkOS.AspNetCore.Authorization;

namespace Microsoft.AspNetCore.Authorization;

/// <summary>
/// WorkOS requirements for <see cref="AuthorizationPolicyBuilder"/>, for <c>AddPolicy</c>:
/// <code>
/// builder.Services.AddAuthorizationBuilder()
///     .AddPolicy("billing", policy => policy.RequireWorkOSRole("admin").RequireWorkOSEntitlement("billing"));
/// </code>
/// Each requirement passes only for an authenticated identity, so an anonymous user gets the challenge and a
/// signed-in user who lacks the claim gets 403.
/// </summary>
public static class WorkOSAuthorizationPolicyBuilderExtensions
{
    /// <summary>Requires every one of the WorkOS permissions (the <c>permissions</c> of the access token).</summary>
    /// <param name="builder">The policy builder.</param>
    /// <param name="permissions">The permission slugs, for example <c>posts:write</c>.</param>
    /// <returns>The builder.</returns>
    public static AuthorizationPolicyBuilder RequireWorkOSPermission(this AuthorizationPolicyBuilder builder, params string[] permissions) =>
        Add(builder, WorkOSRequirementFactory.Permissions(permissions, requireAll: true));

    /// <summary>Requires at least one of the WorkOS permissions.</summary>
    /// <param name="builder">The policy builder.</param>
    /// <param name="permissions">The permission slugs.</param>
    /// <returns>The builder.</returns>
    public static AuthorizationPolicyBuilder RequireAnyWorkOSPermission(this AuthorizationPolicyBuilder builder, params string[] permissions) =>
        Add(builder, WorkOSRequirementFactory.Permissions(permissions, requireAll: false));

    /// <summary>Requires at least one of the WorkOS roles in the session's organization (like <c>RequireRole</c>).</summary>
    /// <param name="builder">The policy builder.</param>
    /// <param name="roles">The role slugs, for example <c>admin</c>.</param>
    /// <returns>The builder.</returns>
    public static AuthorizationPolicyBuilder RequireWorkOSRole(this AuthorizationPolicyBuilder builder, params string[] roles) =>
        Add(builder, WorkOSRequirementFactory.Roles(roles));

    /// <summary>Requires every one of the entitlements of the session's organization.</summary>
    /// <param name="builder">The policy builder.</param>
    /// <param name="entitlements">The entitlements, for example <c>audit-logs</c>.</param>
    /// <returns>The builder.</returns>
    public static AuthorizationPolicyBuilder RequireWorkOSEntitlement(this AuthorizationPolicyBuilder builder, params string[] entitlements) =>
        Add(builder, WorkOSRequirementFactory.Entitlements(entitlements));

    /// <summary>Requires every one of the feature flags to be enabled for the user.</summary>
    /// <param name="builder">The policy builder.</param>
    /// <param name="featureFlags">The feature flag slugs.</param>
    /// <returns>The builder.</returns>
    public static AuthorizationPolicyBuilder RequireWorkOSFeatureFlag(this AuthorizationPolicyBuilder builder, params string[] featureFlags) =>
        Add(builder, WorkOSRequirementFactory.FeatureFlags(featureFlags));

    /// <summary>Requires a session scoped to an organization: any, or one of <paramref name="organizationIds"/>.</summary>
    /// <param name="builder">The policy builder.</param>
    /// <param name="organizationIds">The accepted organization ids; none for any organization.</param>
    /// <returns>The builder.</returns>
    public static AuthorizationPolicyBuilder RequireWorkOSOrganization(this AuthorizationPolicyBuilder builder, params string[] organizationIds) =>
        Add(builder, WorkOSRequirementFactory.Organization(organizationIds));

    /// <summary>Requires a signed-in user whom no WorkOS dashboard user is impersonating (for payouts, account deletion, ...).</summary>
    /// <param name="builder">The policy builder.</param>
    /// <returns>The builder.</returns>
    public static AuthorizationPolicyBuilder RequireWorkOSNotImpersonating(this AuthorizationPolicyBuilder builder) =>
        Add(builder, WorkOSRequirementFactory.NotImpersonating());

    /// <summary>
    /// Requires that the user authenticated (the token's <c>auth_time</c>) at most <paramref name="maxAge"/> ago. A
    /// principal without <c>auth_time</c> fails: nothing says when the user last proved who they are. Send such users
    /// through sign-in again (for example with <c>WorkOSChallengeProperties.MaxAge</c>) rather than treating them as recent.
    /// </summary>
    /// <param name="builder">The policy builder.</param>
    /// <param name="maxAge">The longest accepted time since authentication; positive.</param>
    /// <returns>The builder.</returns>
    public static AuthorizationPolicyBuilder RequireRecentWorkOSAuthentication(this AuthorizationPolicyBuilder builder, TimeSpan maxAge) =>
        Add(builder, WorkOSRequirementFactory.RecentAuthentication(maxAge));

    private static AuthorizationPolicyBuilder Add(AuthorizationPolicyBuilder builder, IAuthorizationRequirement requirement)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.AddRequirements(requirement);
    }
}
