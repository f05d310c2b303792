namespace WorkOS.AspNetCore.Session;

/// <summary>
/// Raised on this instance when a WorkOS event put a session or a subject on the revoked-session list, so live Blazor
/// circuits of this instance check this instance's list at once instead of at their next revalidation.
/// </summary>
internal sealed class SessionRevokedSignal
{
    public event Action? Revoked;

    public void Raise() => Revoked?.Invoke();
}
