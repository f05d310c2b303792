using WorkOS.AspNetCore.Emulator.Wire;

namespace WorkOS.AspNetCore.Emulator.State;

/// <summary>
/// Directory Sync as far as the emulator models it: each member of an organization is provisioned by that
/// organization's directory (<c>directory_{org}</c>, the user as <c>directory_user_{user}</c>), and can be deprovisioned.
/// </summary>
internal sealed partial class EmulatorStore
{
    /// <summary>
    /// Deprovisions a user from an organization's directory, as an identity provider removing them does: the
    /// membership becomes inactive and <c>dsync.user.updated</c> (state <c>inactive</c>), <c>dsync.user.deleted</c> and
    /// <c>organization_membership.updated</c> are raised. Sessions stay as they are, as in WorkOS: ending them is the app's
    /// part, on these events.
    /// </summary>
    /// <returns><see langword="false"/> when the user is not an active member of the organization.</returns>
    public bool DeprovisionDirectoryUser(string userIdOrEmail, string organizationId)
    {
        lock (_gate)
        {
            if (FindUserUnlocked(userIdOrEmail) is not { } user || ActiveMembershipUnlocked(user.Id, organizationId) is not { } membership)
            {
                return false;
            }

            var now = Now;
            Raise("dsync.user.updated", ToDirectoryUser(user, membership, "inactive", now));
            Raise("dsync.user.deleted", ToDirectoryUser(user, membership, "inactive", now));
            membership.Status = "inactive";
            membership.UpdatedAt = now;
            Raise("organization_membership.updated", membership);
            return true;
        }
    }

    private static DirectoryUserDto ToDirectoryUser(UserRecord user, MembershipRecord membership, string state, DateTimeOffset now) => new(
        "directory_user",
        "directory_user_" + Suffix(user.Id, "user_"),
        "directory_" + Suffix(membership.OrganizationId, "org_"),
        membership.OrganizationId,
        user.Id,
        user.Email,
        [new DirectoryUserEmailDto(true, "work", user.Email)],
        user.FirstName,
        user.LastName,
        user.Email,
        state,
        membership.Roles.Count > 0 ? new SlugDto(membership.Roles[0]) : null,
        new Dictionary<string, string>(),
        new Dictionary<string, string>(),
        WireTime.Format(membership.CreatedAt),
        WireTime.Format(now));

    private static string Suffix(string id, string prefix) => id.StartsWith(prefix, StringComparison.Ordinal) ? id[prefix.Length..] : id;
}
