namespace WorkOS.AspNetCore.Emulator;

public sealed partial class WorkOSEmulator
{
    /// <summary>A snapshot of every request received so far, oldest first. Secrets are masked.</summary>
    public IReadOnlyList<EmulatorRequest> Requests => _core.Log.Snapshot();

    /// <summary>Counts logged requests.</summary>
    /// <param name="method">The HTTP method (case-insensitive), or <c>*</c> for any.</param>
    /// <param name="path">The exact path, or a prefix ending with <c>*</c> (for example <c>/user_management/*</c>).</param>
    /// <returns>The number of matching requests.</returns>
    public int CountRequests(string method, string path)
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(path);
        return _core.Log.Count(method, path);
    }

    /// <summary>Empties the request log.</summary>
    public void ClearRequests() => _core.Log.Clear();

    /// <summary>The <c>kid</c> of the key that signs new access tokens.</summary>
    public string CurrentKeyId => _core.Keys.Current.KeyId;

    /// <summary>
    /// Makes a new RSA key (with a new <c>kid</c>) the signing key. The old keys stay in the JWKS, so tokens they
    /// signed keep verifying, unless <paramref name="retireOld"/> is <see langword="true"/>.
    /// </summary>
    /// <param name="retireOld">Whether to remove the previous keys from the JWKS.</param>
    public void RotateSigningKey(bool retireOld = false) => _core.Keys.Rotate(retireOld);

    /// <summary>Sets the lifetime of access tokens issued from now on.</summary>
    /// <param name="lifetime">A positive lifetime.</param>
    public void SetAccessTokenLifetime(TimeSpan lifetime)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(lifetime, TimeSpan.Zero);
        _core.Options.AccessTokenLifetime = lifetime;
    }

    /// <summary>Ends a session, as if revoked from the WorkOS dashboard; its refresh tokens stop working.</summary>
    /// <param name="sessionId">The session id (<c>sid</c> claim).</param>
    /// <returns><see langword="true"/> when the session exists.</returns>
    public bool RevokeSession(string sessionId)
    {
        ArgumentNullException.ThrowIfNull(sessionId);
        return _core.Store.EndSession(sessionId) is not null;
    }

    /// <summary>A snapshot of all sessions, active and ended, oldest first.</summary>
    public IReadOnlyList<EmulatorSession> Sessions => _core.Store.Sessions();

    /// <summary>
    /// Replaces a user's roles in an organization (creating an active membership when there is none). Tokens show
    /// the change from their next refresh on; the memberships API shows it at once.
    /// </summary>
    /// <param name="userIdOrEmail">The user id or email address.</param>
    /// <param name="organizationId">The organization id.</param>
    /// <param name="roleSlugs">The role slugs (at least one), the first being the primary role.</param>
    /// <exception cref="ArgumentException">The user, organization or a role is unknown.</exception>
    public void SetUserRoles(string userIdOrEmail, string organizationId, params string[] roleSlugs)
    {
        ArgumentNullException.ThrowIfNull(userIdOrEmail);
        ArgumentNullException.ThrowIfNull(organizationId);
        ArgumentNullException.ThrowIfNull(roleSlugs);
        _core.Store.SetUserRoles(userIdOrEmail, organizationId, roleSlugs);
    }

    /// <summary>
    /// Replaces the permissions of a role, creating the role when it does not exist; webhook endpoints receive
    /// <c>role.created</c> or <c>role.updated</c>.
    /// </summary>
    /// <param name="roleSlug">The role slug.</param>
    /// <param name="permissions">The permission slugs.</param>
    public void SetRolePermissions(string roleSlug, params string[] permissions)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(roleSlug);
        ArgumentNullException.ThrowIfNull(permissions);
        _core.Store.SetRolePermissions(roleSlug, permissions);
    }

    /// <summary>
    /// Makes the next <paramref name="count"/> requests matching <paramref name="method"/> and
    /// <paramref name="path"/> fail with <paramref name="statusCode"/> before any endpoint runs. Faults are
    /// matched in the order they were added.
    /// </summary>
    /// <param name="method">The HTTP method (case-insensitive), or <c>*</c> for any.</param>
    /// <param name="path">The exact path, or a prefix ending with <c>*</c>.</param>
    /// <param name="statusCode">The status to answer with; 0 only adds the latency and then lets the endpoint answer.</param>
    /// <param name="body">The body (sent as JSON when it looks like JSON); a WorkOS-style <c>{"message":...}</c> when <see langword="null"/>.</param>
    /// <param name="latency">
    /// A delay before answering, on the emulator's clock (<see cref="WorkOSEmulatorOptions.TimeProvider"/>): with a fake
    /// clock the request waits until the clock is advanced past it (see <see cref="WaitForDelayedRequestsAsync"/>).
    /// </param>
    /// <param name="count">How many requests to affect; -1 until <see cref="ClearFaults"/>.</param>
    /// <param name="contentType">The <c>Content-Type</c>, such as <c>text/html</c>; guessed from the body when <see langword="null"/>.</param>
    /// <param name="headers">Response headers, such as <c>Location</c> for a redirect or <c>Retry-After</c>.</param>
    /// <param name="padTo">Pads the body with spaces to this many bytes (an oversized answer); 0 for none.</param>
    public void InjectFault(string method, string path, int statusCode, string? body = null, TimeSpan? latency = null, int count = 1,
        string? contentType = null, IReadOnlyDictionary<string, string>? headers = null, int padTo = 0)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(method);
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (statusCode != 0 && statusCode is < 100 or > 599)
        {
            throw new ArgumentOutOfRangeException(nameof(statusCode), statusCode, "Use an HTTP status code, or 0 for latency only.");
        }

        if (count == 0 || count < -1)
        {
            throw new ArgumentOutOfRangeException(nameof(count), count, "Use a positive count, or -1 for until cleared.");
        }

        var delay = latency ?? TimeSpan.Zero;
        ArgumentOutOfRangeException.ThrowIfLessThan(delay, TimeSpan.Zero, nameof(latency));
        ArgumentOutOfRangeException.ThrowIfNegative(padTo);
        _core.Faults.Add(method, path, statusCode, body, delay, count, contentType, headers, padTo);
    }

    /// <summary>
    /// Completes once <paramref name="count"/> requests matching <paramref name="method"/> and <paramref name="path"/>
    /// have started waiting out an injected latency (counted since the emulator started). With a fake clock, advancing
    /// it past the latency after this completes releases those requests.
    /// </summary>
    /// <param name="method">The HTTP method (case-insensitive), or <c>*</c> for any.</param>
    /// <param name="path">The exact path, or a prefix ending with <c>*</c>.</param>
    /// <param name="count">How many delayed requests to wait for; at least 1.</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <returns>A task that completes when the requests are held.</returns>
    public Task WaitForDelayedRequestsAsync(string method, string path, int count = 1, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(method);
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        return _core.Delayed.WaitAsync(method, path, count, cancellationToken);
    }

    /// <summary>Removes all injected faults.</summary>
    public void ClearFaults() => _core.Faults.Clear();

    /// <summary>
    /// Signs arbitrary claims with the current key, for tests of token handling. <c>iss</c>, <c>jti</c>,
    /// <c>iat</c> and <c>exp</c> are added unless present.
    /// </summary>
    /// <param name="claims">The claims; arrays become JSON arrays.</param>
    /// <param name="lifetime">The lifetime; the access token lifetime when <see langword="null"/>.</param>
    /// <returns>The compact JWT.</returns>
    public string CreateAccessToken(IDictionary<string, object> claims, TimeSpan? lifetime = null)
    {
        ArgumentNullException.ThrowIfNull(claims);
        return _core.Tokens.Create(claims, lifetime);
    }
}
