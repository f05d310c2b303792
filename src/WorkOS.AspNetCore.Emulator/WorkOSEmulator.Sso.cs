namespace WorkOS.AspNetCore.Emulator;

public sealed partial class WorkOSEmulator
{
    /// <summary>
    /// Adds an SSO connection while the emulator runs, checked as a seed connection is: the organization must exist,
    /// the id must be new, the state is <c>active</c> or <c>inactive</c>, and each profile has an email. Sign-ins through
    /// <c>GET /sso/authorize?connection=</c> (or <c>organization=</c>) can use it at once.
    /// </summary>
    /// <param name="connection">The connection; the id is generated when missing.</param>
    /// <returns>The connection id.</returns>
    /// <exception cref="ArgumentException">The organization is unknown, the id is taken, or the state or a profile is invalid.</exception>
    public string AddConnection(SeedConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        return _core.Store.AddConnection(connection);
    }

    /// <summary>Activates or deactivates an SSO connection; an inactive one answers <c>connection_unlinked</c>.</summary>
    /// <param name="connectionId">The connection id.</param>
    /// <param name="active">Whether the connection can sign users in.</param>
    /// <returns><see langword="true"/> when the connection exists.</returns>
    public bool SetConnectionActive(string connectionId, bool active)
    {
        ArgumentNullException.ThrowIfNull(connectionId);
        return _core.Store.SetConnectionState(connectionId, active);
    }

    /// <summary>
    /// The emails the emulator sent (Magic Links of <c>POST /passwordless/sessions/{id}/send</c>), oldest first. Nothing
    /// leaves the machine: tests read the link here, the control API lists them at <c>GET /_emulator/outbox</c>, and the
    /// page <c>/passwordless/outbox</c> (linked from the SSO sign-in page) shows them to a developer.
    /// </summary>
    public IReadOnlyList<EmulatorEmail> Outbox => _core.Store.Outbox();

    /// <summary>Empties <see cref="Outbox"/>.</summary>
    public void ClearOutbox() => _core.Store.ClearOutbox();
}
