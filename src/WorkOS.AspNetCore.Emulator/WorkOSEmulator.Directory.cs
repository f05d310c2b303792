namespace WorkOS.AspNetCore.Emulator;

public sealed partial class WorkOSEmulator
{
    /// <summary>
    /// Adds a user while the emulator runs, checked as a seed user is: an email is required, and neither the id nor
    /// the email (ignoring case) may belong to another user. The user can sign in at once (by <c>login_hint</c> or on
    /// the sign-in page) and the users API shows them.
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
}
