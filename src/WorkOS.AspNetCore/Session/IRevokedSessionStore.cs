namespace WorkOS.AspNetCore.Session;

/// <summary>
/// Sessions (by <c>sid</c>) that were signed out or revoked here, kept until every access token of theirs has expired.
/// The cookie check consults it on every request, so a signed-out cookie is worthless at once even while its access
/// token has time left. In-memory by default; shared through the app's distributed cache when multi-instance
/// coordination is on (<c>AddWorkOSDistributedSessionCoordination()</c>).
/// </summary>
internal interface IRevokedSessionStore
{
    /// <summary>Adds the session until <paramref name="until"/> (the latest expiry of an access token it may hold).</summary>
    ValueTask RevokeAsync(string sessionId, DateTimeOffset until, CancellationToken cancellationToken = default);

    /// <summary>
    /// Whether the session is on the list. Throws <see cref="SessionCoordinationUnavailableException"/> when the list cannot be read (a shared cache that is down); callers
    /// fail closed.
    /// </summary>
    ValueTask<bool> IsRevokedAsync(string sessionId, CancellationToken cancellationToken = default);
}
