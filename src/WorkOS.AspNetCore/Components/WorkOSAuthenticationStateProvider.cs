using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using WorkOS.AspNetCore.Api;
using WorkOS.AspNetCore.Claims;
using WorkOS.AspNetCore.Diagnostics;
using WorkOS.AspNetCore.Session;

namespace WorkOS.AspNetCore.Components;

/// <summary>
/// Auth state for Blazor Server circuits. Starts from the signed-in user of the request that opened the circuit (its
/// principal carries the session tokens), revalidates on an interval: refreshes the access token before it expires
/// through the same single-flight refresh the cookie uses, publishes the new claims, and turns anonymous when the
/// WorkOS session has ended. While the circuit lives, the refresh token the browser's cookie still holds is linked to
/// the circuit's current session (written at each refresh, renewed at each check for
/// <see cref="WorkOSBlazorServerOptions.CookieContinuationLifetime"/>), so a page load continues the session instead of
/// spending a spent token. The link goes when the circuit closes or its session ends, and lapses when it stops renewing.
/// </summary>
internal sealed partial class WorkOSAuthenticationStateProvider : RevalidatingServerAuthenticationStateProvider, IWorkOSAccessTokenProvider
{
    private readonly SessionRefresher _refresher;
    private readonly WorkOSMetrics? _metrics;
    private readonly TimeProvider _timeProvider;
    private readonly ISessionSettingsSource _sessionSettings;
    private readonly WorkOSBlazorServerOptions _options;
    private readonly ILogger _logger;
    private readonly LiveCircuitCookies _liveCookies;
    private readonly IRevokedSessionStore? _revoked;
    private readonly MemoryRevokedSessionStore? _localRevoked;
    private readonly SessionRevokedSignal? _revokedSignal;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private string? _originRefreshToken;
    private string? _sessionId;
    private WorkOSAuthenticationResponse? _continuation; // the session the browser's cookie continues as, once refreshed
    private bool _closed;
    private int _counted; // 1 while this circuit is counted in _liveCookies

    public WorkOSAuthenticationStateProvider(ILoggerFactory loggerFactory, SessionRefresher refresher, LiveCircuitCookies liveCookies,
        ISessionSettingsSource sessionSettings, IOptions<WorkOSBlazorServerOptions> options, WorkOSMetrics? metrics = null, TimeProvider? timeProvider = null,
        IRevokedSessionStore? revoked = null, MemoryRevokedSessionStore? localRevoked = null, SessionRevokedSignal? revokedSignal = null)
        : base(loggerFactory)
    {
        _revoked = revoked;
        _localRevoked = localRevoked;
        _revokedSignal = revokedSignal;
        if (revokedSignal is not null && localRevoked is not null)
        {
            revokedSignal.Revoked += OnRevoked;
        }

        _metrics = metrics;
        _timeProvider = timeProvider ?? TimeProvider.System;
        _refresher = refresher;
        _liveCookies = liveCookies;
        _sessionSettings = sessionSettings;
        _options = options.Value;
        _logger = loggerFactory.CreateLogger<WorkOSAuthenticationStateProvider>();
    }

    protected override TimeSpan RevalidationInterval => _options.RevalidationInterval;

    public async Task<string?> GetAccessTokenAsync(CancellationToken cancellationToken = default)
    {
        var state = await GetAuthenticationStateAsync().ConfigureAwait(false);
        if (!await EnsureFreshAsync(state.User, renewCookieLink: false, cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        cancellationToken.ThrowIfCancellationRequested(); // a caller that gave up gets no token, not a stale one

        var current = SessionTokens.Of((await GetAuthenticationStateAsync().ConfigureAwait(false)).User);
        return current is not null && !_refresher.IsExpired(current.Token) ? current.AccessToken : null;
    }

    /// <summary>One revalidation pass, as the interval loop runs it.</summary>
    internal async Task<bool> RevalidateAsync(CancellationToken cancellationToken = default)
    {
        var state = await GetAuthenticationStateAsync().ConfigureAwait(false);
        return await ValidateAuthenticationStateAsync(state, cancellationToken).ConfigureAwait(false);
    }

    protected override Task<bool> ValidateAuthenticationStateAsync(AuthenticationState authenticationState, CancellationToken cancellationToken) =>
        EnsureFreshAsync(authenticationState.User, renewCookieLink: true, cancellationToken);

    /// <summary>
    /// The circuit opened (called by <see cref="WorkOSCircuitHandler"/>): notes the refresh token the browser's cookie
    /// holds, and counts this circuit among those opened with that cookie.
    /// </summary>
    internal async Task CircuitOpenedAsync()
    {
        var tokens = SessionTokens.Of((await GetAuthenticationStateAsync().ConfigureAwait(false)).User);
        if (tokens is null)
        {
            return;
        }

        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            _originRefreshToken ??= tokens.RefreshToken;
            if (!_closed && Interlocked.Exchange(ref _counted, 1) == 0)
            {
                _liveCookies.Open(RefreshResultStore.Key(_originRefreshToken));
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// The circuit closed (called by <see cref="WorkOSCircuitHandler"/>): when it was the last live circuit opened with
    /// the browser's cookie, that cookie no longer continues as the circuit's session.
    /// </summary>
    internal async Task CircuitClosedAsync()
    {
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            _closed = true; // a check still running behind the gate writes no link after this
            _continuation = null;
            if (Interlocked.Exchange(ref _counted, 0) == 1 && _liveCookies.Close(RefreshResultStore.Key(_originRefreshToken!)))
            {
                await ForgetCookieLinkAsync().ConfigureAwait(false);
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Refreshes the circuit's session when its token is within the buffer; false when the session is over.</summary>
    private async Task<bool> EnsureFreshAsync(ClaimsPrincipal user, bool renewCookieLink, CancellationToken cancellationToken)
    {
        if (SessionTokens.Of(user) is null)
        {
            return true; // anonymous, or not a WorkOS session: nothing to keep current
        }

        try
        {
            await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // A newer state (usually the refresh this check waited behind) ended this check's revalidation loop; the
            // new state's own loop checks it. The base loop treats anything thrown here, except its own
            // TaskCanceledException, as a failure and signs the circuit out, so this is no failure.
            return true;
        }

        try
        {
            // Another caller may have refreshed while this one waited.
            var principal = (await GetAuthenticationStateAsync().ConfigureAwait(false)).User;
            var tokens = SessionTokens.Of(principal);
            if (tokens is null)
            {
                return false;
            }

            _originRefreshToken ??= tokens.RefreshToken;
            _sessionId ??= principal.GetWorkOSSessionId();
            var options = _sessionSettings.Get(_options.AuthenticationScheme);
            var token = tokens.Token;
            var standing = await StandingAsync(token, principal.GetWorkOSSessionId()).ConfigureAwait(false);
            if (standing == SessionStanding.Revoked)
            {
                LogCircuitSignedOut(_logger, principal.GetWorkOSSessionId(), "Revoked");
                _metrics?.RevokedRefusal("circuit");
                if (_continuation is not null)
                {
                    _continuation = null;
                    await ForgetCookieLinkAsync().ConfigureAwait(false);
                }

                return false;
            }

            if (standing == SessionStanding.RefreshDue)
            {
                _logger.EarlyRefresh(principal.GetWorkOSSessionId());
            }
            else if (!_refresher.NeedsRefresh(token, options))
            {
                if (renewCookieLink)
                {
                    await LinkCookieAsync().ConfigureAwait(false);
                }

                return true;
            }

            using var measurement = _metrics is null ? null
                : RefreshMeasurement.Start(_metrics, _timeProvider, principal.GetWorkOSUserId(), principal.GetOrganizationId(), principal.GetWorkOSSessionId());
            var outcome = await _refresher.RefreshAsync(null, _options.AuthenticationScheme, options, tokens.RefreshToken,
                principal.GetOrganizationId(), principal.GetWorkOSSessionId(), principal.GetWorkOSUserId()).ConfigureAwait(false);
            measurement?.Complete(outcome);
            switch (outcome.Status)
            {
                case RefreshStatus.Refreshed:
                    _continuation = _closed ? null : outcome.Response;
                    await LinkCookieAsync().ConfigureAwait(false);
                    var refreshed = SessionTokens.CreatePrincipal(outcome.Response!, outcome.Token!,
                        principal.Identity?.AuthenticationType ?? _options.AuthenticationScheme);
                    SetAuthenticationState(Task.FromResult(new AuthenticationState(refreshed)));
                    LogCircuitRefreshed(_logger, principal.GetWorkOSSessionId());
                    return true;
                case RefreshStatus.Transient when !_refresher.IsExpired(token):
                    if (renewCookieLink)
                    {
                        await LinkCookieAsync().ConfigureAwait(false);
                    }

                    return true;
                default:
                    LogCircuitSignedOut(_logger, principal.GetWorkOSSessionId(), outcome.Status.ToString());
                    if (_continuation is not null)
                    {
                        // The session is over: the browser's older cookie must not continue as it either.
                        _continuation = null;
                        await ForgetCookieLinkAsync().ConfigureAwait(false);
                    }

                    return false;
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// An event on this instance revoked a session or a user: the circuit checks this instance's list (memory only, no
    /// shared-store read, no refresh) and signs out at once when it is covered, rather than at its next revalidation.
    /// </summary>
    private void OnRevoked()
    {
        var state = GetAuthenticationStateAsync();
        if (!state.IsCompletedSuccessfully || SessionTokens.Of(state.Result.User) is not { } tokens)
        {
            return;
        }

        var user = state.Result.User;
        if (_localRevoked!.Standing(SessionSubject.Of(tokens.Token, user.GetWorkOSSessionId())) != SessionStanding.Revoked
            && !IsRevokedHere(user.GetWorkOSSessionId()))
        {
            return;
        }

        LogCircuitSignedOut(_logger, user.GetWorkOSSessionId(), "Revoked");
        _metrics?.RevokedRefusal("circuit");
        try
        {
            SetAuthenticationState(Task.FromResult(new AuthenticationState(new ClaimsPrincipal(new ClaimsIdentity()))));
        }
        catch (ObjectDisposedException)
        {
            // The circuit went away meanwhile.
        }
    }

    private bool IsRevokedHere(string? sessionId) =>
        sessionId is not null && _localRevoked!.IsRevokedAsync(sessionId) is { IsCompletedSuccessfully: true, Result: true };

    /// <summary>
    /// How the revoked-session list stands on the circuit's token. A list that cannot be read leaves the circuit as it
    /// is (as a refresh that cannot reach WorkOS does); the next revalidation checks again.
    /// </summary>
    private async ValueTask<SessionStanding> StandingAsync(JsonWebToken token, string? sessionId)
    {
        if (_revoked is null)
        {
            return SessionStanding.Current;
        }

        try
        {
            return await _revoked.CheckAsync(SessionSubject.Of(token, sessionId)).ConfigureAwait(false);
        }
        catch (SessionCoordinationUnavailableException ex)
        {
            _logger.RevokedListUnavailable(sessionId, ex);
            return SessionStanding.Current;
        }
    }

    /// <summary>
    /// Links (or renews the link of) the refresh token the browser's cookie holds to the session the circuit refreshed
    /// into, for <see cref="WorkOSBlazorServerOptions.CookieContinuationLifetime"/>. Nothing to link before the first
    /// refresh, nor after the circuit closed. Runs behind the gate.
    /// </summary>
    private async Task LinkCookieAsync()
    {
        if (_closed || _continuation is null || _originRefreshToken is null)
        {
            return;
        }

        try
        {
            await _refresher.RememberAsync(_originRefreshToken, _continuation, _options.CookieContinuationLifetime).ConfigureAwait(false);
            if (Volatile.Read(ref _counted) == 1)
            {
                _liveCookies.Linked(RefreshResultStore.Key(_originRefreshToken));
            }
        }
        catch (SessionCoordinationUnavailableException ex)
        {
            // The circuit's own session is fine; only a page load with the older cookie may have to sign in again.
            LogCookieLinkFailed(_logger, _sessionId, ex);
        }
    }

    /// <summary>Removes the link, so the browser's older cookie is again a spent refresh token. Runs behind the gate.</summary>
    private async Task ForgetCookieLinkAsync()
    {
        if (_originRefreshToken is null)
        {
            return;
        }

        try
        {
            await _refresher.ForgetAsync(_originRefreshToken).ConfigureAwait(false);
            LogCookieLinkRemoved(_logger, _sessionId);
        }
        catch (SessionCoordinationUnavailableException ex)
        {
            // Not fatal: without renewals the link lapses within CookieContinuationLifetime.
            LogCookieLinkFailed(_logger, _sessionId, ex);
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            if (Interlocked.Exchange(ref _counted, 0) == 1)
            {
                // Disposed without a close (the handler did not run): stop counting; the link lapses unrenewed.
                _liveCookies.Close(RefreshResultStore.Key(_originRefreshToken!));
            }

            if (_revokedSignal is not null)
            {
                _revokedSignal.Revoked -= OnRevoked;
            }

            _gate.Dispose();
        }

        base.Dispose(disposing);
    }

    [LoggerMessage(EventId = 1501, Level = LogLevel.Debug, Message = "A Blazor circuit refreshed session {SessionId}.")]
    private static partial void LogCircuitRefreshed(ILogger logger, string? sessionId);

    [LoggerMessage(EventId = 1502, Level = LogLevel.Information, Message = "A Blazor circuit of session {SessionId} is now signed out ({Reason}).")]
    private static partial void LogCircuitSignedOut(ILogger logger, string? sessionId, string reason);

    [LoggerMessage(EventId = 1503, Level = LogLevel.Debug,
        Message = "The browser cookie a Blazor circuit of session {SessionId} was opened with no longer continues as the circuit's session.")]
    private static partial void LogCookieLinkRemoved(ILogger logger, string? sessionId);

    [LoggerMessage(EventId = 1504, Level = LogLevel.Warning,
        Message = "A Blazor circuit of session {SessionId} could not update the link from the browser's cookie to its session.")]
    private static partial void LogCookieLinkFailed(ILogger logger, string? sessionId, Exception exception);
}
