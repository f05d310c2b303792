using Microsoft.AspNetCore.Authorization;

namespace WorkOS.AspNetCore.Fga;

/// <summary>
/// Requires a WorkOS fine-grained check of a permission on the resource passed to
/// <c>IAuthorizationService.AuthorizeAsync(user, resource, requirement)</c>, which must be a
/// <see cref="WorkOSResource"/>:
/// <code>
/// var result = await authorization.AuthorizeAsync(User, WorkOSResource.FromExternalId("report", report.Id),
///     new WorkOSCheckRequirement("report:edit"));
/// </code>
/// A failed result carries a <see cref="WorkOSCheckFailureReason"/> saying why (denied, not a member, WorkOS unavailable).
/// Checks are memoized per request and fail closed.
/// </summary>
public sealed class WorkOSCheckRequirement : IAuthorizationRequirement
{
    /// <summary>Creates the requirement.</summary>
    /// <param name="permission">The permission slug, for example <c>report:edit</c>.</param>
    public WorkOSCheckRequirement(string permission)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(permission);
        Permission = permission;
    }

    /// <summary>The permission slug.</summary>
    public string Permission { get; }

    /// <inheritdoc />
    public override string ToString() => $"WorkOSCheckRequirement: requires WorkOS to authorize '{Permission}' on the resource";
}
