using System.Net.Http.Headers;
using Microsoft.AspNetCore.Http;

namespace WorkOS.AspNetCore.Http;

/// <summary>Attaches the signed-in user's valid WorkOS access token to outgoing requests as a bearer token.</summary>
internal sealed class WorkOSAccessTokenHandler(IHttpContextAccessor accessor, string scheme) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.Headers.Authorization is null && accessor.HttpContext is { } context
            && await context.GetWorkOSAccessTokenAsync(scheme).ConfigureAwait(false) is { } token)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }
}
