using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using WorkOS.AspNetCore.Diagnostics;

namespace WorkOS.AspNetCore.Api;

/// <summary>
/// The WorkOS API calls the library makes. One instance per call site; the <see cref="HttpClient"/> comes from
/// <see cref="IHttpClientFactory"/> (named <see cref="WorkOSAuthKitDefaults.HttpClientName"/>). Secrets go to WorkOS
/// only: a redirect is an unexpected answer, never followed. Bodies are read up to <see cref="MaxResponseBytes"/>.
/// </summary>
internal sealed class WorkOSApiClient(HttpClient http, WorkOSApiSettings settings, ILogger? logger = null, TimeProvider? timeProvider = null)
{
    /// <summary>The largest body read from WorkOS (JSON answers and the JWKS): 1 MiB. A longer one is an error.</summary>
    public const int MaxResponseBytes = 1024 * 1024;

    /// <summary>The longest <c>Retry-After</c> honoured: 5 minutes. A longer wait asked for is cut to this.</summary>
    public static readonly TimeSpan MaxRetryAfter = TimeSpan.FromMinutes(5);

    /// <summary>A client on the library's named <see cref="HttpClient"/> (<see cref="WorkOSAuthKitDefaults.HttpClientName"/>).</summary>
    public static WorkOSApiClient Create(IHttpClientFactory httpClientFactory, WorkOSApiSettings settings, ILogger? logger = null,
        TimeProvider? timeProvider = null) =>
        new(httpClientFactory.CreateClient(WorkOSAuthKitDefaults.HttpClientName), settings, logger, timeProvider);

    private readonly ILogger _logger = logger ?? NullLogger.Instance;
    private readonly TimeProvider _time = timeProvider ?? TimeProvider.System;

    public Task<WorkOSAuthenticationResponse> AuthenticateWithCodeAsync(string code, string? codeVerifier, string? ipAddress,
        string? userAgent, CancellationToken cancellationToken) =>
        AuthenticateAsync(new AuthenticateRequest
        {
            GrantType = "authorization_code",
            ClientId = settings.ClientId,
            ClientSecret = settings.ApiKey,
            Code = code,
            CodeVerifier = codeVerifier,
            IpAddress = ipAddress,
            UserAgent = userAgent,
        }, cancellationToken);

    public Task<WorkOSAuthenticationResponse> RefreshAsync(string refreshToken, string? organizationId, string? ipAddress,
        string? userAgent, CancellationToken cancellationToken) =>
        AuthenticateAsync(new AuthenticateRequest
        {
            GrantType = "refresh_token",
            ClientId = settings.ClientId,
            ClientSecret = settings.ApiKey,
            RefreshToken = refreshToken,
            OrganizationId = organizationId,
            IpAddress = ipAddress,
            UserAgent = userAgent,
        }, cancellationToken);

    public async Task RevokeSessionAsync(string sessionId, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, settings.Url("user_management/sessions/revoke"))
        {
            Content = JsonContent.Create(new RevokeSessionRequest { SessionId = sessionId }, WorkOSJsonContext.Default.RevokeSessionRequest),
        };
        WorkOSEndpoint.RevokeSession.Tag(request);
        await SendAsync(request, WorkOSJsonContext.Default.JsonElement, authenticated: true, cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<WorkOSSessionInfo>> ListSessionsAsync(string userId, CancellationToken cancellationToken)
    {
        var sessions = new List<WorkOSSessionInfo>();
        string? after = null;
        do
        {
            var path = $"user_management/users/{Uri.EscapeDataString(userId)}/sessions?limit=100" + (after is null ? "" : "&after=" + Uri.EscapeDataString(after));
            using var request = WorkOSEndpoint.ListSessions.Tag(new HttpRequestMessage(HttpMethod.Get, settings.Url(path)));
            var page = await SendAsync(request, WorkOSJsonContext.Default.WorkOSListWorkOSSessionInfo, authenticated: true, cancellationToken).ConfigureAwait(false);
            if (page.Data is null || page.Data.Contains(null!))
            {
                _logger.UnexpectedAnswer(request.RequestUri!.AbsolutePath, 200, "application/json", "the list carries no sessions");
                throw new WorkOSApiException("WorkOS answered the sessions list without sessions.", HttpStatusCode.OK, "invalid_response");
            }

            sessions.AddRange(page.Data);
            after = page.Data.Count == 0 ? null : page.ListMetadata?.After;
        }
        while (after is not null && sessions.Count < 10_000);

        return sessions;
    }

    /// <summary>Sends a grant to <c>POST /user_management/authenticate</c>; an answer without tokens or user is an error.</summary>
    internal async Task<WorkOSAuthenticationResponse> AuthenticateAsync(AuthenticateRequest body, CancellationToken cancellationToken,
        WorkOSEndpoint? endpoint = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, settings.Url("user_management/authenticate"))
        {
            Content = JsonContent.Create(body, WorkOSJsonContext.Default.AuthenticateRequest),
        };
        (endpoint ?? (body.GrantType == "refresh_token" ? WorkOSEndpoint.TokenRefresh : WorkOSEndpoint.CodeExchange)).Tag(request);
        var response = await SendAsync(request, WorkOSJsonContext.Default.WorkOSAuthenticationResponse, authenticated: false, cancellationToken)
            .ConfigureAwait(false);
        if (string.IsNullOrEmpty(response.AccessToken) || string.IsNullOrEmpty(response.RefreshToken)
            || response.User is null || string.IsNullOrEmpty(response.User.Id))
        {
            var missing = string.IsNullOrEmpty(response.AccessToken) || string.IsNullOrEmpty(response.RefreshToken) ? "tokens" : "user";
            _logger.UnexpectedAnswer(request.RequestUri!.AbsolutePath, 200, "application/json", $"the answer carries no {missing}");
            throw new WorkOSApiException($"WorkOS answered the authenticate request with no {missing}.", HttpStatusCode.OK, "invalid_response");
        }

        return response;
    }

    /// <summary>Sends a request and reads a JSON body, turning every failure into a <see cref="WorkOSApiException"/>.</summary>
    internal async Task<T> SendAsync<T>(HttpRequestMessage request, JsonTypeInfo<T> typeInfo, bool authenticated, CancellationToken cancellationToken)
    {
        if (authenticated)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", settings.ApiKey);
        }

        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        var path = request.RequestUri!.AbsolutePath;

        // The client's timeout covers the whole answer, body included (headers are read first to bound the body), and
        // runs on the app's TimeProvider like every other wait of the library.
        using var deadline = http.Timeout == Timeout.InfiniteTimeSpan ? null : new CancellationTokenSource(http.Timeout, _time);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline?.Token ?? CancellationToken.None);

        try
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
            var status = (int)response.StatusCode;
            if (status is >= 300 and < 400)
            {
                throw Redirected(response, path);
            }

            var body = await BoundedContent.ReadAsync(response.Content, MaxResponseBytes, timeout.Token).ConfigureAwait(false);
            if (body is null)
            {
                _logger.ResponseTooLarge(path, status, MaxResponseBytes);
                throw new WorkOSApiException($"WorkOS answered with a body over {MaxResponseBytes} bytes.", response.StatusCode, "response_too_large");
            }

            if (!response.IsSuccessStatusCode)
            {
                throw ReadError(response, body, path);
            }

            try
            {
                return JsonSerializer.Deserialize(body, typeInfo)
                    ?? throw new WorkOSApiException("WorkOS answered with an empty body.", response.StatusCode, "invalid_response");
            }
            catch (JsonException ex)
            {
                _logger.UnexpectedAnswer(path, status, ContentType(response), "not the expected JSON");
                throw new WorkOSApiException("WorkOS answered with a body that is not the expected JSON.", response.StatusCode, "invalid_response", ex);
            }
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new WorkOSApiException("WorkOS did not answer in time.", null, "timeout", ex);
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException)
        {
            throw new WorkOSApiException("WorkOS could not be reached.", null, "network_error", ex);
        }
    }

    private WorkOSApiException Redirected(HttpResponseMessage response, string path)
    {
        // Where it pointed, without the query: enough to find the culprit, nothing a query string may carry.
        var location = response.Headers.Location is { } target
            ? (target.IsAbsoluteUri ? target : new Uri(response.RequestMessage?.RequestUri ?? settings.BaseUrl, target))
                .GetComponents(UriComponents.SchemeAndServer | UriComponents.Path, UriFormat.UriEscaped)
            : "(no location)";
        _logger.UnexpectedRedirect(path, (int)response.StatusCode, location);
        return new WorkOSApiException($"WorkOS answered with a redirect ({(int)response.StatusCode}); redirects are never followed.",
            response.StatusCode, "unexpected_redirect");
    }

    private WorkOSApiException ReadError(HttpResponseMessage response, byte[] content, string path)
    {
        WorkOSErrorBody? body = null;
        try
        {
            body = JsonSerializer.Deserialize(content, WorkOSJsonContext.Default.WorkOSErrorBody);
        }
        catch (JsonException)
        {
            // Not JSON (a proxy's HTML page, say): the status code alone tells what happened.
        }

        var code = NonEmpty(body?.Error) ?? NonEmpty(body?.Code);
        if (code is null)
        {
            _logger.UnexpectedAnswer(path, (int)response.StatusCode, ContentType(response), "no WorkOS error code");
        }

        var description = body?.ErrorDescription ?? body?.Message;
        var message = $"WorkOS answered {(int)response.StatusCode}{(code is null ? "" : $" ({code})")}{(description is null ? "." : $": {description}")}";
        return new WorkOSApiException(message, response.StatusCode, code, null, RetryAfter(response, path), body?.AuthKitRedirectUrl,
            body?.PendingAuthenticationToken)
        {
            IsWorkOSError = code is not null,
            Body = body,
        };
    }

    /// <summary>The wait WorkOS asked for (seconds or a date, against the injected clock), at most <see cref="MaxRetryAfter"/>.</summary>
    private TimeSpan? RetryAfter(HttpResponseMessage response, string path)
    {
        var retryAfter = response.Headers.RetryAfter switch
        {
            { Delta: { } delta } => delta,
            { Date: { } date } => date - _time.GetUtcNow(),
            _ => (TimeSpan?)null,
        };
        if (retryAfter is not { } wait)
        {
            return null;
        }

        if (wait > MaxRetryAfter)
        {
            _logger.RetryAfterCapped(path, wait, MaxRetryAfter);
            return MaxRetryAfter;
        }

        return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
    }

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;

    private static string ContentType(HttpResponseMessage response) => response.Content.Headers.ContentType?.MediaType ?? "no content type";
}
