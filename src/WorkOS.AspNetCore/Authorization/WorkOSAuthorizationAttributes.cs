using Microsoft.AspNetCore.Authorization;

namespace WorkOS.AspNetCore.Authorization;

/// <summary>
/// The base of the WorkOS authorization attributes: requirements ASP.NET Core evaluates like <c>[Authorize]</c>
/// (controllers, actions, Razor page models, minimal API handlers), with the same answers: the challenge for an
/// anonymous user, 403 for a signed-in one who lacks the claim. <c>[AllowAnonymous]</c> skips them.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method, AllowMultiple = true, Inherited = true)]
public abstract class WorkOSAuthorizationAttribute : Attribute, IAuthorizationRequirementData
{
    private IAuthorizationRequirement[]? _requirements;

    private protected WorkOSAuthorizationAttribute()
    {
    }

    /// <inheritdoc />
    public IEnumerable<IAuthorizationRequirement> GetRequirements() => _requirements ??= [CreateRequirement()];

    private protected abstract IAuthorizationRequirement CreateRequirement();

    private protected static string[] Required(string[]? values, string name) =>
        values is { Length: > 0 } && values.All(v => !string.IsNullOrWhiteSpace(v))
            ? values
            : throw new ArgumentException("Give at least one value, and no empty ones.", name);
}

/// <summary>Requires WorkOS permissions: all of them, or any when <see cref="RequireAll"/> is <see langword="false"/>.</summary>
/// <param name="permissions">The permission slugs, for example <c>posts:write</c>.</param>
public sealed class RequireWorkOSPermissionAttribute(params string[] permissions) : WorkOSAuthorizationAttribute
{
    /// <summary>The permission slugs.</summary>
    public IReadOnlyList<string> Permissions { get; } = Required(permissions, nameof(permissions));

    /// <summary>Whether every permission is required (the default) or any one of them.</summary>
    public bool RequireAll { get; set; } = true;

    private protected override IAuthorizationRequirement CreateRequirement() => WorkOSRequirementFactory.Permissions([.. Permissions], RequireAll);
}

/// <summary>Requires at least one of the WorkOS roles in the session's organization.</summary>
/// <param name="roles">The role slugs, for example <c>admin</c>.</param>
public sealed class RequireWorkOSRoleAttribute(params string[] roles) : WorkOSAuthorizationAttribute
{
    /// <summary>The role slugs.</summary>
    public IReadOnlyList<string> Roles { get; } = Required(roles, nameof(roles));

    private protected override IAuthorizationRequirement CreateRequirement() => WorkOSRequirementFactory.Roles([.. Roles]);
}

/// <summary>Requires every one of the entitlements of the session's organization.</summary>
/// <param name="entitlements">The entitlements, for example <c>audit-logs</c>.</param>
public sealed class RequireWorkOSEntitlementAttribute(params string[] entitlements) : WorkOSAuthorizationAttribute
{
    /// <summary>The entitlements.</summary>
    public IReadOnlyList<string> Entitlements { get; } = Required(entitlements, nameof(entitlements));

    private protected override IAuthorizationRequirement CreateRequirement() => WorkOSRequirementFactory.Entitlements([.. Entitlements]);
}

/// <summary>Requires every one of the feature flags to be enabled.</summary>
/// <param name="featureFlags">The feature flag slugs.</param>
public sealed class RequireWorkOSFeatureFlagAttribute(params string[] featureFlags) : WorkOSAuthorizationAttribute
{
    /// <summary>The feature flag slugs.</summary>
    public IReadOnlyList<string> FeatureFlags { get; } = Required(featureFlags, nameof(featureFlags));

    private protected override IAuthorizationRequirement CreateRequirement() => WorkOSRequirementFactory.FeatureFlags([.. FeatureFlags]);
}

/// <summary>Requires a session scoped to an organization: any, or one of the given ids.</summary>
/// <param name="organizationIds">The accepted organization ids; none for any organization.</param>
public sealed class RequireWorkOSOrganizationAttribute(params string[] organizationIds) : WorkOSAuthorizationAttribute
{
    /// <summary>The accepted organization ids; empty for any.</summary>
    public IReadOnlyList<string> OrganizationIds { get; } = organizationIds ?? [];

    private protected override IAuthorizationRequirement CreateRequirement() => WorkOSRequirementFactory.Organization([.. OrganizationIds]);
}

/// <summary>Requires a signed-in user whom no WorkOS dashboard user is impersonating.</summary>
public sealed class RequireWorkOSNotImpersonatingAttribute : WorkOSAuthorizationAttribute
{
    private protected override IAuthorizationRequirement CreateRequirement() => WorkOSRequirementFactory.NotImpersonating();
}

/// <summary>
/// Requires that the user authenticated (<c>auth_time</c>) at most <paramref name="maxAgeSeconds"/> seconds ago. A
/// principal without <c>auth_time</c> fails.
/// </summary>
/// <param name="maxAgeSeconds">The longest accepted time since authentication, in seconds; positive.</param>
public sealed class RequireRecentWorkOSAuthenticationAttribute(int maxAgeSeconds) : WorkOSAuthorizationAttribute
{
    /// <summary>The longest accepted time since authentication.</summary>
    public TimeSpan MaxAge { get; } = maxAgeSeconds > 0
        ? TimeSpan.FromSeconds(maxAgeSeconds)
        : throw new ArgumentOutOfRangeException(nameof(maxAgeSeconds), maxAgeSeconds, "Give a positive number of seconds.");

    private protected override IAuthorizationRequirement CreateRequirement() => WorkOSRequirementFactory.RecentAuthentication(MaxAge);
}
