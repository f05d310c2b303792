namespace WorkOS.AspNetCore.SsoSample.Users;

/// <summary>
/// The app's own user table, in memory: a user is found by the connection and identity-provider id of their SSO
/// profile (stable for one person at one identity provider) and created on first sign-in. Replace it with the app's database.
/// </summary>
public sealed class AppUserStore(TimeProvider time)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<(string ConnectionId, string IdpId), AppUser> _users = [];

    /// <summary>All users, oldest first.</summary>
    public IReadOnlyList<AppUser> All
    {
        get
        {
            lock (_gate)
            {
                return [.. _users.Values.OrderBy(u => u.Id)];
            }
        }
    }

    /// <summary>The user with this app id, or <see langword="null"/>.</summary>
    public AppUser? Find(int id)
    {
        lock (_gate)
        {
            return _users.Values.FirstOrDefault(u => u.Id == id);
        }
    }

    /// <summary>The user linked to this identity, created when there is none yet.</summary>
    /// <returns>The user, and whether it was created now.</returns>
    public (AppUser User, bool Created) FindOrCreate(string connectionId, string idpId, string email)
    {
        lock (_gate)
        {
            if (_users.TryGetValue((connectionId, idpId), out var existing))
            {
                return (existing, false);
            }

            var user = new AppUser(_users.Count + 1, email, connectionId, idpId, time.GetUtcNow());
            _users.Add((connectionId, idpId), user);
            return (user, true);
        }
    }
}
