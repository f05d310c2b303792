using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace WorkOS.AspNetCore.Connect;

/// <summary>
/// Adds <c>Authorization: Bearer</c> with a client credentials token to each request of a named client, and when the
/// API answers 401, retries once with a fresh token (when the request's body can be sent again). The secret never
/// travels with these requests: only the token endpoint sees it.
/// </summary>
internal sealed class ClientCredentialsHandler(string name, ClientCredentialsTokenSource tokens, IOptionsMonitor<WorkOSClientCredentialsOptions> options,
    ILogger<ClientCredentialsHandler> logger) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var token = await tokens.GetAsync(name, null, cancellationToken).ConfigureAwait(false);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode != HttpStatusCode.Unauthorized || request.Content is StreamContent)
        {
            return response;
        }

        logger.ClientTokenRejected(request.Method.Method, request.RequestUri?.Host ?? "(none)", options.Get(name).ClientId);
        var fresh = await tokens.GetAsync(name, token, cancellationToken).ConfigureAwait(false);
        response.Dispose();
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", fresh);
        return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }
}
