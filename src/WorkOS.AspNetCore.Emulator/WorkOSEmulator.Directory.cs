namespace WorkOS.AspNetCore.Emulator;

public sealed partial class WorkOSEmulator
{
    /// <summary>
    /// Adds a user while the emulator runs, checked as a seed user is: an email is required, and neither the id nor
    /// the email (ignoring case) may belong to another user. The user can sign in at once (by <c>login_hint</c> or on
    /// the sign-in page) and the users API shows them; webhook endpoints receive <c>user.created</c>.
    /// </summary>
    /// <param name="user">The user; the id is generated when missing.</param>
    /// <returns>The user id.</returns>
    /// <exception cref="ArgumentException">The user has no email, or the id or email is taken.</exception>
    public string AddUser(SeedUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return _core.Store.AddUser(user);
    }

    /// <summary>
    /// Deletes a user, as from the WorkOS dashboard: their sessions end (so their refresh tokens stop working), their
    /// memberships go, and webhook endpoints receive <c>session.revoked</c>, <c>organization_membership.deleted</c> and
    /// <c>user.deleted</c>.
    /// </summary>
    /// <param name="userIdOrEmail">The user id or email address.</param>
    /// <returns><see langword="true"/> when the user existed.</returns>
    public bool DeleteUser(string userIdOrEmail)
    {
        ArgumentNullException.ThrowIfNull(userIdOrEmail);
        return _core.Store.DeleteUser(userIdOrEmail);
    }

    /// <summary>Adds an organization while the emulator runs, checked as a seed organization is: the id must be new.</summary>
    /// <param name="organization">The organization; the id is generated when missing.</param>
    /// <returns>The organization id.</returns>
    /// <exception cref="ArgumentException">The id is taken.</exception>
    public string AddOrganization(SeedOrganization organization)
    {
        ArgumentNullException.ThrowIfNull(organization);
        return _core.Store.AddOrganization(organization);
    }

    /// <summary>
    /// Adds a membership while the emulator runs, checked as a seed membership is: the user (by id or email), the
    /// organization and each role must exist, the user must not be a member of the organization already, and the
    /// status is <c>active</c>, <c>inactive</c> or <c>pending</c>. An active membership lets the user sign in to the
    /// organization; its roles reach tokens at the next sign-in or refresh.
    /// </summary>
    /// <param name="membership">The membership; the id is generated when missing, the role is <c>member</c> when none is given.</param>
    /// <returns>The membership id.</returns>
    /// <exception cref="ArgumentException">The user, organization or a role is unknown, the membership exists, or the status is unknown.</exception>
    public string AddMembership(SeedMembership membership)
    {
        ArgumentNullException.ThrowIfNull(membership);
        return _core.Store.AddMembership(membership);
    }

    /// <summary>
    /// Deprovisions a member of an organization from its directory, as an identity provider removing them through
    /// Directory Sync does: the membership becomes inactive (so the user can no longer sign in to the organization), and
    /// webhook endpoints receive <c>dsync.user.updated</c> (state <c>inactive</c>), <c>dsync.user.deleted</c> and
    /// <c>organization_membership.updated</c>. The directory user is <c>directory_user_{user id without user_}</c> in the
    /// directory <c>directory_{organization id without org_}</c>, with the user's email. The user's sessions are not
    /// ended: as with WorkOS, that is for the app to do on these events.
    /// </summary>
    /// <param name="userIdOrEmail">The user id or email address.</param>
    /// <param name="organizationId">The organization whose directory removes the user.</param>
    /// <returns><see langword="true"/> when the user was an active member of the organization.</returns>
    public bool DeprovisionDirectoryUser(string userIdOrEmail, string organizationId)
    {
        ArgumentNullException.ThrowIfNull(userIdOrEmail);
        ArgumentNullException.ThrowIfNull(organizationId);
        return _core.Store.DeprovisionDirectoryUser(userIdOrEmail, organizationId);
    }

    /// <summary>Deletes an environment role that no membership or role assignment holds; webhook endpoints receive <c>role.deleted</c>.</summary>
    /// <param name="roleSlug">The role slug.</param>
    /// <returns><see langword="true"/> when the role existed.</returns>
    /// <exception cref="InvalidOperationException">A membership or role assignment holds the role.</exception>
    public bool DeleteRole(string roleSlug)
    {
        ArgumentNullException.ThrowIfNull(roleSlug);
        return _core.Store.DeleteRole(roleSlug);
    }
}
