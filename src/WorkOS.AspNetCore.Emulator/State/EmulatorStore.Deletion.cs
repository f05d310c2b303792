namespace WorkOS.AspNetCore.Emulator.State;

internal sealed partial class EmulatorStore
{
    /// <summary>
    /// Deletes a user as WorkOS does: their sessions end, their memberships (and the role assignments of those) go, and
    /// the user goes; raises <c>session.revoked</c>, <c>organization_membership.deleted</c> and <c>user.deleted</c>.
    /// </summary>
    /// <returns><see langword="false"/> when there is no such user.</returns>
    public bool DeleteUser(string userIdOrEmail)
    {
        lock (_gate)
        {
            if (FindUserUnlocked(userIdOrEmail) is not { } user)
            {
                return false;
            }

            var now = Now;
            foreach (var session in _sessions.Values.Where(s => s.UserId == user.Id && s.IsActive))
            {
                session.EndedAt = now;
                session.UpdatedAt = now;
                Raise("session.revoked", ToDto(session));
            }

            foreach (var membership in _memberships.Where(m => m.UserId == user.Id).ToList())
            {
                Raise("organization_membership.deleted", membership);
                _roleAssignments.RemoveAll(a => a.MembershipId == membership.Id);
                _memberships.Remove(membership);
            }

            var deleted = ToDto(user);
            _users.Remove(user);
            Raise("user.deleted", deleted);
            return true;
        }
    }
}
