namespace WorkOS.AspNetCore.Session;

/// <summary>
/// Sessions (by <c>sid</c>) that were signed out or revoked, and subject-level marks (a user's or a membership's tokens
/// issued before a time, refused or refreshed early), each kept until every access token it covers has expired.
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

    /// <summary>
    /// Adds a subject-level mark, or moves an existing one forward: a mark's time and retention only ever grow, so an
    /// older event applied after a newer one changes nothing.
    /// </summary>
    ValueTask MarkAsync(SessionMark mark, CancellationToken cancellationToken = default);

    /// <summary>
    /// How the list stands on a token: its session revoked, its subject revoked or marked for refresh after it was
    /// issued, or none of these. Throws <see cref="SessionCoordinationUnavailableException"/> when the list cannot be
    /// read; callers fail closed.
    /// </summary>
    ValueTask<SessionStanding> CheckAsync(SessionSubject subject, CancellationToken cancellationToken = default);
}
