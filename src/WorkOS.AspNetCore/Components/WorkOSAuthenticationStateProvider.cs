using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using WorkOS.AspNetCore.Authentication;
using WorkOS.AspNetCore.Claims;
using WorkOS.AspNetCore.Session;

namespace WorkOS.AspNetCore.Components;

/// <summary>
/// Auth state for Blazor Server circuits. Starts from the signed-in user of the request that opened the circuit (its
/// principal carries the session tokens), revalidates on an interval: refreshes the access token before it expires
/// through the same single-flight refresh the cookie uses, publishes the new claims, and turns anonymous when the
/// WorkOS session has ended. Each refresh is also remembered under the refresh token the browser's cookie still holds,
/// so the next page load continues the session instead of spending a spent token.
/// </summary>
internal sealed partial class WorkOSAuthenticationStateProvider : RevalidatingServerAuthenticationStateProvider, IWorkOSAccessTokenProvider
{
    private readonly SessionRefresher _refresher;
    private readonly IOptionsMonitor<WorkOSAuthKitOptions> _authKitOptions;
    private readonly WorkOSBlazorServerOptions _options;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private string? _originRefreshToken;

    public WorkOSAuthenticationStateProvider(ILoggerFactory loggerFactory, SessionRefresher refresher,
        IOptionsMonitor<WorkOSAuthKitOptions> authKitOptions, IOptions<WorkOSBlazorServerOptions> options)
        : base(loggerFactory)
    {
        _refresher = refresher;
        _authKitOptions = authKitOptions;
        _options = options.Value;
        _logger = loggerFactory.CreateLogger<WorkOSAuthenticationStateProvider>();
    }

    protected override TimeSpan RevalidationInterval => _options.RevalidationInterval;

    public async Task<string?> GetAccessTokenAsync(CancellationToken cancellationToken = default)
    {
        var state = await GetAuthenticationStateAsync().ConfigureAwait(false);
        if (!await EnsureFreshAsync(state.User, cancellationToken).ConfigureAwait(false))
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
        EnsureFreshAsync(authenticationState.User, cancellationToken);

    /// <summary>Refreshes the circuit's session when its token is within the buffer; false when the session is over.</summary>
    private async Task<bool> EnsureFreshAsync(ClaimsPrincipal user, CancellationToken cancellationToken)
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
            var options = _authKitOptions.Get(_options.AuthenticationScheme);
            var token = tokens.Token;
            if (!_refresher.NeedsRefresh(token, options))
            {
                return true;
            }

            var outcome = await _refresher.RefreshAsync(null, _options.AuthenticationScheme, options, tokens.RefreshToken,
                principal.GetOrganizationId(), principal.GetWorkOSSessionId(), principal.GetWorkOSUserId()).ConfigureAwait(false);
            switch (outcome.Status)
            {
                case RefreshStatus.Refreshed:
                    await _refresher.RememberAsync(_originRefreshToken, outcome.Response!, _options.CircuitSessionRetention).ConfigureAwait(false);
                    var refreshed = SessionTokens.CreatePrincipal(outcome.Response!, outcome.Token!,
                        principal.Identity?.AuthenticationType ?? _options.AuthenticationScheme);
                    SetAuthenticationState(Task.FromResult(new AuthenticationState(refreshed)));
                    LogCircuitRefreshed(_logger, principal.GetWorkOSSessionId());
                    return true;
                case RefreshStatus.Transient when !_refresher.IsExpired(token):
                    return true;
                default:
                    LogCircuitSignedOut(_logger, principal.GetWorkOSSessionId(), outcome.Status.ToString());
                    return false;
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _gate.Dispose();
        }

        base.Dispose(disposing);
    }

    [LoggerMessage(EventId = 1501, Level = LogLevel.Debug, Message = "A Blazor circuit refreshed session {SessionId}.")]
    private static partial void LogCircuitRefreshed(ILogger logger, string? sessionId);

    [LoggerMessage(EventId = 1502, Level = LogLevel.Information, Message = "A Blazor circuit of session {SessionId} is now signed out ({Reason}).")]
    private static partial void LogCircuitSignedOut(ILogger logger, string? sessionId, string reason);
}
