using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using WorkOS.AspNetCore.Api;
using WorkOS.AspNetCore.Authentication;

namespace WorkOS.AspNetCore.Session;

/// <summary>
/// WorkOS sessions on the server side: list a user's sessions and revoke one ("sign out everywhere", admin tools).
/// A session revoked here is refused at once on this instance (and on every instance sharing the app's store when
/// multi-instance coordination is on); revoked elsewhere, its cookie stops working at its next refresh.
/// </summary>
public sealed class WorkOSSessionService
{
    private readonly IHttpClientFactory _httpClientFactory;
    private readonly IOptionsMonitor<WorkOSAuthKitOptions> _options;
    private readonly SessionRevoker _revoker;
    private readonly ILogger? _logger;
    private readonly TimeProvider? _timeProvider;

    internal WorkOSSessionService(IHttpClientFactory httpClientFactory, IOptionsMonitor<WorkOSAuthKitOptions> options,
        SessionRevoker revoker, ILogger? logger = null, TimeProvider? timeProvider = null)
    {
        _httpClientFactory = httpClientFactory;
        _options = options;
        _revoker = revoker;
        _logger = logger;
        _timeProvider = timeProvider;
    }

    /// <summary>Ends a WorkOS session (<c>POST /user_management/sessions/revoke</c>).</summary>
    /// <param name="sessionId">The session id (<c>session_...</c>).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="WorkOSApiException">WorkOS refused or could not be reached.</exception>
    public async Task RevokeAsync(string sessionId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(sessionId);
        await _revoker.RevokeAsync(sessionId).ConfigureAwait(false);
        await Client().RevokeSessionAsync(sessionId, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Lists a user's sessions (<c>GET /user_management/users/{id}/sessions</c>, all pages).</summary>
    /// <param name="userId">The user id (<c>user_...</c>).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The sessions.</returns>
    /// <exception cref="WorkOSApiException">WorkOS refused or could not be reached.</exception>
    public Task<IReadOnlyList<WorkOSSessionInfo>> ListAsync(string userId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(userId);
        return Client().ListSessionsAsync(userId, cancellationToken);
    }

    private WorkOSApiClient Client() => new(_httpClientFactory.CreateClient(WorkOSAuthKitDefaults.HttpClientName),
        WorkOSApiSettings.From(_options.Get(WorkOSAuthKitDefaults.AuthenticationScheme)), _logger, _timeProvider);
}
