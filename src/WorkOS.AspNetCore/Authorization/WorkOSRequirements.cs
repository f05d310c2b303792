using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using WorkOS.AspNetCore.Claims;

namespace WorkOS.AspNetCore.Authorization;

/// <summary>
/// Requires claims of one WorkOS type (permissions, roles, entitlements, feature flags) with all or any of some
/// values, on an authenticated identity. Handles itself, so it needs no handler registration.
/// </summary>
internal sealed class WorkOSClaimRequirement : AuthorizationHandler<WorkOSClaimRequirement>, IAuthorizationRequirement
{
    public WorkOSClaimRequirement(string claimType, string kind, IEnumerable<string> values, bool requireAll)
    {
        ArgumentNullException.ThrowIfNull(values);
        Values = [.. values.Distinct(StringComparer.Ordinal)];
        if (Values.Length == 0 || Values.Any(string.IsNullOrWhiteSpace))
        {
            throw new ArgumentException($"Give at least one {kind}, and no empty ones.", nameof(values));
        }

        ClaimType = claimType;
        Kind = kind;
        RequireAll = requireAll || Values.Length == 1;
    }

    public string ClaimType { get; }

    public string Kind { get; }

    public string[] Values { get; }

    public bool RequireAll { get; }

    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, WorkOSClaimRequirement requirement)
    {
        if (requirement.IsSatisfiedBy(context.User))
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }

    internal bool IsSatisfiedBy(ClaimsPrincipal? user)
    {
        if (user is null)
        {
            return false;
        }

        if (RequireAll)
        {
            foreach (var value in Values)
            {
                if (!WorkOSRequirementClaims.HasValue(user, ClaimType, value))
                {
                    return false;
                }
            }

            return true;
        }

        foreach (var value in Values)
        {
            if (WorkOSRequirementClaims.HasValue(user, ClaimType, value))
            {
                return true;
            }
        }

        return false;
    }

    public override string ToString() =>
        $"WorkOS{Kind}Requirement: requires {(RequireAll ? "all" : "any")} of [{string.Join(", ", Values)}] as '{ClaimType}' claims";
}

/// <summary>Requires a session scoped to an organization: any, or one of the given ones.</summary>
internal sealed class WorkOSOrganizationRequirement : AuthorizationHandler<WorkOSOrganizationRequirement>, IAuthorizationRequirement
{
    public WorkOSOrganizationRequirement(IEnumerable<string> organizationIds)
    {
        ArgumentNullException.ThrowIfNull(organizationIds);
        OrganizationIds = [.. organizationIds.Distinct(StringComparer.Ordinal)];
        if (OrganizationIds.Any(string.IsNullOrWhiteSpace))
        {
            throw new ArgumentException("Organization ids must not be empty.", nameof(organizationIds));
        }
    }

    /// <summary>The accepted organizations; empty for any.</summary>
    public string[] OrganizationIds { get; }

    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, WorkOSOrganizationRequirement requirement)
    {
        foreach (var identity in context.User.Identities)
        {
            if (identity.IsAuthenticated && identity.FindFirst(WorkOSClaimTypes.OrganizationId)?.Value is { Length: > 0 } organizationId
                && (requirement.OrganizationIds.Length == 0 || requirement.OrganizationIds.Contains(organizationId, StringComparer.Ordinal)))
            {
                context.Succeed(requirement);
                break;
            }
        }

        return Task.CompletedTask;
    }

    public override string ToString() => OrganizationIds.Length == 0
        ? "WorkOSOrganizationRequirement: requires a session scoped to an organization"
        : $"WorkOSOrganizationRequirement: requires a session scoped to one of [{string.Join(", ", OrganizationIds)}]";
}

/// <summary>Requires a signed-in user whom no WorkOS dashboard user is impersonating.</summary>
internal sealed class WorkOSNotImpersonatingRequirement : AuthorizationHandler<WorkOSNotImpersonatingRequirement>, IAuthorizationRequirement
{
    public static readonly WorkOSNotImpersonatingRequirement Instance = new();

    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, WorkOSNotImpersonatingRequirement requirement)
    {
        var user = context.User;
        if (user.Identities.Any(i => i.IsAuthenticated) && !user.HasClaim(c => c.Type == WorkOSClaimTypes.Impersonator))
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }

    public override string ToString() => "WorkOSNotImpersonatingRequirement: requires a user who is not being impersonated";
}

/// <summary>
/// Requires that the user authenticated (<c>auth_time</c>) at most <see cref="MaxAge"/> ago. A principal without
/// <c>auth_time</c> fails: nothing says how long ago the user proved who they are. Handled by
/// <see cref="WorkOSAuthorizationHandler"/>, which has the clock.
/// </summary>
internal sealed class WorkOSRecentAuthenticationRequirement : IAuthorizationRequirement
{
    /// <summary>How far in the future an <c>auth_time</c> may be (clock differences) before it is distrusted.</summary>
    internal static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);

    public WorkOSRecentAuthenticationRequirement(TimeSpan maxAge)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(maxAge, TimeSpan.Zero);
        MaxAge = maxAge;
    }

    public TimeSpan MaxAge { get; }

    internal bool IsSatisfiedBy(ClaimsPrincipal user, DateTimeOffset now)
    {
        foreach (var identity in user.Identities)
        {
            if (identity.IsAuthenticated
                && long.TryParse(identity.FindFirst(WorkOSClaimTypes.AuthenticationTime)?.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
                && seconds <= DateTimeOffset.MaxValue.ToUnixTimeSeconds())
            {
                var authenticatedAt = DateTimeOffset.FromUnixTimeSeconds(seconds);
                if (authenticatedAt <= now + ClockSkew && now - authenticatedAt <= MaxAge)
                {
                    return true;
                }
            }
        }

        return false;
    }

    public override string ToString() =>
        $"WorkOSRecentAuthenticationRequirement: requires authentication within the last {MaxAge.TotalSeconds.ToString(CultureInfo.InvariantCulture)} seconds";
}

/// <summary>Claim lookups that only trust authenticated identities.</summary>
internal static class WorkOSRequirementClaims
{
    public static bool HasValue(ClaimsPrincipal user, string claimType, string value)
    {
        foreach (var identity in user.Identities)
        {
            if (!identity.IsAuthenticated)
            {
                continue;
            }

            foreach (var claim in identity.Claims)
            {
                if (string.Equals(claim.Type, claimType, StringComparison.Ordinal) && string.Equals(claim.Value, value, StringComparison.Ordinal))
                {
                    return true;
                }
            }
        }

        return false;
    }
}
