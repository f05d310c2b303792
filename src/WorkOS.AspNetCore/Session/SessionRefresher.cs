using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using WorkOS.AspNetCore.Api;
using WorkOS.AspNetCore.Diagnostics;
using WorkOS.AspNetCore.Tokens;

namespace WorkOS.AspNetCore.Session;

/// <summary>
/// Spends refresh tokens, carefully. Who spends a refresh token and how the other requests (or instances) get its
/// result is the <see cref="ISessionRefreshCoordinator"/>'s call; here: one refresh or organization switch per session at
/// a time in this instance; results kept for the replay window so late requests carrying the just-spent token get the
/// new session; transient failures backed off per session; terminal failures reported as the end of the session;
/// revoked sessions never refreshed.
/// </summary>
internal sealed class SessionRefresher(
    IHttpClientFactory httpClientFactory,
    AccessTokenValidators validators,
    ISessionRefreshCoordinator coordinator,
    IRevokedSessionStore revoked,
    TimeProvider timeProvider,
    ILogger<SessionRefresher> logger,
    WorkOSMetrics metrics)
{
    private const int MaxBackoffEntries = 10_000;

    /// <summary>How many times a switch follows the session on when racing refreshes and switches spent its token first.</summary>
    private const int MaxSwitchAttempts = 4;
    private static readonly HashSet<string> TerminalErrors = new(StringComparer.Ordinal)
    {
        "invalid_grant", "sso_required", "mfa_enrollment", "mfa_challenge", "session_revoked", "session_expired",
        "organization_selection_required", "email_verification_required", "invalid_client", "unauthorized_client",
        "organization_invalid", // the session cannot continue in (or switch to) that organization
    };

    /// <summary>The refusals of an organization switch that mean the session itself is over.</summary>
    private static readonly HashSet<string> SessionEndingErrors = new(StringComparer.Ordinal)
    {
        "invalid_grant", "session_revoked", "session_expired", "invalid_client", "unauthorized_client",
    };

    private readonly SessionGate _gate = new();
    private readonly ConcurrentDictionary<string, (int Attempts, DateTimeOffset RetryAt)> _backoff = new(StringComparer.Ordinal);

    /// <summary>How long before expiry a token with this lifetime is refreshed.</summary>
    public static TimeSpan Buffer(JsonWebToken token, SessionSettings options)
    {
        if (options.RefreshBuffer is { } configured)
        {
            return configured;
        }

        if (token.IssuedAt == DateTime.MinValue)
        {
            return TimeSpan.FromSeconds(60);
        }

        // A fifth of the lifetime, at most WorkOS's own buffers: a 20-second token is refreshed in its last 4 seconds,
        // not on every request.
        var lifetime = token.ValidTo - token.IssuedAt;
        var cap = lifetime <= TimeSpan.FromMinutes(5) ? TimeSpan.FromSeconds(30) : TimeSpan.FromSeconds(60);
        return lifetime <= TimeSpan.Zero ? TimeSpan.Zero : TimeSpan.FromTicks(Math.Min(cap.Ticks, lifetime.Ticks / 5));
    }

    /// <summary>Whether the token is within its refresh buffer (or past expiry) now.</summary>
    public bool NeedsRefresh(JsonWebToken token, SessionSettings options) =>
        timeProvider.GetUtcNow().UtcDateTime >= token.ValidTo - Buffer(token, options);

    /// <summary>Whether the token has expired now (no skew: an expired token is never used as if valid).</summary>
    public bool IsExpired(JsonWebToken token) => timeProvider.GetUtcNow().UtcDateTime >= token.ValidTo;

    /// <summary>
    /// Refreshes the session whose refresh token is <paramref name="refreshToken"/>, keeping
    /// <paramref name="organizationId"/>, or returns the result of the refresh that already spent it.
    /// </summary>
    public async Task<RefreshOutcome> RefreshAsync(HttpContext? httpContext, string scheme, SessionSettings options,
        string refreshToken, string? organizationId, string? sessionId, string? userId)
    {
        if (sessionId is not null && await IsRevokedAsync(sessionId).ConfigureAwait(false) is { } refused)
        {
            return refused;
        }

        var key = RefreshResultStore.Key(refreshToken);
        SessionRefreshResult result;
        try
        {
            // A request that left the browser just before the new cookie arrived: the replacement, without waiting.
            if (await coordinator.FindAsync(key).ConfigureAwait(false) is { Response: not null } known && ToOutcome(known) is { Status: RefreshStatus.Refreshed } replay)
            {
                logger.UsedRecentResult();
                metrics.Refresh("replayed");
                return replay;
            }

            if (BackingOff(sessionId ?? key, sessionId) is { } wait)
            {
                return wait;
            }

            // The coordinator decides who spends the token; everyone else gets that result.
            result = await SpendThroughCoordinatorAsync(httpContext, scheme, options, key, refreshToken, organizationId, sessionId, userId,
                isSwitch: false).ConfigureAwait(false);
            if (result.Outcome is { Status: RefreshStatus.Refused })
            {
                // Joined an organization switch that WorkOS refused: the token was not spent, so refresh it now.
                result = await SpendThroughCoordinatorAsync(httpContext, scheme, options, key, refreshToken, organizationId, sessionId, userId,
                    isSwitch: false).ConfigureAwait(false);
            }
        }
        catch (SessionCoordinationUnavailableException ex)
        {
            return CoordinationFailed(sessionId, ex);
        }

        result.Fault?.Throw();
        return ToOutcome(result);
    }

    /// <summary>
    /// Has the coordinator decide who spends the token (a refresh or a switch of the session, on this instance or
    /// another), and spends it in the session's turn when it is this caller's to spend.
    /// </summary>
    private Task<SessionRefreshResult> SpendThroughCoordinatorAsync(HttpContext? httpContext, string scheme, SessionSettings options, string key,
        string refreshToken, string? organizationId, string? sessionId, string? userId, bool isSwitch) =>
        coordinator.RefreshAsync(key, async () =>
        {
            try
            {
                return SessionRefreshResult.From(await SpendInTurnAsync(httpContext, scheme, options, refreshToken, organizationId, sessionId,
                    userId, isSwitch).ConfigureAwait(false));
            }
            catch (Exception ex)
            {
                return SessionRefreshResult.Faulted(ExceptionDispatchInfo.Capture(ex)); // a bug here, not the coordinator's failure
            }
        });

    /// <summary>
    /// The coordinator reported its store (the distributed cache, Redis, an app's own) unavailable: transient. The user
    /// stays signed in while the access token is valid; nothing is spent without knowing whether another request already
    /// spent it. Only <see cref="SessionCoordinationUnavailableException"/> means this; anything else a coordinator
    /// throws is a bug and surfaces.
    /// </summary>
    private RefreshOutcome CoordinationFailed(string? sessionId, Exception error)
    {
        logger.CoordinationFailed(sessionId, error);
        metrics.Refresh("coordination_failed");
        return RefreshOutcome.Transient(new WorkOSApiException("Refresh coordination failed.", null, "coordination_unavailable", error));
    }

    /// <summary>Keeps a refresh result; a coordinator that cannot keep it costs late requests their replay, not this session.</summary>
    private async Task KeepAsync(string key, SessionRefreshResult result, TimeSpan replayWindow, string? sessionId)
    {
        try
        {
            await coordinator.KeepAsync(key, result, replayWindow).ConfigureAwait(false);
        }
        catch (SessionCoordinationUnavailableException ex)
        {
            logger.CoordinationFailed(sessionId, ex);
        }
    }

    /// <summary>
    /// The outcome a coordinator's result stands for: the library's own outcome as it was, a kept replacement while its
    /// access token is valid, and otherwise a spent token (not spent again, the cookie left alone).
    /// </summary>
    private RefreshOutcome ToOutcome(SessionRefreshResult result)
    {
        if (result.Outcome is { } outcome)
        {
            return outcome;
        }

        if (result.Response is { } response)
        {
            try
            {
                var token = new JsonWebToken(response.AccessToken);
                if (!IsExpired(token))
                {
                    return RefreshOutcome.Refreshed(response, token);
                }
            }
            catch (ArgumentException)
            {
                // not a token: nothing to hand out
            }
        }

        return RefreshOutcome.Stale();
    }

    /// <summary>
    /// Switches the session to <paramref name="organizationId"/>, from the newest refresh token of the session. The
    /// switch spends a refresh token, so it goes through the coordinator as a refresh does: a refresh of the same token
    /// on another instance and this switch never both spend it. When the token went to a refresh (here or elsewhere)
    /// the switch continues from that refresh's session; a switch to the organization the session is already in by then
    /// returns that session.
    /// </summary>
    public async Task<RefreshOutcome> SwitchAsync(HttpContext? httpContext, string scheme, SessionSettings options,
        string refreshToken, string organizationId, string? sessionId, string? userId)
    {
        if (sessionId is not null && await IsRevokedAsync(sessionId).ConfigureAwait(false) is { } refused)
        {
            return refused;
        }

        if (BackingOff(sessionId ?? RefreshResultStore.Key(refreshToken), sessionId) is { } wait)
        {
            return wait;
        }

        SessionRefreshResult result;
        try
        {
            var attempts = 0;
            while (true)
            {
                result = await SpendThroughCoordinatorAsync(httpContext, scheme, options, RefreshResultStore.Key(refreshToken), refreshToken,
                    organizationId, sessionId, userId, isSwitch: true).ConfigureAwait(false);
                result.Fault?.Throw();
                if (++attempts < MaxSwitchAttempts && ToOutcome(result) is { Status: RefreshStatus.Refreshed, NewRefreshToken: { } next } joined
                    && !IsIn(joined, organizationId))
                {
                    // The token went to a refresh or another switch of the session (this instance or another): switch from
                    // the session it made.
                    refreshToken = next;
                    continue;
                }

                break;
            }
        }
        catch (SessionCoordinationUnavailableException ex)
        {
            return CoordinationFailed(sessionId, ex);
        }

        result.Fault?.Throw();
        return ToOutcome(result);
    }

    private static bool IsIn(RefreshOutcome outcome, string organizationId) =>
        outcome.Token is { } token && token.TryGetPayloadValue<string>("org_id", out var org) && org == organizationId;

    private RefreshOutcome? BackingOff(string sessionKey, string? sessionId)
    {
        if (!_backoff.TryGetValue(sessionKey, out var backoff) || timeProvider.GetUtcNow() >= backoff.RetryAt)
        {
            return null;
        }

        logger.BackingOff(sessionId, backoff.RetryAt);
        metrics.Refresh("backing_off");
        return RefreshOutcome.Transient(new WorkOSApiException("A recent refresh failed transiently; waiting before trying again.", null, "backoff"));
    }

    /// <summary>
    /// Spends a refresh token of the session in the session's turn. Inside the turn, a token the previous holder
    /// already spent is not spent again: a plain refresh takes that holder's result; a switch switches from it.
    /// </summary>
    private async Task<RefreshOutcome> SpendInTurnAsync(HttpContext? httpContext, string scheme, SessionSettings options,
        string refreshToken, string? organizationId, string? sessionId, string? userId, bool isSwitch)
    {
        await Task.Yield(); // let every waiting request join the flight before the call starts
        var key = RefreshResultStore.Key(refreshToken);
        var sessionKey = sessionId ?? key;
        using var turn = await _gate.EnterAsync(sessionKey).ConfigureAwait(false);
        var burst = turn.State;

        RefreshOutcome? current = null;
        if (burst.Latest is { } latest && burst.Spent.Contains(key) && (latest.Token is null || !IsExpired(latest.Token)))
        {
            current = latest;
        }
        else if (await FindInTurnAsync(key, sessionId).ConfigureAwait(false) is { } known)
        {
            if (known.Outcome is { Status: RefreshStatus.Transient } failed)
            {
                return failed;
            }

            current = ToOutcome(known);
            if (current.Status == RefreshStatus.Stale)
            {
                logger.StaleRefreshToken(sessionId);
                metrics.Refresh("stale");
                return current;
            }
        }

        if (current is not null)
        {
            if (!isSwitch || (current.Token is { } token && token.TryGetPayloadValue<string>("org_id", out var org) && org == organizationId))
            {
                logger.UsedRecentResult();
                metrics.Refresh("replayed");
                return current;
            }

            burst.Spent.Add(key); // the request's own token is behind the session this switch starts from
            refreshToken = current.NewRefreshToken!; // switch from the session's newest refresh token
            key = RefreshResultStore.Key(refreshToken);
        }

        var outcome = await SpendAsync(httpContext, scheme, options, key, sessionKey, refreshToken, organizationId, sessionId, userId, isSwitch)
            .ConfigureAwait(false);
        if (outcome.NewRefreshToken is not null)
        {
            burst.Spent.Add(key);
            burst.Latest = outcome;
        }

        return outcome;
    }

    /// <summary>What the coordinator knows of the token, or a transient outcome when it cannot be asked.</summary>
    private async Task<SessionRefreshResult?> FindInTurnAsync(string key, string? sessionId)
    {
        try
        {
            return await coordinator.FindAsync(key).ConfigureAwait(false);
        }
        catch (SessionCoordinationUnavailableException ex)
        {
            return SessionRefreshResult.From(CoordinationFailed(sessionId, ex));
        }
    }

    private async Task<RefreshOutcome> SpendAsync(HttpContext? httpContext, string scheme, SessionSettings options, string key, string sessionKey,
        string refreshToken, string? organizationId, string? sessionId, string? userId, bool isSwitch)
    {
        await options.Events.Refreshing(new SessionRefreshingContext(httpContext, scheme, userId, sessionId, organizationId)).ConfigureAwait(false);
        return await CallAsync(httpContext, scheme, options, key, sessionKey, refreshToken, organizationId, sessionId, userId, isSwitch)
            .ConfigureAwait(false);
    }

    private async Task<RefreshOutcome> CallAsync(HttpContext? httpContext, string scheme, SessionSettings options, string key, string sessionKey,
        string refreshToken, string? organizationId, string? sessionId, string? userId, bool isSwitch)
    {
        WorkOSAuthenticationResponse response;
        using var timeout = new CancellationTokenSource(options.RefreshTimeout, timeProvider);
        try
        {
            var api = WorkOSApiClient.Create(httpClientFactory, options.Api, logger, timeProvider);
            try
            {
                response = await api.RefreshAsync(refreshToken, organizationId, httpContext?.Connection.RemoteIpAddress?.ToString(),
                    httpContext?.Request.Headers.UserAgent.ToString() is { Length: > 0 } ua ? ua : null, timeout.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException ex) when (timeout.IsCancellationRequested)
            {
                throw new WorkOSApiException($"WorkOS did not answer the refresh within {options.RefreshTimeout.TotalSeconds:0.#} s.", null, "timeout", ex);
            }
        }
        catch (WorkOSApiException ex)
        {
            // Spent already, maybe by another instance: its result, when the coordinator can get it.
            if (ex.ErrorCode == "invalid_grant" && await WaitForReplacementAsync(key, sessionId).ConfigureAwait(false) is { } shared)
            {
                logger.UsedRecentResult();
                metrics.Refresh("replayed");
                return ToOutcome(shared);
            }

            var transient = IsTransient(ex);
            if (isSwitch && !transient && !SessionEndingErrors.Contains(ex.ErrorCode ?? string.Empty))
            {
                // A refused switch (not a member, unknown organization, needs SSO or MFA): the session is unchanged.
                return RefreshOutcome.Refused(ex);
            }

            return await FailAsync(httpContext, scheme, options, sessionKey, sessionId, userId, organizationId, ex, transient).ConfigureAwait(false);
        }

        var validation = await validators.GetByUrl(options.JwksUrl, options.JwksRefreshInterval, options.JwksAutomaticRefreshInterval)
            .ValidateAsync(response.AccessToken, options.TokenChecks, AccessTokenSource.WorkOS, CancellationToken.None).ConfigureAwait(false);
        if (!validation.IsValid)
        {
            await KeepAsync(key, SessionRefreshResult.Spent, TimeSpan.Zero, sessionId).ConfigureAwait(false); // spent, and nothing trusted to hand out for it
            if (validation.Reason is AccessTokenFailure.KeysUnavailable or AccessTokenFailure.UnknownKey)
            {
                // WorkOS answered, but its keys cannot be checked now: transient. Keep the new refresh token (the session
                // goes on with it once keys are back); never use or share the unchecked access token.
                var uncheckable = new WorkOSApiException($"The refreshed access token could not be checked: {validation.Error}", null,
                    validation.Reason == AccessTokenFailure.KeysUnavailable ? "keys_unavailable" : "unknown_key", validation.Exception);
                await FailAsync(httpContext, scheme, options, sessionKey, sessionId, userId, organizationId, uncheckable, transient: true).ConfigureAwait(false);
                return RefreshOutcome.Rotated(response.RefreshToken, uncheckable);
            }

            // The old refresh token is spent and the new session cannot be trusted: the session is over.
            var error = new WorkOSApiException($"The refreshed access token was refused: {validation.Error}", null, "token_invalid", validation.Exception);
            return await FailAsync(httpContext, scheme, options, sessionKey, sessionId, userId, organizationId, error, transient: false).ConfigureAwait(false);
        }

        await KeepAsync(key, SessionRefreshResult.Replaced(response), options.RefreshGracePeriod, sessionId).ConfigureAwait(false);
        _backoff.TryRemove(sessionKey, out _);
        logger.Refreshed(sessionId, validation.Token!.ValidTo);
        metrics.Refresh("refreshed");
        await options.Events.Refreshed(new SessionRefreshedContext(httpContext, scheme, userId, sessionId, organizationId, response)).ConfigureAwait(false);
        return RefreshOutcome.Refreshed(response, validation.Token);
    }

    private async Task<SessionRefreshResult?> WaitForReplacementAsync(string key, string? sessionId)
    {
        try
        {
            return await coordinator.WaitForReplacementAsync(key).ConfigureAwait(false);
        }
        catch (SessionCoordinationUnavailableException ex)
        {
            logger.CoordinationFailed(sessionId, ex);
            return null;
        }
    }

    /// <summary>
    /// Remembers that the session whose cookie holds <paramref name="originRefreshToken"/> now continues as
    /// <paramref name="response"/>, for at most <paramref name="retention"/>: a Blazor circuit that refreshed on its own
    /// keeps the browser's older cookie working. The replay rules still apply: never once the response's access token
    /// has expired, never once its refresh token was spent in turn, never for a revoked session.
    /// </summary>
    public Task RememberAsync(string originRefreshToken, WorkOSAuthenticationResponse response, TimeSpan retention) =>
        coordinator.KeepAsync(RefreshResultStore.Key(originRefreshToken), SessionRefreshResult.Replaced(response), retention).AsTask();

    /// <summary>An ended outcome when the session is on the revoked list; a transient one when the list cannot be read.</summary>
    private async Task<RefreshOutcome?> IsRevokedAsync(string sessionId)
    {
        try
        {
            if (!await revoked.IsRevokedAsync(sessionId).ConfigureAwait(false))
            {
                return null;
            }
        }
        catch (SessionCoordinationUnavailableException ex)
        {
            logger.RevokedListUnavailable(sessionId, ex);
            return RefreshOutcome.Transient(new WorkOSApiException("The revoked-session list could not be read.", null, "revoked_list_unavailable", ex));
        }

        logger.RevokedSessionRefused(sessionId);
        metrics.RevokedRefusal("refresh");
        return RefreshOutcome.Ended(new WorkOSApiException("The session was signed out or revoked.", null, "session_revoked"));
    }

    private async Task<RefreshOutcome> FailAsync(HttpContext? httpContext, string scheme, SessionSettings options, string key,
        string? sessionId, string? userId, string? organizationId, WorkOSApiException error, bool transient)
    {
        if (transient)
        {
            var attempts = _backoff.TryGetValue(key, out var previous) ? previous.Attempts + 1 : 1;
            var delay = TimeSpan.FromTicks(Math.Min(options.RefreshRetryDelay.Ticks * (1L << Math.Min(attempts - 1, 10)), TimeSpan.FromSeconds(60).Ticks));
            if (error.RetryAfter is { } retryAfter && retryAfter > delay)
            {
                delay = retryAfter;
            }

            var retryAt = timeProvider.GetUtcNow() + delay;
            if (_backoff.Count >= MaxBackoffEntries)
            {
                _backoff.Clear(); // bounded: a flood of failing sessions cannot grow memory without limit
            }

            _backoff[key] = (attempts, retryAt);
            logger.RefreshTransient(sessionId, error.ErrorCode ?? error.StatusCode?.ToString() ?? "error", retryAt);
            metrics.Refresh("transient");
        }
        else
        {
            logger.SessionEnded(sessionId, error.ErrorCode ?? "error");
            metrics.Refresh("signed_out");
        }

        await options.Events.RefreshFailed(new SessionRefreshFailedContext(httpContext, scheme, userId, sessionId, organizationId, error, transient))
            .ConfigureAwait(false);
        return transient ? RefreshOutcome.Transient(error) : RefreshOutcome.Ended(error);
    }

    /// <summary>
    /// Only WorkOS's word ends a session: a 4xx in WorkOS's error shape whose code says the session is over
    /// (invalid_grant, sso_required, mfa_enrollment, a revoked or expired session, ...). Everything else is transient:
    /// timeouts, network errors, 408, 429, 5xx, redirects, oversized bodies, HTML pages, malformed JSON, a 2xx
    /// without tokens or user, and a 4xx without a WorkOS error code or with one that does not end sessions.
    /// </summary>
    private static bool IsTransient(WorkOSApiException error) => error.IsTransient || !TerminalErrors.Contains(error.ErrorCode ?? string.Empty);

    /// <summary>
    /// Ends what <see cref="RememberAsync"/> started: the browser cookie that holds <paramref name="originRefreshToken"/>
    /// no longer continues as a later session. Its token stays marked as spent, like any refresh token past its replay
    /// window: a late request carrying it is anonymous but does not delete the cookie (the browser may already hold
    /// the newer one a reload received), and it is not sent to WorkOS again.
    /// </summary>
    public Task ForgetAsync(string originRefreshToken) =>
        coordinator.KeepAsync(RefreshResultStore.Key(originRefreshToken), SessionRefreshResult.Spent, TimeSpan.Zero).AsTask();
}
