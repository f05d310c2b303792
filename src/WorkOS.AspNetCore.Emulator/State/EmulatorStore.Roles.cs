namespace WorkOS.AspNetCore.Emulator.State;

internal sealed partial class EmulatorStore
{
    /// <summary>
    /// Deletes an environment role that no membership or role assignment holds, raising <c>role.deleted</c>.
    /// </summary>
    /// <returns><see langword="false"/> when there is no such role.</returns>
    /// <exception cref="InvalidOperationException">A membership holds the role.</exception>
    public bool DeleteRole(string roleSlug)
    {
        lock (_gate)
        {
            if (_roles.FirstOrDefault(r => r.Slug == roleSlug) is not { } role)
            {
                return false;
            }

            if (_memberships.Any(m => m.Roles.Contains(roleSlug)) || _roleAssignments.Any(a => a.RoleSlug == roleSlug))
            {
                throw new InvalidOperationException($"The role '{roleSlug}' is held by a membership; give those members another role first.");
            }

            _roles.Remove(role);
            Raise("role.deleted", role);
            return true;
        }
    }
}
