using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace WorkOS.AspNetCore.Api;

/// <summary>
/// The WorkOS API calls the library makes. One instance per call site; the <see cref="HttpClient"/> comes from
/// <see cref="IHttpClientFactory"/> (named <see cref="WorkOSAuthKitDefaults.HttpClientName"/>).
/// </summary>
internal sealed class WorkOSApiClient(HttpClient http, WorkOSApiSettings settings)
{
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
        await SendAsync(request, WorkOSJsonContext.Default.JsonElement, authenticated: true, cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<WorkOSSessionInfo>> ListSessionsAsync(string userId, CancellationToken cancellationToken)
    {
        var sessions = new List<WorkOSSessionInfo>();
        string? after = null;
        do
        {
            var path = $"user_management/users/{Uri.EscapeDataString(userId)}/sessions?limit=100" + (after is null ? "" : "&after=" + Uri.EscapeDataString(after));
            using var request = new HttpRequestMessage(HttpMethod.Get, settings.Url(path));
            var page = await SendAsync(request, WorkOSJsonContext.Default.WorkOSListWorkOSSessionInfo, authenticated: true, cancellationToken).ConfigureAwait(false);
            sessions.AddRange(page.Data);
            after = page.Data.Count == 0 ? null : page.ListMetadata?.After;
        }
        while (after is not null && sessions.Count < 10_000);

        return sessions;
    }

    private async Task<WorkOSAuthenticationResponse> AuthenticateAsync(AuthenticateRequest body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, settings.Url("user_management/authenticate"))
        {
            Content = JsonContent.Create(body, WorkOSJsonContext.Default.AuthenticateRequest),
        };
        var response = await SendAsync(request, WorkOSJsonContext.Default.WorkOSAuthenticationResponse, authenticated: false, cancellationToken)
            .ConfigureAwait(false);
        if (string.IsNullOrEmpty(response.AccessToken) || string.IsNullOrEmpty(response.RefreshToken))
        {
            throw new WorkOSApiException("WorkOS answered the authenticate request without tokens.", HttpStatusCode.OK, "invalid_response");
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
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new WorkOSApiException("WorkOS did not answer in time.", null, "timeout", ex);
        }
        catch (HttpRequestException ex)
        {
            throw new WorkOSApiException("WorkOS could not be reached.", null, "network_error", ex);
        }

        using (response)
        {
            if (!response.IsSuccessStatusCode)
            {
                throw await ReadErrorAsync(response, cancellationToken).ConfigureAwait(false);
            }

            try
            {
                var value = await response.Content.ReadFromJsonAsync(typeInfo, cancellationToken).ConfigureAwait(false);
                return value ?? throw new WorkOSApiException("WorkOS answered with an empty body.", response.StatusCode, "invalid_response");
            }
            catch (JsonException ex)
            {
                throw new WorkOSApiException("WorkOS answered with a body that is not the expected JSON.", response.StatusCode, "invalid_response", ex);
            }
        }
    }

    private static async Task<WorkOSApiException> ReadErrorAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        WorkOSErrorBody? body = null;
        try
        {
            body = await response.Content.ReadFromJsonAsync(WorkOSJsonContext.Default.WorkOSErrorBody, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is JsonException or NotSupportedException or InvalidOperationException)
        {
            // Not JSON (a proxy's HTML page, say): the status code alone tells what happened.
        }

        var code = body?.Error ?? body?.Code;
        var description = body?.ErrorDescription ?? body?.Message;
        var retryAfter = response.Headers.RetryAfter switch
        {
            { Delta: { } delta } => delta,
            { Date: { } date } => date - DateTimeOffset.UtcNow,
            _ => (TimeSpan?)null,
        };
        var message = $"WorkOS answered {(int)response.StatusCode}{(code is null ? "" : $" ({code})")}{(description is null ? "." : $": {description}")}";
        return new WorkOSApiException(message, response.StatusCode, code, null, retryAfter, body?.AuthKitRedirectUrl, body?.PendingAuthenticationToken);
    }
}
