using System.Text;
using Microsoft.IdentityModel.Protocols;
using WorkOS.AspNetCore.Api;
using WorkOS.AspNetCore.Diagnostics;

namespace WorkOS.AspNetCore.Tokens;

/// <summary>
/// Fetches JWKS documents with a client from <see cref="IHttpClientFactory"/>, so tests and proxies configure one place.
/// Only WorkOS's own answer is trusted: a redirect is refused (a key set served by another host never signs tokens
/// here), and a body over <see cref="WorkOSApiClient.MaxResponseBytes"/> is refused unread. The client's timeout, which
/// covers the body too, runs on the app's <see cref="TimeProvider"/>. Each fetch counts in <c>workos.jwks.fetches</c>.
/// </summary>
internal sealed class HttpClientFactoryDocumentRetriever(IHttpClientFactory httpClientFactory, TimeProvider timeProvider, WorkOSMetrics? metrics = null)
    : IDocumentRetriever
{
    public async Task<string> GetDocumentAsync(string address, CancellationToken cancel)
    {
        try
        {
            var document = await FetchAsync(address, cancel).ConfigureAwait(false);
            metrics?.JwksFetch("fetched");
            return document;
        }
        catch (Exception ex)
        {
            metrics?.JwksFetch("failed", ex.GetType().FullName);
            throw;
        }
    }

    private async Task<string> FetchAsync(string address, CancellationToken cancel)
    {
        var http = httpClientFactory.CreateClient(WorkOSAuthKitDefaults.HttpClientName);
        using var deadline = http.Timeout == Timeout.InfiniteTimeSpan ? null : new CancellationTokenSource(http.Timeout, timeProvider);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancel, deadline?.Token ?? CancellationToken.None);

        using var request = WorkOSEndpoint.SigningKeys.Tag(new HttpRequestMessage(HttpMethod.Get, address));
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
        var status = (int)response.StatusCode;
        if (status is >= 300 and < 400)
        {
            throw new IOException($"Fetching the WorkOS signing keys from {address} was answered with a redirect ({status}); redirects are never followed.");
        }

        if (!response.IsSuccessStatusCode)
        {
            throw new IOException($"Fetching the WorkOS signing keys from {address} failed with status {status}.");
        }

        var body = await BoundedContent.ReadAsync(response.Content, WorkOSApiClient.MaxResponseBytes, timeout.Token).ConfigureAwait(false)
            ?? throw new IOException($"The WorkOS signing keys from {address} are over {WorkOSApiClient.MaxResponseBytes} bytes; they were not read.");
        return Encoding.UTF8.GetString(body);
    }
}
