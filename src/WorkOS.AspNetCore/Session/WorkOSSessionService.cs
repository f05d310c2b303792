using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using WorkOS.AspNetCore.Api;

namespace WorkOS.AspNetCore.Session;

/// <summary>
/// WorkOS sessions on the server side: list a user's sessions and revoke one ("sign out everywhere", admin tools).
/// A session revoked here is refused at once on this instance (and on every instance sharing the app's store when
/// multi-instance coordination is on); revoked elsewhere, its cookie stops working at its next refresh.
/// Calls WorkOS with the client settings (<see cref="WorkOSClientOptions"/>), whatever the AuthKit schemes are named.
/// </summary>
/// <remarks>
/// The methods are virtual and the class has a protected constructor so tests can substitute it (a mocking library's
/// subclass, or a hand-written fake) the way ASP.NET's own services such as <c>SignInManager</c> are substituted.
/// </remarks>
public partial class WorkOSSessionService
{
    private readonly IHttpClientFactory _httpClientFactory = null!;
    private readonly IOptionsMonitor<WorkOSClientOptions> _client = null!;
    private readonly SessionRevoker _revoker = null!;
    private readonly ILogger? _logger;
    private readonly TimeProvider? _timeProvider;

    /// <summary>For test doubles that override every method; an instance made this way has nothing to call WorkOS with.</summary>
    protected WorkOSSessionService()
    {
    }

    internal WorkOSSessionService(IHttpClientFactory httpClientFactory, IOptionsMonitor<WorkOSClientOptions> client,
        SessionRevoker revoker, ILogger? logger = null, TimeProvider? timeProvider = null)
    {
        _httpClientFactory = httpClientFactory;
        _client = client;
        _revoker = revoker;
        _logger = logger;
        _timeProvider = timeProvider;
    }

    /// <summary>Ends a WorkOS session (<c>POST /user_management/sessions/revoke</c>).</summary>
    /// <param name="sessionId">The session id (<c>session_...</c>).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when WorkOS ended the session.</returns>
    /// <exception cref="WorkOSApiException">
    /// WorkOS refused or could not be reached, or no API key is configured (<c>api_key_missing</c>: no call made; the
    /// session is still refused on this instance).
    /// </exception>
    public virtual async Task RevokeAsync(string sessionId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(sessionId);
        await _revoker.RevokeAsync(sessionId).ConfigureAwait(false);
        await Client().RevokeSessionAsync(sessionId, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Lists a user's sessions (<c>GET /user_management/users/{id}/sessions</c>, all pages).</summary>
    /// <param name="userId">The user id (<c>user_...</c>).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The sessions.</returns>
    /// <exception cref="WorkOSApiException">
    /// WorkOS refused or could not be reached, or no API key is configured (<c>api_key_missing</c>, no call made).
    /// </exception>
    public virtual Task<IReadOnlyList<WorkOSSessionInfo>> ListAsync(string userId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(userId);
        return Client().ListSessionsAsync(userId, cancellationToken);
    }

    /// <summary>A client with the current client settings; none (and no call) without an API key.</summary>
    private WorkOSApiClient Client()
    {
        var settings = _client.CurrentValue;
        if (string.IsNullOrEmpty(settings.ApiKey))
        {
            if (_logger is not null)
            {
                LogApiKeyMissing(_logger);
            }

            throw new WorkOSApiException("WorkOSSessionService needs the WorkOS API key: set WorkOS:ApiKey in configuration, the "
                + "WORKOS_API_KEY environment variable, or WorkOSClientOptions.ApiKey.", statusCode: null, errorCode: "api_key_missing");
        }

        return new(_httpClientFactory.CreateClient(WorkOSAuthKitDefaults.HttpClientName), WorkOSApiSettings.From(settings), _logger, _timeProvider);
    }

    [LoggerMessage(EventId = 1801, Level = LogLevel.Error,
        Message = "WorkOSSessionService was called with no WorkOS API key in the client settings (WorkOS:ApiKey, WORKOS_API_KEY); no call was made.")]
    private static partial void LogApiKeyMissing(ILogger logger);
}
