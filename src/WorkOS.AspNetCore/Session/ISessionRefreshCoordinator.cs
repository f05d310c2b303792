namespace WorkOS.AspNetCore.Session;

/// <summary>
/// Decides who spends a session's refresh token and how everyone else gets the session that replaced it. The library
/// registers an in-process implementation (one refresh per refresh token however many requests carry it, results
/// kept in this instance's memory); <c>AddWorkOSDistributedSessionCoordination()</c> registers one that shares them
/// through the app's distributed cache, and the WorkOS.AspNetCore.StackExchangeRedis package one on Redis. Register your own (as a singleton, before or after <c>AddWorkOSAuthKit</c>)
/// to coordinate through another store.
/// </summary>
/// <remarks>
/// <para>
/// Refresh tokens are never given to an implementation: a refresh token is known by its key, the hex SHA-256 of the
/// token. The library trusts a session an implementation hands back as it trusts its own results (its access token is
/// used without being verified again), so an implementation that stores results outside the process must seal them
/// (for example with DataProtection) and must not hand out anything it did not get from <see cref="KeepAsync"/>.
/// </para>
/// <para>
/// What an implementation must guarantee: <see cref="RefreshAsync"/> runs the refresh at most once at a time per key
/// among the callers it coordinates, and hands every caller that waited the same result; <see cref="FindAsync"/>
/// hands out a kept session only within its replay window, only while its access token is valid, and only one
/// rotation back (never once the kept session's own refresh token has been kept in turn); a key that was kept is
/// remembered as spent for at least ten minutes, so a late request never spends its token again.
/// </para>
/// <para>
/// Organization switches spend refresh tokens too and come through <see cref="RefreshAsync"/> like refreshes, so one
/// token is never spent by a switch on one instance and a refresh on another.
/// </para>
/// <para>
/// When its store cannot be reached, an implementation either carries on without it (as the Redis one does, within
/// this instance) or throws <see cref="SessionCoordinationUnavailableException"/>: the library takes that for a
/// transient refresh failure (the user stays signed in while the access token is valid, nothing is spent, log 1821).
/// Any other exception is taken for a bug and surfaces to the app's exception handling.
/// </para>
/// </remarks>
public interface ISessionRefreshCoordinator
{
    /// <summary>
    /// What is known about the refresh token with this key: the session that replaced it while it may still be handed
    /// out, <see cref="SessionRefreshResult.Spent"/> when it was spent but nothing may be handed out for it (past the
    /// replay window, two rotations back, or its replacement could not be trusted), or <see langword="null"/> when it
    /// was not spent here.
    /// </summary>
    /// <param name="refreshTokenKey">The hex SHA-256 of the refresh token.</param>
    /// <param name="cancellationToken">Cancels the lookup.</param>
    /// <returns>The replacement, <see cref="SessionRefreshResult.Spent"/>, or <see langword="null"/>.</returns>
    /// <exception cref="SessionCoordinationUnavailableException">The store cannot be reached.</exception>
    ValueTask<SessionRefreshResult?> FindAsync(string refreshTokenKey, CancellationToken cancellationToken = default);

    /// <summary>
    /// Keeps the result of spending the refresh token with this key: a session that requests still carrying the
    /// token may be handed for <paramref name="replayWindow"/> (and never after its access token expires), or
    /// <see cref="SessionRefreshResult.Spent"/> to mark the token spent with nothing to hand out.
    /// </summary>
    /// <param name="refreshTokenKey">The hex SHA-256 of the spent refresh token.</param>
    /// <param name="result">The replacement session, or <see cref="SessionRefreshResult.Spent"/>.</param>
    /// <param name="replayWindow">How long the replacement may be handed out; zero for none.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task that completes when the result is kept.</returns>
    /// <exception cref="SessionCoordinationUnavailableException">The store cannot be reached; the result is not kept.</exception>
    ValueTask KeepAsync(string refreshTokenKey, SessionRefreshResult result, TimeSpan replayWindow, CancellationToken cancellationToken = default);

    /// <summary>
    /// Spends the refresh token with this key by running <paramref name="refresh"/>, or hands back the result of the
    /// caller that spends it. Concurrent callers of one key share one run. An implementation that coordinates several
    /// instances lets one of them run it (a lease) and has the others wait for the session it keeps; when none comes in
    /// time it may run <paramref name="refresh"/> itself (WorkOS then answers with its own replay grace, or
    /// <c>invalid_grant</c>, and the library asks <see cref="WaitForReplacementAsync"/>).
    /// </summary>
    /// <param name="refreshTokenKey">The hex SHA-256 of the refresh token.</param>
    /// <param name="refresh">The library's refresh: calls WorkOS, verifies the new token and keeps the result. Bounded by <c>RefreshTimeout</c>.</param>
    /// <param name="cancellationToken">Ends this caller's wait; never the refresh other callers wait for.</param>
    /// <returns>The result every caller of this run gets.</returns>
    /// <exception cref="SessionCoordinationUnavailableException">The store cannot be reached; nothing was spent.</exception>
    Task<SessionRefreshResult> RefreshAsync(string refreshTokenKey, Func<Task<SessionRefreshResult>> refresh, CancellationToken cancellationToken = default);

    /// <summary>
    /// WorkOS answered that the refresh token with this key was already spent (<c>invalid_grant</c>): the session
    /// another instance got for it, once it is kept, or <see langword="null"/> when none comes in time. An
    /// implementation that does not coordinate instances answers <see langword="null"/> at once: every refresh of
    /// this instance already shared its result.
    /// </summary>
    /// <param name="refreshTokenKey">The hex SHA-256 of the refresh token.</param>
    /// <param name="cancellationToken">Ends the wait.</param>
    /// <returns>What <see cref="FindAsync"/> answered once it knew something, or <see langword="null"/>.</returns>
    /// <exception cref="SessionCoordinationUnavailableException">The store cannot be reached.</exception>
    ValueTask<SessionRefreshResult?> WaitForReplacementAsync(string refreshTokenKey, CancellationToken cancellationToken = default);
}
