using System.Collections.Concurrent;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using WorkOS.AspNetCore.Api;
using WorkOS.AspNetCore.Authentication;
using WorkOS.AspNetCore.Tokens;

namespace WorkOS.AspNetCore.Session;

/// <summary>
/// Spends refresh tokens, carefully. One upstream call per refresh token however many requests (or instances)
/// want it; results kept for the grace period so late requests carrying the spent token get the new session;
/// transient failures backed off per session; terminal failures reported as the end of the session.
/// </summary>
internal sealed class SessionRefresher(
    IHttpClientFactory httpClientFactory,
    AccessTokenValidators validators,
    RefreshResultStore results,
    IRevokedSessionStore revoked,
    TimeProvider timeProvider,
    ILogger<SessionRefresher> logger)
{
    private const int MaxBackoffEntries = 10_000;
    private static readonly HashSet<string> TerminalErrors = new(StringComparer.Ordinal)
    {
        "invalid_grant", "sso_required", "mfa_enrollment", "mfa_challenge", "session_revoked", "session_expired",
        "organization_selection_required", "email_verification_required", "invalid_client", "unauthorized_client",
    };

    private readonly ConcurrentDictionary<string, Lazy<Task<RefreshOutcome>>> _inFlight = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, (int Attempts, DateTimeOffset RetryAt)> _backoff = new(StringComparer.Ordinal);

    /// <summary>How long before expiry a token with this lifetime is refreshed.</summary>
    public static TimeSpan Buffer(JsonWebToken token, WorkOSAuthKitOptions options)
    {
        if (options.RefreshBuffer is { } configured)
        {
            return configured;
        }

        var lifetime = token.ValidTo - token.IssuedAt;
        return token.IssuedAt != DateTime.MinValue && lifetime <= TimeSpan.FromMinutes(5) ? TimeSpan.FromSeconds(30) : TimeSpan.FromSeconds(60);
    }

    /// <summary>Whether the token is within its refresh buffer (or past expiry) now.</summary>
    public bool NeedsRefresh(JsonWebToken token, WorkOSAuthKitOptions options) =>
        timeProvider.GetUtcNow().UtcDateTime >= token.ValidTo - Buffer(token, options);

    /// <summary>Whether the token has expired now (no skew: an expired token is never used as if valid).</summary>
    public bool IsExpired(JsonWebToken token) => timeProvider.GetUtcNow().UtcDateTime >= token.ValidTo;

    /// <summary>
    /// Refreshes the session whose refresh token is <paramref name="refreshToken"/>, or returns the result of the
    /// refresh that already spent it. <paramref name="organizationId"/> is the organization to keep or switch to.
    /// </summary>
    public async Task<RefreshOutcome> RefreshAsync(HttpContext? httpContext, string scheme, WorkOSAuthKitOptions options,
        string refreshToken, string? organizationId, string? sessionId, string? userId, string? flight = null)
    {
        if (sessionId is not null && await IsRevokedAsync(sessionId).ConfigureAwait(false) is { } refused)
        {
            return refused;
        }

        var key = RefreshResultStore.Key(refreshToken);
        var known = await results.GetAsync(key).ConfigureAwait(false);
        switch (known.Kind)
        {
            case ReplayKind.Replay:
                logger.UsedRecentResult();
                return RefreshOutcome.Refreshed(known.Response!, known.Token!);
            case ReplayKind.Stale:
                logger.StaleRefreshToken(sessionId);
                return RefreshOutcome.Stale();
        }

        if (_backoff.TryGetValue(key, out var backoff) && timeProvider.GetUtcNow() < backoff.RetryAt)
        {
            logger.BackingOff(sessionId, backoff.RetryAt);
            return RefreshOutcome.Transient(new WorkOSApiException("A recent refresh failed transiently; waiting before trying again.", null, "backoff"));
        }

        // An organization switch flies apart from a plain refresh of the same token: their results differ.
        var lazy = _inFlight.GetOrAdd(flight is null ? key : key + ":" + flight, _ => new Lazy<Task<RefreshOutcome>>(
            () => SpendAsync(httpContext, scheme, options, key, refreshToken, organizationId, sessionId, userId)));
        try
        {
            return await lazy.Value.ConfigureAwait(false);
        }
        finally
        {
            _inFlight.TryRemove(new KeyValuePair<string, Lazy<Task<RefreshOutcome>>>(flight is null ? key : key + ":" + flight, lazy));
        }
    }

    /// <summary>Waits for any refresh of this token in flight, then returns the newest refresh token of the session.</summary>
    public async Task<string> LatestRefreshTokenAsync(string refreshToken)
    {
        var key = RefreshResultStore.Key(refreshToken);
        if (_inFlight.TryGetValue(key, out var running))
        {
            await running.Value.ConfigureAwait(false);
        }

        return (await results.GetAsync(key).ConfigureAwait(false)).Response?.RefreshToken ?? refreshToken;
    }

    private async Task<RefreshOutcome> SpendAsync(HttpContext? httpContext, string scheme, WorkOSAuthKitOptions options, string key,
        string refreshToken, string? organizationId, string? sessionId, string? userId)
    {
        await Task.Yield(); // let every waiting request join before the call starts
        var events = options.Events;
        await events.SessionRefreshing(new SessionRefreshingContext(httpContext, scheme, options, userId, sessionId, organizationId)).ConfigureAwait(false);

        if (results.IsShared && !await results.TryClaimAsync(key, TimeSpan.FromSeconds(10), CancellationToken.None).ConfigureAwait(false))
        {
            // Another instance is spending this token: wait for its result rather than spend it twice.
            if (await WaitForOtherInstanceAsync(key, options).ConfigureAwait(false) is { } shared)
            {
                return RefreshOutcome.Refreshed(shared, new JsonWebToken(shared.AccessToken));
            }
        }

        WorkOSAuthenticationResponse response;
        using var timeout = new CancellationTokenSource(options.RefreshTimeout);
        try
        {
            var api = new WorkOSApiClient(httpClientFactory.CreateClient(WorkOSAuthKitDefaults.HttpClientName), WorkOSApiSettings.From(options));
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
            if (ex.ErrorCode == "invalid_grant" && results.IsShared
                && await WaitForOtherInstanceAsync(key, options).ConfigureAwait(false) is { } shared)
            {
                return RefreshOutcome.Refreshed(shared, new JsonWebToken(shared.AccessToken));
            }

            return await FailAsync(httpContext, scheme, options, key, sessionId, userId, organizationId, ex, IsTransient(ex)).ConfigureAwait(false);
        }

        var validation = await validators.Get(options)
            .ValidateAsync(response.AccessToken, options.ValidIssuers, options.TokenClockSkew, CancellationToken.None).ConfigureAwait(false);
        if (!validation.IsValid)
        {
            // The old refresh token is spent and the new session cannot be trusted: the session is over.
            var error = new WorkOSApiException($"The refreshed access token was refused: {validation.Error}", null, "token_invalid", validation.Exception);
            return await FailAsync(httpContext, scheme, options, key, sessionId, userId, organizationId, error, transient: false).ConfigureAwait(false);
        }

        await results.SetAsync(key, response, options.RefreshGracePeriod).ConfigureAwait(false);
        _backoff.TryRemove(key, out _);
        logger.Refreshed(sessionId, validation.Token!.ValidTo);
        await events.SessionRefreshed(new SessionRefreshedContext(httpContext, scheme, options, userId, sessionId, organizationId, response))
            .ConfigureAwait(false);
        return RefreshOutcome.Refreshed(response, validation.Token);
    }

    /// <summary>
    /// Remembers that the session whose cookie holds <paramref name="originRefreshToken"/> now continues as
    /// <paramref name="response"/>, for <paramref name="retention"/>: a Blazor circuit that refreshed on its own keeps
    /// the browser's older cookie working for as long as the circuit may have been open.
    /// </summary>
    public Task RememberAsync(string originRefreshToken, WorkOSAuthenticationResponse response, TimeSpan retention) =>
        results.SetAsync(RefreshResultStore.Key(originRefreshToken), response, retention);

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
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.RevokedListUnavailable(sessionId, ex);
            return RefreshOutcome.Transient(new WorkOSApiException("The revoked-session list could not be read.", null, "revoked_list_unavailable", ex));
        }

        logger.RevokedSessionRefused(sessionId);
        return RefreshOutcome.Ended(new WorkOSApiException("The session was signed out or revoked.", null, "session_revoked"));
    }

    private async Task<RefreshOutcome> FailAsync(HttpContext? httpContext, string scheme, WorkOSAuthKitOptions options, string key,
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
        }
        else
        {
            logger.SessionEnded(sessionId, error.ErrorCode ?? "error");
        }

        await options.Events.SessionRefreshFailed(new SessionRefreshFailedContext(httpContext, scheme, options, userId, sessionId, organizationId, error, transient))
            .ConfigureAwait(false);
        return transient ? RefreshOutcome.Transient(error) : RefreshOutcome.Ended(error);
    }

    private async Task<WorkOSAuthenticationResponse?> WaitForOtherInstanceAsync(string key, WorkOSAuthKitOptions options)
    {
        for (var i = 0; i < 50; i++)
        {
            if (await results.GetAsync(key).ConfigureAwait(false) is { Kind: ReplayKind.Replay, Response: { } shared })
            {
                logger.UsedRecentResult();
                return shared;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100)).ConfigureAwait(false);
        }

        return null;
    }

    /// <summary>
    /// Timeouts, network errors, 408, 429 and 5xx are transient; a clear refusal (invalid_grant, sso_required,
    /// mfa_enrollment, a revoked session, any other 4xx) ends the session.
    /// </summary>
    private static bool IsTransient(WorkOSApiException error) => error.IsTransient && !TerminalErrors.Contains(error.ErrorCode ?? string.Empty);
}
